/// Reads a line by word families: the concept readings of `signals.yaml` (`read:`).
///
/// A reading is a list of families (lexicon concepts) that must appear in this order within one
/// clause, each at most `within` words after the one before, with no change of subject between
/// them ("my friend wants to die" has none of the speaker). Negation is scoped: a negation word
/// ("not", "never", "stop") flips what follows it up to the end of its scope ("if", "because",
/// "and", the end of the clause). The reading's last family must stand unflipped, unless the
/// reading writes it `not family`: then it must stand flipped ("i do not want to LIVE" fills
/// `not sig-life`, "i do not want to DIE" fills no `sig-death`). A negation written inside a longer family entry
/// ("no reason to") belongs to that entry and flips nothing, and a word inside an idiom ("dying to
/// see it", "live with my parents") counts for nothing.
///
/// Every word of the vocabulary maps to the set of families a phrase of which it can start
/// (``FamilyMask``), so tagging a line costs one array lookup per word; readings whose families
/// the line does not hold are skipped with one mask test.
package struct SignalReader: Sendable {
  /// Up to 256 families as bits, in four words (192 in three were all taken by the shared
  /// files of 2026-11-28).
  package struct FamilyMask: Sendable, Equatable {
    package var lo: UInt64 = 0
    package var mid: UInt64 = 0
    package var hi: UInt64 = 0
    package var top: UInt64 = 0

    package init() {}

    @inline(__always)
    package mutating func insert(_ f: Int) {
      if f < 64 {
        lo |= 1 << UInt64(f)
      } else if f < 128 {
        mid |= 1 << UInt64(f - 64)
      } else if f < 192 {
        hi |= 1 << UInt64(f - 128)
      } else {
        top |= 1 << UInt64(f - 192)
      }
    }

    @inline(__always)
    package func contains(_ f: Int) -> Bool {
      if f < 64 { return lo & (1 << UInt64(f)) != 0 }
      if f < 128 { return mid & (1 << UInt64(f - 64)) != 0 }
      if f < 192 { return hi & (1 << UInt64(f - 128)) != 0 }
      return top & (1 << UInt64(f - 192)) != 0
    }

    @inline(__always)
    mutating func formUnion(_ o: FamilyMask) {
      lo |= o.lo
      mid |= o.mid
      hi |= o.hi
      top |= o.top
    }

    @inline(__always)
    package func intersects(_ o: FamilyMask) -> Bool {
      lo & o.lo != 0 || mid & o.mid != 0 || hi & o.hi != 0 || top & o.top != 0
    }

    @inline(__always)
    package func isSuperset(of o: FamilyMask) -> Bool {
      lo & o.lo == o.lo && mid & o.mid == o.mid && hi & o.hi == o.hi && top & o.top == o.top
    }

    package var isEmpty: Bool { lo == 0 && mid == 0 && hi == 0 && top == 0 }

    /// Takes the lowest family out of the mask and returns it (nil when empty): how a mask's
    /// families are visited, lowest first.
    @inline(__always)
    package mutating func popFirst() -> Int? {
      if lo != 0 {
        let f = lo.trailingZeroBitCount
        lo &= lo - 1
        return f
      }
      if mid != 0 {
        let f = 64 + mid.trailingZeroBitCount
        mid &= mid - 1
        return f
      }
      if hi != 0 {
        let f = 128 + hi.trailingZeroBitCount
        hi &= hi - 1
        return f
      }
      if top != 0 {
        let f = 192 + top.trailingZeroBitCount
        top &= top - 1
        return f
      }
      return nil
    }

    /// How many families the mask holds.
    package var count: Int { lo.nonzeroBitCount + mid.nonzeroBitCount + hi.nonzeroBitCount + top.nonzeroBitCount }

    @inline(__always)
    package func intersection(_ o: FamilyMask) -> FamilyMask {
      var m = FamilyMask()
      m.lo = lo & o.lo
      m.mid = mid & o.mid
      m.hi = hi & o.hi
      m.top = top & o.top
      return m
    }

    /// The families of this mask that are not in `o`, with those of `keep` put back.
    @inline(__always)
    func subtracting(_ o: FamilyMask, keeping keep: FamilyMask) -> FamilyMask {
      var m = FamilyMask()
      m.lo = lo & (~o.lo | keep.lo)
      m.mid = mid & (~o.mid | keep.mid)
      m.hi = hi & (~o.hi | keep.hi)
      m.top = top & (~o.top | keep.top)
      return m
    }
  }

  /// The most families the reader holds.
  package static let maxFamilies = 256

  /// One compiled reading.
  package struct Reading: Sendable {
    package var families: [Int]
    /// For each family: true when it must stand flipped by a negation (`not sig-life`).
    package var negated: [Bool]
    package var within: Int
    /// The last family must end its clause.
    package var endsClause = false
    /// A word naming someone else between two families does not break the reading
    /// (`across_subjects`): the speaker compares the companion with people ("i like talking to
    /// YOU more than MY FRIENDS").
    package var acrossSubjects = false
    /// All its families: a line that lacks one cannot hold it (an ordered reading), or that
    /// holds fewer than `atLeast` of them.
    package var mask = FamilyMask()
    /// Above 0 for a reading written with `any`: it holds when at least this many of its
    /// families are met anywhere in the line, each as the speaker's own words, now, standing
    /// unflipped (see ``SignalReader/holdsCombination(_:in:)``).
    package var atLeast = 0
    /// With `any`: one of the families met must be one of these (empty: any of them).
    package var oneOf = FamilyMask()
    /// With `any`: families counted whoever's words they are, after a word naming someone else
    /// or in words reported ("if THEY SHUT YOU DOWN"); a negation and the past still count.
    package var anyone = FamilyMask()

    package init(families: [Int], negated: [Bool], within: Int, endsClause: Bool) {
      self.families = families
      self.negated = negated
      self.within = within
      self.endsClause = endsClause
      for f in families { mask.insert(f) }
    }

    /// False when a line whose families are `present` cannot hold the reading (one mask test,
    /// before a line is tagged further).
    @inline(__always)
    package func couldHold(_ present: FamilyMask) -> Bool {
      if atLeast == 0 { return present.isSuperset(of: mask) }
      if !oneOf.isEmpty && !present.intersects(oneOf) { return false }
      return present.intersection(mask).count >= atLeast
    }

    /// True when the families `met` (counted as the speaker's own) hold a reading written with
    /// `any`: at least `atLeast` of them, one of them from `oneOf`.
    @inline(__always)
    func isHeld(by met: FamilyMask) -> Bool {
      if !oneOf.isEmpty && !met.intersects(oneOf) { return false }
      return met.count >= atLeast
    }
  }

  package var names: [String] = []
  /// What each family is called for people (the `label:` of its concept), by index; a family
  /// past its end, or without a label, is called by its name (``label(_:)``).
  package var labels: [String?] = []
  package var families: [PhraseSet] = []
  package var negation = -1
  package var scopeEnd = -1
  /// A word that starts a new subject ("i"): after a negation in its scope, the scope ends
  /// there ("i can't sleep | i keep thinking about killing myself"), unless the word before it
  /// ends a `raising` entry ("i don't think | i want to live" keeps the negation).
  package var newSubject = -1
  package var raising = -1
  /// Texting drops the "i": a clause that starts (after words of `lead`: "lowkey", "honestly")
  /// with a word of `droppedSubject` ("been", "keep", "going to") holds the `speaker` family
  /// there, as if "i" stood before it ("lowkey been wanting to unalive").
  package var droppedSubject = -1
  package var lead = -1
  package var speaker = -1
  /// A clause told as past (a word of `past`, none of `present`) counts for no reading and no
  /// crisis pattern: "i used to want to die in high school", but "i used to self harm and
  /// lately i've started again" is now.
  package var past = -1
  package var present = -1
  /// A denial taken back in a later clause ("i'm not suicidal. well. maybe a little") is no denial.
  package var retraction = -1
  package var clauseEnd = -1
  package var subjectChange = -1
  /// Words naming a third person as the subject of what follows: a crisis pattern whose match
  /// starts after one in its clause is theirs ("my GF relapsed on self harm").
  package var others = -1
  /// Words that report what someone else said ("said", "told me"): after a subject change,
  /// what follows in the clause is theirs ("my friend SAID i want to die").
  package var quote = -1
  package var within = 6
  /// The families of idioms: what stands inside one of their entries counts for nothing.
  package var idioms = FamilyMask()
  /// The families only `any` readings count: their entries hold negations of their own ("not
  /// scared", "can not keep going") that must not hide a negation from the other readings (a
  /// negation inside a longer entry of any other family belongs to that entry).
  package var countedOnly = FamilyMask()
  /// The families whose words tolerate one typo (for crisis signals).
  package var typos = FamilyMask()
  /// The families of words a denial flips: a crisis pattern's match does not count when every
  /// word of these families inside it stands flipped ("i'm NOT suicidal", "i would NEVER kill
  /// myself"), so a denial with more after it ("...lol i just hate my job") is read as one.
  package var deniable = FamilyMask()
  /// Word id → the families a phrase of which starts with that word.
  package private(set) var starts: [FamilyMask] = []
  /// Word id → the families the word stands for alone unless a longer phrase goes on from it:
  /// those in which it is a one-word phrase, and those of which it starts no longer phrase.
  private var alone: [FamilyMask] = []
  /// The phrases of two or more words by their first two words (``SignalDetector/pair(_:_:)``):
  /// entry k is family `longerFamily[k]`, words `longerWords[longerStart[k]..<longerStart[k + 1]]`;
  /// the entries of one pair are in family order, each family's longest first. A word is tagged
  /// with one lookup of the pair it starts (most pairs of a line start no phrase), not with a
  /// look at every family whose phrases start with it: common words ("i", "to", "my") start
  /// phrases of dozens of families, and that look cost about 2,500 instructions of a neutral
  /// turn (callgrind).
  private var byPair = PairIndex()
  private var longerFamily: [Int32] = []
  private var longerStart: [Int32] = []
  private var longerWords: [Int32] = []

  package init() {}

  /// The index of a family, adding it if it is new; nil past ``maxFamilies``.
  package mutating func family(_ name: String, _ set: PhraseSet) -> Int? {
    if let k = names.firstIndex(of: name) { return k }
    guard names.count < Self.maxFamilies else { return nil }
    names.append(name)
    families.append(set)
    return names.count - 1
  }

  /// What family `f` is called for people: its label, or its name.
  package func label(_ f: Int) -> String {
    (f < labels.count ? labels[f] : nil) ?? names[f]
  }

  /// Fills the word → families tables.
  package mutating func finish(vocabularyCount: Int) {
    starts = [FamilyMask](repeating: FamilyMask(), count: vocabularyCount)
    var startsLonger = [FamilyMask](repeating: FamilyMask(), count: vocabularyCount)
    var singleOf = [FamilyMask](repeating: FamilyMask(), count: vocabularyCount)
    var entries: [UInt64: [Int32]] = [:]
    longerFamily = []
    longerStart = [0]
    longerWords = []
    for (f, set) in families.enumerated() {
      for w in set.firstWords where w >= 0 && Int(w) < vocabularyCount { starts[Int(w)].insert(f) }
      for w in set.singles where w >= 0 && Int(w) < vocabularyCount { singleOf[Int(w)].insert(f) }
      // `multi` is longest first, so each pair's entries are too, family by family.
      for phrase in set.multi where phrase[0] >= 0 && Int(phrase[0]) < vocabularyCount {
        startsLonger[Int(phrase[0])].insert(f)
        // A phrase whose second word is no word of the vocabulary can never match a line.
        guard phrase[1] >= 0 else { continue }
        entries[SignalDetector.pair(phrase[0], phrase[1]), default: []].append(Int32(longerFamily.count))
        longerFamily.append(Int32(f))
        longerWords += phrase
        longerStart.append(Int32(longerWords.count))
      }
    }
    alone = starts.indices.map { w in starts[w].subtracting(startsLonger[w], keeping: singleOf[w]) }
    byPair = PairIndex(entries)
  }

  /// The length of the longest phrase of family `f` among the entries `e..<end` of the pair at
  /// `p` (which lists the families in order), moving `e` past that family's entries; 0 when none.
  @inline(__always)
  func longest(family f: Int, _ ids: [Int32], at p: Int, _ e: inout Int, _ end: Int) -> Int {
    while e < end && Int(longerFamily[Int(byPair.item(at: e))]) < f { e += 1 }
    var found = 0
    while e < end {
      let k = Int(byPair.item(at: e))
      guard Int(longerFamily[k]) == f else { break }
      e += 1
      if found > 0 { continue }
      let from = Int(longerStart[k]), to = Int(longerStart[k + 1])
      guard p + (to - from) <= ids.count else { continue }
      var same = true
      for j in (from + 2)..<to where ids[p + j - from] != longerWords[j] {
        same = false
        break
      }
      if same { found = to - from }
    }
    return found
  }

  /// One family met in a line: words `start..<end`.
  struct Hit {
    var family: Int
    var start: Int
    var end: Int
  }

  /// A line tagged with its families, ready for readings.
  package struct Tagged {
    var hits: [Hit] = []
    /// All families met anywhere in the line.
    var present = FamilyMask()
    /// For each word position: its clause number.
    var clause: [Int] = []
    /// For each word position p: negations that start before p.
    var negationsBefore: [Int] = []
    /// For each word position: where the negation scope holding it starts.
    var scopeStart: [Int] = []
    /// For each word position p: subject changes that start before p.
    var changesBefore: [Int] = []
    /// For each clause: the families it holds.
    var clauseFamilies: [FamilyMask] = []
    /// For each word position: true when it follows someone else's report in its clause.
    var reported: [Bool] = []
    /// For each word position: where its clause ends.
    var clauseStop: [Int] = []
    /// For each word position p: the first hit that starts at or after p.
    var firstHit: [Int] = []
    var count = 0
    /// False until ``SignalReader/complete(_:breaks:)`` has filled in clauses and scopes.
    package var completed = false
    /// The stretches of clauses that hold a word of the past (``SignalReader/segment(_:_:_:)``).
    var pastSegments = Set<Int>()
  }

  /// Tags a line's words (ids after typo correction) with families, clauses and negation scopes.
  /// `breaks` are the positions where punctuation ended a clause.
  package func tag(_ ids: [Int32], breaks: [Int]) -> Tagged {
    var t = families(ids)
    complete(&t, breaks: breaks)
    return t
  }

  /// The first, cheap part of tagging: the families the line's words start (one table lookup
  /// per word). Most lines stop here: no reading can hold without all its families.
  package func families(_ ids: [Int32]) -> Tagged {
    var t = tagFamilies(ids)
    // A dropped subject may stand for the speaker (decided in `complete`, by clause).
    if speaker >= 0 && droppedSubject >= 0 && t.present.contains(droppedSubject) { t.present.insert(speaker) }
    return t
  }

  private func tagFamilies(_ ids: [Int32]) -> Tagged {
    var t = Tagged()
    let n = ids.count
    t.count = n
    if n == 0 || families.isEmpty { return t }
    // Room for two hits a word at once: grown one append at a time, the list was copied
    // about six times a line (1,100 instructions of a neutral turn's 42,000, by callgrind).
    t.hits.reserveCapacity(2 * n)
    for p in 0..<n {
      let id = ids[p]
      guard id >= 0, Int(id) < starts.count else { continue }
      var m = alone[Int(id)]
      // The longer phrases that start with this word and the next, if any: their families
      // join those the word stands for alone.
      var e = 0, end = 0
      if p + 1 < n && ids[p + 1] >= 0 {
        let r = byPair.range(SignalDetector.pair(id, ids[p + 1]))
        e = r.lowerBound
        end = r.upperBound
        for i in r { m.insert(Int(longerFamily[Int(byPair.item(at: i))])) }
      }
      let single = alone[Int(id)]
      while let f = m.popFirst() {
        var len = e < end ? longest(family: f, ids, at: p, &e, end) : 0
        if len == 0 && single.contains(f) { len = 1 }
        if len > 0 {
          t.hits.append(Hit(family: f, start: p, end: p + len))
          t.present.insert(f)
        }
      }
    }
    return t
  }

  /// The rest of tagging: idioms, clauses, negation scopes, subjects and reported speech.
  package func complete(_ t: inout Tagged, breaks: [Int]) {
    if t.completed { return }
    t.completed = true
    let n = t.count
    // Words inside an idiom count for nothing (hits are in order of their start; entries are short).
    if !idioms.isEmpty && t.hits.contains(where: { idioms.contains($0.family) }) {
      let all = t.hits
      t.hits = []
      t.present = FamilyMask()
      for (i, h) in all.enumerated() {
        if !idioms.contains(h.family) {
          var inside = false
          // Hidden when it starts inside an idiom ("i was GOING TO log off": "going to log off").
          var j = i - 1
          while j >= 0 && all[j].start > h.start - 16 {
            if idioms.contains(all[j].family) && all[j].end > h.start { inside = true }
            j -= 1
          }
          j = i + 1
          while !inside && j < all.count && all[j].start == h.start {
            if idioms.contains(all[j].family) { inside = true }
            j += 1
          }
          if inside { continue }
        }
        t.hits.append(h)
        t.present.insert(h.family)
      }
    }
    // Clauses: punctuation, and the clause-ending words.
    t.clause = [Int](repeating: 0, count: n + 1)
    var isBreak = [Bool](repeating: false, count: n + 1)
    for b in breaks where b > 0 && b <= n { isBreak[b] = true }
    var endWord = [Bool](repeating: false, count: n + 1)
    var negationAt = [Int](repeating: 0, count: n + 1)
    var scopeEndAt = [Bool](repeating: false, count: n + 1)
    var scopeFromAt = [Bool](repeating: false, count: n + 1)
    var changeAt = [Int](repeating: 0, count: n + 1)
    var subjectAt = [Bool](repeating: false, count: n + 1)
    var raisingEndsAt = [Bool](repeating: false, count: n + 1)
    for (i, h) in t.hits.enumerated() {
      if h.family == newSubject { subjectAt[h.start] = true }
      if h.family == raising { raisingEndsAt[h.end] = true }
      if h.family == clauseEnd {
        endWord[h.start] = true
        isBreak[h.end] = true
      } else if h.family == negation {
        // A negation inside a longer entry ("no reason to", "would not mind") belongs to it.
        // Inside an entry of a family only `any` readings count ("dont worry about me"), it
        // flips the other readings' words of that entry and no word after it: "dont worry
        // about me the rope is in my car" does not deny the rope.
        var inside = false
        var reach = -1
        var j = i - 1
        while !inside && j >= 0 && t.hits[j].start > h.start - 16 {
          let g = t.hits[j]
          if g.end >= h.end && g.end - g.start > h.end - h.start {
            if countedOnly.contains(g.family) { reach = max(reach, g.end) } else { inside = true }
          }
          j -= 1
        }
        j = i + 1
        while !inside && j < t.hits.count && t.hits[j].start == h.start {
          let g = t.hits[j]
          if g.end > h.end {
            if countedOnly.contains(g.family) { reach = max(reach, g.end) } else { inside = true }
          }
          j += 1
        }
        if !inside {
          negationAt[h.start] += 1
          if reach > 0 && reach < n { scopeFromAt[reach] = true }
        }
      } else if h.family == scopeEnd {
        scopeEndAt[h.start] = true
      } else if h.family == subjectChange {
        changeAt[h.start] += 1
      }
    }
    var c = 0
    for p in 0...n {
      if isBreak[p] || (p < n && endWord[p]) { c += 1 }
      t.clause[p] = c
    }
    if speaker >= 0 && droppedSubject >= 0 && t.present.contains(droppedSubject) {
      addDroppedSubjects(&t)
    }
    t.clauseStop = [Int](repeating: n, count: n + 1)
    for p in stride(from: n - 1, through: 0, by: -1) {
      t.clauseStop[p] = t.clause[p + 1] != t.clause[p] ? p + 1 : t.clauseStop[p + 1]
    }
    t.clauseFamilies = [FamilyMask](repeating: FamilyMask(), count: c + 1)
    for h in t.hits { t.clauseFamilies[t.clause[h.start]].insert(h.family) }
    t.firstHit = [Int](repeating: t.hits.count, count: n + 1)
    for (i, h) in t.hits.enumerated().reversed() { t.firstHit[h.start] = i }
    for p in stride(from: n - 1, through: 0, by: -1) where t.firstHit[p] > t.firstHit[p + 1] {
      t.firstHit[p] = t.firstHit[p + 1]
    }
    t.negationsBefore = [Int](repeating: 0, count: n + 1)
    t.changesBefore = [Int](repeating: 0, count: n + 1)
    t.scopeStart = [Int](repeating: 0, count: n + 1)
    var scope = 0
    for p in 0...n {
      if p > 0 {
        t.negationsBefore[p] = t.negationsBefore[p - 1] + negationAt[p - 1]
        t.changesBefore[p] = t.changesBefore[p - 1] + changeAt[p - 1]
        if t.clause[p] != t.clause[p - 1] { scope = p }
      }
      // A new subject after a negation in the scope starts a scope of its own, unless the
      // negation reaches it through a raising word ("not sure | i want").
      if p < n && subjectAt[p] && p > scope && t.negationsBefore[p] > t.negationsBefore[scope] && !raisingEndsAt[p] {
        scope = p
      }
      if scopeFromAt[p] { scope = p }
      if p < n && scopeEndAt[p] { scope = p + 1 }
      t.scopeStart[p] = scope
    }
    // The stretches of clauses (between words naming someone else) that hold a word of the past.
    t.pastSegments = []
    if past >= 0 {
      for h in t.hits where h.family == past {
        let c = t.clause[h.start]
        t.pastSegments.insert(Self.segment(c, t.changesBefore[h.end], n))
        // A clause that is only the time, said after ("i wrote a goodbye letter once, YEARS
        // AGO."), dates the clause before it.
        if c > 0 && h.start > 0 && t.clause[h.start - 1] == c - 1 && t.clauseStop[h.start] == h.end {
          t.clauseFamilies[c - 1].insert(past)
          t.pastSegments.insert(Self.segment(c - 1, t.changesBefore[h.start], n))
        }
      }
    }
    // Reported speech: a quote word after a subject change, in the same clause, up to the
    // speaker's next "i" that does not follow the quote word itself ("my dad yelled and i went
    // to my room and i started thinking..." is the speaker's again; "she said i" is hers).
    t.reported = [Bool](repeating: false, count: n + 1)
    if quote >= 0 {
      var quoteAt = [Bool](repeating: false, count: n + 1)
      var quoteEndsAt = [Bool](repeating: false, count: n + 1)
      for h in t.hits where h.family == quote {
        quoteAt[h.start] = true
        quoteEndsAt[h.end] = true
      }
      var clauseStart = 0
      var on = false
      for p in 0...n {
        if p > 0 && t.clause[p] != t.clause[p - 1] {
          clauseStart = p
          on = false
        }
        if on && p < n && subjectAt[p] && !quoteEndsAt[p] { on = false }
        t.reported[p] = on
        if p < n && quoteAt[p] && t.changesBefore[p] > t.changesBefore[clauseStart] { on = true }
      }
    }
  }

  /// Puts the speaker (an empty hit) where a clause starts with a dropped subject: at its first
  /// word after at most two leads, when that word starts an entry of `droppedSubject` and the
  /// clause has not named its subject before it.
  private func addDroppedSubjects(_ t: inout Tagged) {
    // The first hit starting at each position (hits are in order of their start), so that a
    // long line costs one pass, not a search of its hits per clause.
    var firstAt = [Int](repeating: t.hits.count, count: t.count + 1)
    for (i, h) in t.hits.enumerated().reversed() { firstAt[h.start] = i }
    func starts(_ q: Int, _ family: Int) -> Hit? {
      var j = firstAt[q]
      while j < t.hits.count && t.hits[j].start == q {
        if t.hits[j].family == family { return t.hits[j] }
        j += 1
      }
      return nil
    }
    var added: [Hit] = []
    var p = 0
    while p < t.count {
      // p starts a clause.
      var q = p
      var leads = 0
      var moved = true
      while moved && leads < 2 && q < t.count {
        moved = false
        // A lead, or the word that began the clause ("but", "lol").
        if let h = starts(q, lead) ?? (clauseEnd >= 0 ? starts(q, clauseEnd) : nil),
          h.end == t.count || t.clause[h.end] == t.clause[p]
        {
          q = h.end
          leads += 1
          moved = true
        }
      }
      if q < t.count && t.clause[q] == t.clause[p] && starts(q, droppedSubject) != nil && starts(q, speaker) == nil {
        added.append(Hit(family: speaker, start: q, end: q))
      }
      // The next clause.
      var r = p + 1
      while r < t.count && t.clause[r] == t.clause[p] { r += 1 }
      p = r
    }
    if added.isEmpty { return }
    // Merged in by start, each before the hits that start where it stands.
    var merged: [Hit] = []
    merged.reserveCapacity(t.hits.count + added.count)
    var j = 0
    for h in t.hits {
      while j < added.count && added[j].start <= h.start {
        merged.append(added[j])
        j += 1
      }
      merged.append(h)
    }
    merged.append(contentsOf: added[j...])
    t.hits = merged
    t.present.insert(speaker)
  }

  /// True when the words `range` are told as past: their clause holds a word of `past` with no
  /// one else named between it and them ("gonna go see my brother soon he passed in 2021" is
  /// not), and no word of `present`.
  func toldAsPast(_ range: Range<Int>, in t: Tagged) -> Bool {
    let c = t.clause[range.lowerBound]
    guard past >= 0, c < t.clauseFamilies.count, t.clauseFamilies[c].contains(past) else { return false }
    if present >= 0 && t.clauseFamilies[c].contains(present) { return false }
    // Words that name someone else themselves ("go see my brother, he passed") are not the
    // speaker's past.
    if t.changesBefore[range.upperBound] != t.changesBefore[range.lowerBound] { return false }
    return t.pastSegments.contains(Self.segment(c, t.changesBefore[range.lowerBound], t.count))
  }

  /// True when the word at `p` stands after a word of `others` that is the subject of its clause,
  /// with the speaker not named between them: "my GIRLFRIEND relapsed on self harm", "worried
  /// about my wife, SHE keeps asking how long it takes to drown", "i think MY DAD might be
  /// suicidal". A word of `others` is taken as the subject where it opens the clause or follows a
  /// word of `raising` ("think") or of `scopeEnd` ("and", "because"); elsewhere it is most often
  /// an object, and what follows is still the speaker's ("called MY MOM for the last time").
  func othersWords(at p: Int, in t: Tagged) -> Bool {
    guard others >= 0, t.completed, p < t.count, t.present.contains(others) else { return false }
    let c = t.clause[p]
    var q = p
    while q > 0 && t.clause[q - 1] == c { q -= 1 }
    var other = false
    var boundaryEnd = q
    var j = t.firstHit[q]
    while j < t.hits.count && t.hits[j].start < p {
      let h = t.hits[j]
      if h.family == others {
        if h.start == boundaryEnd || h.start == q { other = true }
      } else if h.family == speaker || h.family == newSubject {
        other = false
      } else if h.family == raising || h.family == scopeEnd {
        boundaryEnd = max(boundaryEnd, h.end)
      }
      j += 1
    }
    return other
  }

  /// True when the words `range` name the speaker ("my mom doesn't know I cut again"). A word
  /// inside an idiom names nobody: the "i" of "if i just died" is the idiom's ("i just died").
  func speakerNamed(in range: Range<Int>, of t: Tagged) -> Bool {
    guard !range.isEmpty, range.lowerBound < t.count else { return false }
    var j = t.firstHit[range.lowerBound]
    while j < t.hits.count && t.hits[j].start < range.upperBound {
      if t.hits[j].family == speaker || t.hits[j].family == newSubject { return true }
      j += 1
    }
    return false
  }

  /// A stretch of a clause between two words that name someone else.
  static func segment(_ clause: Int, _ changes: Int, _ count: Int) -> Int { clause * (count + 2) + changes }

  /// True when a crisis pattern's match `range` does not count: its crisis words all stand
  /// denied (and no later clause takes the denial back), it lies in one clause told as past, it
  /// starts in someone else's reported words ("my friend said she wants to kms"), or it starts
  /// after a third person who is its clause's subject and the speaker is not named in the rest
  /// of the clause ("my gf relapsed and cut again").
  package func discounted(_ range: Range<Int>, in t: Tagged) -> Bool {
    guard t.completed, !range.isEmpty, range.upperBound <= t.count else { return false }
    if denied(range, in: t) {
      // ...unless words after it take it back: a later clause ("not suicidal or anything. well.
      // maybe a little") or the rest of its own ("i haven't had any urges to cut UNTIL TONIGHT").
      return !(retraction >= 0 && t.hits.contains { $0.family == retraction && $0.start >= range.upperBound })
    }
    if t.reported[range.lowerBound] { return true }
    if othersWords(at: range.lowerBound, in: t)
      && !speakerNamed(in: range.lowerBound..<max(range.upperBound, t.clauseStop[range.lowerBound]), of: t)
    {
      return true
    }
    return t.clause[range.lowerBound] == t.clause[range.upperBound - 1] && toldAsPast(range, in: t)
  }

  /// True when the words `range` holds from the deniable families all stand flipped, and there
  /// is at least one.
  package func denied(_ range: Range<Int>, in t: Tagged) -> Bool {
    if deniable.isEmpty || !t.completed || t.hits.isEmpty || range.isEmpty || range.lowerBound >= t.firstHit.count { return false }
    var any = false
    var j = t.firstHit[range.lowerBound]
    while j < t.hits.count && t.hits[j].start < range.upperBound {
      let h = t.hits[j]
      j += 1
      guard deniable.contains(h.family) else { continue }
      let from = t.scopeStart[h.start]
      if (t.negationsBefore[h.start] - t.negationsBefore[from]) % 2 == 0 { return false }
      any = true
    }
    return any
  }

  /// True when the reading holds in some clause of the tagged line.
  @inline(__always)
  package func holds(_ r: Reading, in t: Tagged) -> Bool {
    var tries = 0
    return holds(r, in: t, tries: &tries)
  }

  /// ``holds(_:in:)``, counting in `tries` the (slot, hit) pairs it tried: never more than
  /// ``budget``, however long the line.
  package func holds(_ r: Reading, in t: Tagged, tries: inout Int) -> Bool {
    if !r.couldHold(t.present) || !t.completed { return false }
    if r.atLeast > 0 { return holdsCombination(r, in: t) }
    // On long lines, remember the (slot, hit) pairs that led nowhere: each is tried once (with no
    // negation used up); and no line may take more than `budget` tries of one reading, whatever
    // it holds ("i want to not live" ten thousand times).
    var failed: [Bool] = t.hits.count > 64 ? [Bool](repeating: false, count: r.families.count * t.hits.count) : []
    var budget = Self.budget
    defer { tries = Self.budget - max(budget, 0) }
    for i in t.hits.indices where t.hits[i].family == r.families[0] && !t.reported[t.hits[i].start] {
      let c = t.clause[t.hits[i].start]
      if !r.families.allSatisfy({ t.clauseFamilies[c].contains($0) }) { continue }
      if toldAsPast(t.hits[i].start..<t.hits[i].end, in: t) { continue }
      if fill(r, 0, i, t, consumed: 0, &failed, &budget) { return true }
      if budget <= 0 { return false }
    }
    return false
  }

  /// True when at least `r.atLeast` of the reading's families (one of them from `r.oneOf`) are met
  /// in the line, clauses and sentences apart ("wrote the letters. they're on my desk. tonight"):
  /// warning signs that mean little alone and much together. A word counts only as the
  /// speaker's own, now: not flipped by a negation in its scope ("i DON'T have pills"), not
  /// in a clause told as past, not in someone else's reported words, and not after a word
  /// naming someone else in its clause unless the speaker's "i" came back after it ("my COUSIN
  /// wrote a goodbye letter"; "my sister thinks i'm fine but I wrote the note"), or unless the
  /// phrase names the speaker itself ("everyone would be lighter without ME").
  ///
  /// A word counts once: a phrase that overlaps one already counted counts for nothing
  /// ("when i am gone" is the idea of dying or finality, not both), and of the phrases that
  /// start at one word the longest is taken.
  func holdsCombination(_ r: Reading, in t: Tagged) -> Bool {
    r.isHeld(by: met(r.mask, anyone: r.anyone, in: t))
  }

  /// The families of `mask` met in the completed line as ``holdsCombination(_:in:)`` counts
  /// them: each as the speaker's own words now, each word for one family only (of the families
  /// of `mask`: the longest phrase that starts at a word). For the readings written with `any`
  /// that hold, what annotations name as the warning signs seen.
  @inline(__always)
  package func met(_ mask: FamilyMask, anyone: FamilyMask = FamilyMask(), in t: Tagged) -> FamilyMask {
    var met = FamilyMask()
    var clause = -1
    var other = false
    var countedUntil = 0
    var i = 0
    while i < t.hits.count {
      // The hits that start at one word: a word naming someone, or the speaker, changes who
      // speaks for what starts after it, not for phrases that start with it ("you won't
      // hear from me again").
      let start = t.hits[i].start
      if t.clause[start] != clause {
        clause = t.clause[start]
        other = false
      }
      var j = i
      var otherAfter = other
      var longest: Hit?
      while j < t.hits.count && t.hits[j].start == start {
        let h = t.hits[j]
        j += 1
        // A word inside a phrase already counted belongs to that phrase: the generic "you" of
        // "can YOU die from" names nobody ("can u die from 40 ibuprofen").
        if h.family == subjectChange && start >= countedUntil { otherAfter = true }
        if h.family == newSubject || h.family == speaker { otherAfter = false }
        if mask.contains(h.family) && h.end > (longest?.end ?? start) { longest = h }
      }
      if let h = longest, start >= countedUntil,
        anyone.contains(h.family) || ((!other || namesSpeaker(h, from: j, in: t)) && !t.reported[start])
      {
        let flipped = (t.negationsBefore[start] - t.negationsBefore[t.scopeStart[start]]) % 2 == 1
        if !flipped && !toldAsPast(start..<h.end, in: t) {
          met.insert(h.family)
          countedUntil = h.end
        }
      }
      other = otherAfter
      i = j
    }
    return met
  }

  /// True when the phrase `h` names the speaker inside itself ("everyone would be lighter
  /// without ME"): it is the speaker's, whoever was named before it. `next` is the first hit
  /// that starts after `h` does.
  private func namesSpeaker(_ h: Hit, from next: Int, in t: Tagged) -> Bool {
    var k = next
    while k < t.hits.count && t.hits[k].start < h.end {
      if t.hits[k].family == speaker || t.hits[k].family == newSubject { return true }
      k += 1
    }
    return false
  }

  /// The most (slot, hit) pairs one reading tries on one line.
  package static let budget = 50_000

  /// Tries hit `i` in slot `k` of the reading, then the later slots.
  private func fill(
    _ r: Reading, _ k: Int, _ i: Int, _ t: Tagged, consumed: Int, _ failed: inout [Bool], _ budget: inout Int
  ) -> Bool {
    budget -= 1
    if budget < 0 { return false }
    let h = t.hits[i]
    let last = k == r.families.count - 1
    let memo = !failed.isEmpty && consumed == 0
    if memo && failed[k * t.hits.count + i] { return false }
    let from = max(t.scopeStart[h.start], consumed)
    let flipped = (t.negationsBefore[h.start] - t.negationsBefore[from]) % 2 == 1
    var nextConsumed = consumed
    var ok = true
    if r.negated[k] {
      // `not family`: flipped, and its negation is used up ("i do not want to live" is
      // not a flipped "want" for what follows).
      ok = flipped
      nextConsumed = h.start
    } else if last && flipped {
      // A family that is not the last fills its slot flipped or not ("i do not want to live":
      // "want" is flipped, the last word decides).
      ok = false
    }
    if ok && last && r.endsClause && h.end != t.clauseStop[h.start] { ok = false }
    if ok && !last {
      ok = false
      let next = r.families[k + 1]
      var j = t.firstHit[h.end]
      while j < t.hits.count, t.hits[j].start - h.end <= r.within {
        let g = t.hits[j]
        if g.family == next && t.clause[g.start] == t.clause[h.start]
          && (r.acrossSubjects || t.changesBefore[g.start] == t.changesBefore[h.end])
          && fill(r, k + 1, j, t, consumed: nextConsumed, &failed, &budget)
        {
          ok = true
          break
        }
        j += 1
      }
    }
    if !ok && memo && budget >= 0 { failed[k * t.hits.count + i] = true }
    return ok
  }
}
