/// Finds the user-side signals in a line: warning signs, crisis and exit intent.
///
/// Signals always read the whole line, normalized with the shared lexicon. A signal shows when one
/// of its readings holds (word families in order within a clause, with scoped negation: see
/// ``SignalReader``) or one of its patterns matches, and none of its `unless` patterns does. A
/// negatable signal's pattern does not count when a negation word stands just before what matched
/// ("I'm not lonely"); long words of crisis signals tolerate one typo ("suicdal").
package struct SignalDetector: Sendable {
  package struct Compiled: Sendable {
    package var info: SignalInfo
    package var kind: SignalKind
    package var patterns: [Pattern]
    package var unless: [Pattern]
    package var negatable: Bool
    /// Frames that take the signal back only for the words they cover (`unless_frame`).
    package var unlessFrame: [Pattern] = []
    package var readings: [SignalReader.Reading] = []
    /// Counts only within this many lines after one that showed a crisis signal (`after_crisis`);
    /// 0: always.
    package var afterCrisis = 0
    package var examples: [Located<String>] = []
    package var notExamples: [Located<String>] = []
    /// Where each pattern and each reading was written, in the order of `patterns` and
    /// `readings` (for ``reasons(_:matcher:)``).
    package var patternPlaces: [SourceLocation] = []
    package var readingPlaces: [SourceLocation] = []
    /// Where each `unless` and `unless_frame` pattern was written (a crisis signal's frames end
    /// with the shared `crisis_frames`), for the reasons a line is not read.
    package var unlessPlaces: [SourceLocation] = []
    package var unlessFramePlaces: [SourceLocation] = []
  }

  package var signals: [Compiled] = []
  /// The word families the signals' readings use.
  package var reader = SignalReader()
  /// True when some signal has readings.
  package var reads: Bool { !allReadings.isEmpty }
  /// Every signal's readings, end to end (filled by ``buildIndex()``): whether any of them could
  /// hold on a line is asked of this one list, not signal by signal, reading by reading, through
  /// two levels of arrays (about 750 instructions of a neutral turn, by callgrind).
  package private(set) var allReadings: [SignalReader.Reading] = []
  /// The same readings filed by family (filled by ``buildIndex()``).
  private var readingIndex = ReadingIndex()
  package var lexicon = Lexicon()
  package var vocabulary = Vocabulary()
  /// Words one typo away from a word of a fuzzy signal: deletion key → word id.
  package var fuzzy = FuzzyTable()
  package var negations: Set<Int32> = []
  /// How many words before a match a negation still counts.
  package static let negationWindow = 3

  /// Every pattern of every signal, in order: (signal, pattern) indices.
  package var flat: [(signal: Int32, pattern: Int32)] = []
  /// Word id → the patterns (indices into `flat`) filed under that word (see `byPair` for those
  /// filed under two words in a row), as
  /// one flat list: those of word id w are `filed[fileStart[w]..<fileStart[w + 1]]` (an array
  /// lookup per word of a line instead of a hash).
  package private(set) var fileStart: [Int32] = []
  package private(set) var filed: [Int32] = []
  /// Patterns filed under a pair of words in a row (see ``pair(_:_:)``), and the words that start
  /// such a pair as a bitmap, so that most of a line's pairs are never looked up.
  package private(set) var byPair = PairIndex()
  package private(set) var pairFirst: [UInt64] = []
  /// Patterns that name no word a line must hold: tried on every line.
  package var unanchored: [Int32] = []

  /// What a line must hold before a pattern (by its index in `flat`) is handed to the matcher,
  /// as flat lists, so that a candidate that cannot match costs a few array reads and never a
  /// copy of its pattern: its literal words (`gateWords[gateWordStart[k]..<gateWordStart[k + 1]]`),
  /// the phrase sets one phrase of which must occur in the line (`gateSetIndex`, numbers of the
  /// distinct sets), and for a pattern anchored with `^`, the word or set that must open the line.
  package private(set) var gateWordStart: [Int32] = []
  package private(set) var gateWords: [Int32] = []
  /// Each pattern's literal words' ids modulo 64 as bits: a line whose words' bits (see
  /// ``GateMemo/lineBits``) lack one of them lacks that word, and the pattern is turned away
  /// with one test.
  package private(set) var gateBits: [UInt64] = []
  package private(set) var gateSetStart: [Int32] = []
  package private(set) var gateSetIndex: [Int32] = []
  package private(set) var leadWord: [Int32] = []
  package private(set) var leadSet: [Int32] = []
  /// How many distinct gate sets there are.
  package private(set) var gateSetCount = 0
  /// Each gate set's first words, sorted: `entryWord[e]` for e in `setEntries[g]..<setEntries[g + 1]`;
  /// `entrySingle[e]` when the word is a phrase of its own, and the longer phrases it starts,
  /// `phraseWords[phraseStart[p]..<phraseStart[p + 1]]` for p in `entryPhrases[e]..<entryPhrases[e + 1]`.
  package private(set) var setEntries: [Int32] = []
  package private(set) var entryWord: [Int32] = []
  package private(set) var entrySingle: [Bool] = []
  package private(set) var entryPhrases: [Int32] = []
  package private(set) var phraseStart: [Int32] = []
  package private(set) var phraseWords: [Int32] = []
  /// Sets of more than `bitmapFrom` first words also keep them as a bitmap over word ids, so a
  /// word of the line that starts none of their phrases is turned away with one bit test. Each
  /// spans only the 64-id blocks from its smallest first word to its largest (`setBitmap[g]`,
  /// offset -1: none): over the whole vocabulary, the gate tables held 2.6 MB of the 10,000-rule
  /// benchmark's heap (heaptrack), 2.1 MB so.
  package private(set) var setBitmap: [BitSpan] = []
  /// Where a set's bitmap is in `bitmaps`, and the blocks of ids it covers.
  package struct BitSpan: Sendable {
    var offset: Int32
    var low: Int32
    var count: Int32
  }
  /// For each set without a bitmap, its first words' ids modulo 64 as bits: a word whose bit is
  /// clear starts none of its phrases, and the binary search (whose unpredictable branches cost
  /// a third of choosing a line's candidates) is not run.
  package private(set) var setMask: [UInt64] = []
  package private(set) var bitmaps: [UInt64] = []
  static let bitmapFrom = 16

  package init() {}

  /// Words so frequent in chat that a pattern filed under one would be tried on most lines.
  static let commonWords: Set<String> = [
    "i", "im", "me", "my", "myself", "you", "your", "youre", "we", "us", "our", "it", "its", "this", "that", "the",
    "a", "an", "to", "of", "and", "or", "but", "so", "in", "on", "at", "for", "with", "from", "about", "as", "is",
    "am", "are", "was", "were", "be", "been", "being", "do", "dont", "does", "did", "have", "has", "had", "not",
    "no", "just", "like", "really", "so", "all", "what", "how", "why", "when", "if", "then", "can", "cant", "will",
    "would", "should", "could", "get", "got", "go", "going", "know", "think", "feel", "want", "need", "one",
    "there", "here", "they", "them", "he", "she", "his", "her", "him", "up", "out", "more", "much", "very", "too",
    "now", "today", "tonight", "time", "day", "again", "even", "still", "anymore", "ever", "never", "some", "any",
  ]

  /// Files each pattern under what every match must contain: its rarest literal word, or each
  /// phrase of its cheapest required set (a one-word phrase by its word, a longer one by its first
  /// two words), so a line only tries the patterns its words can satisfy, and then only those
  /// that pass their gates (``candidates(_:)``): detection costs the same with 40 patterns or 4,000.
  package mutating func buildIndex() {
    fuzzy.trim()
    allReadings = signals.flatMap(\.readings)
    readingIndex = ReadingIndex(
      allReadings, families: reader.families.count, size: { [reader] in reader.families[$0].firstWords.count })
    reader.finish(vocabularyCount: vocabulary.count)
    flat = []
    var byWord: [Int32: [Int32]] = [:]
    var byPair: [UInt64: [Int32]] = [:]
    unanchored = []
    var frequency: [Int32: Int] = [:]
    for s in signals { for p in s.patterns { for w in Set(p.requiredWords) { frequency[w, default: 0] += 1 } } }
    // How often a pattern filed under a word is tried: words common in any chat ("i", "to",
    // "my") would make it tried on nearly every line, so they cost far more than rare ones.
    func cost(_ w: Int32) -> Int {
      (Self.commonWords.contains(vocabulary.word(w)) ? 10_000 : 0) + (frequency[w] ?? 0)
    }
    for (si, s) in signals.enumerated() {
      for (pi, p) in s.patterns.enumerated() {
        let k = Int32(flat.count)
        flat.append((Int32(si), Int32(pi)))
        // Filed under one literal word, or under every phrase of one required set: a one-word
        // phrase by its word, a longer one by its first two words (a pair is far rarer in a line
        // than either word: "go to sleep" is filed under "go to", not under every "go").
        var best: (cost: Int, words: [Int32], pairs: [UInt64])?
        for w in p.requiredWords {
          let c = cost(w)
          if best == nil || c < best!.cost || (c == best!.cost && w < best!.words[0]) { best = (c, [w], []) }
        }
        for set in p.requiredSets {
          let words = set.singles.sorted()
          let pairs = Set(set.multi.map { Self.pair($0[0], $0[1]) }).sorted()
          let c = words.reduce(0) { $0 + cost($1) } + pairs.count
          if best == nil || c < best!.cost { best = (c, words, pairs) }
        }
        if let best {
          for w in best.words { byWord[w, default: []].append(k) }
          for key in best.pairs { byPair[key, default: []].append(k) }
        } else {
          unanchored.append(k)
        }
      }
    }
    buildGates()
    fileStart = [Int32](repeating: 0, count: vocabulary.count + 1)
    filed = []
    for w in 0..<vocabulary.count {
      fileStart[w] = Int32(filed.count)
      filed += byWord[Int32(w)] ?? []
    }
    fileStart[vocabulary.count] = Int32(filed.count)
    self.byPair = PairIndex(byPair)
    pairFirst = [UInt64](repeating: 0, count: vocabulary.count / 64 + 1)
    for key in byPair.keys {
      let w = Int(key >> 32)
      pairFirst[w >> 6] |= 1 << UInt64(w & 63)
    }
  }

  /// Two word ids as one key.
  @inline(__always)
  static func pair(_ a: Int32, _ b: Int32) -> UInt64 { UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b)) }

  mutating func buildGates() {
    gateWordStart = [0]
    gateWords = []
    gateBits = []
    gateSetStart = [0]
    gateSetIndex = []
    leadWord = []
    leadSet = []
    var sets: [PhraseSet] = []
    var setIndex: [ObjectIdentifier: Int32] = [:]
    func index(_ set: PhraseSet) -> Int32 {
      if let k = setIndex[set.identity] { return k }
      let k = Int32(sets.count)
      setIndex[set.identity] = k
      sets.append(set)
      return k
    }
    for (si, pi) in flat {
      let p = signals[Int(si)].patterns[Int(pi)]
      gateWords += Set(p.requiredWords).sorted()
      gateWordStart.append(Int32(gateWords.count))
      gateBits.append(p.requiredWords.reduce(UInt64(0)) { $0 | 1 << UInt64($1 & 63) })
      var required = Set<Int32>()
      for set in p.requiredSets { required.insert(index(set)) }
      gateSetIndex += required.sorted()
      gateSetStart.append(Int32(gateSetIndex.count))
      var word: Int32 = -1, set: Int32 = -1
      switch p.elements.first {
      case .word(let w)?: word = w
      case .phrase(let s, _)? where !s.allowsEmpty: set = index(s)
      default: break
      }
      leadWord.append(word)
      leadSet.append(set)
    }
    gateSetCount = sets.count
    setEntries = [0]
    entryWord = []
    entrySingle = []
    entryPhrases = [0]
    phraseStart = [0]
    phraseWords = []
    setBitmap = []
    setMask = []
    bitmaps = []
    for set in sets {
      var byFirst: [Int32: [[Int32]]] = [:]
      for phrase in set.multi { byFirst[phrase[0], default: []].append(phrase) }
      let firsts = set.firstWords.filter { $0 >= 0 && Int($0) < vocabulary.count }
      for w in firsts {
        entryWord.append(w)
        entrySingle.append(set.hasSingle(w))
        for phrase in byFirst[w] ?? [] {
          phraseWords += phrase
          phraseStart.append(Int32(phraseWords.count))
        }
        entryPhrases.append(Int32(phraseStart.count - 1))
      }
      setEntries.append(Int32(entryWord.count))
      setMask.append(firsts.reduce(UInt64(0)) { $0 | 1 << UInt64($1 & 63) })
      if firsts.count > Self.bitmapFrom, let first = firsts.first, let last = firsts.last {
        let low = Int(first) >> 6, count = Int(last) >> 6 - low + 1
        setBitmap.append(BitSpan(offset: Int32(bitmaps.count), low: Int32(low), count: Int32(count)))
        var bits = [UInt64](repeating: 0, count: count)
        for w in firsts { bits[Int(w) >> 6 - low] |= 1 << UInt64(w & 63) }
        bitmaps += bits
      } else {
        setBitmap.append(BitSpan(offset: -1, low: 0, count: 0))
      }
    }
  }

  /// Whether a phrase of gate set `g` starts at `pos` of the line.
  @inline(__always)
  func gateSet(_ g: Int, startsAt pos: Int, _ ids: [Int32]) -> Bool {
    let w = ids[pos]
    guard w >= 0 else { return false }
    let span = setBitmap[g]
    if span.offset >= 0 {
      let b = Int(w) >> 6 &- Int(span.low)
      guard UInt(bitPattern: b) < UInt(span.count), bitmaps[Int(span.offset) + b] & (1 << UInt64(w & 63)) != 0
      else { return false }
    } else if setMask[g] & (1 << UInt64(w & 63)) == 0 {
      return false
    }
    var lo = Int(setEntries[g]), hi = Int(setEntries[g + 1])
    while lo < hi {
      let mid = (lo + hi) / 2
      if entryWord[mid] < w { lo = mid + 1 } else { hi = mid }
    }
    guard lo < Int(setEntries[g + 1]), entryWord[lo] == w else { return false }
    if entrySingle[lo] { return true }
    for p in Int(entryPhrases[lo])..<Int(entryPhrases[lo + 1]) {
      let from = Int(phraseStart[p]), to = Int(phraseStart[p + 1])
      guard pos + (to - from) <= ids.count else { continue }
      var same = true
      for k in (from + 1)..<to where ids[pos + k - from] != phraseWords[k] {
        same = false
        break
      }
      if same { return true }
    }
    return false
  }

  /// What one line has shown of the gate sets so far: each set already looked for and whether a
  /// phrase of it was found (a line meets few), in scratch memory of the caller's stack; and the
  /// line's word ids modulo 64 as bits, which turn away most missing words and most sets kept
  /// without a bitmap at once.
  struct GateMemo {
    var known: UnsafeMutableBufferPointer<(set: Int32, found: Bool)>
    var count = 0
    var lineBits: UInt64 = 0
  }

  /// True when the line holds what pattern `k` of `flat` needs before it is worth matching.
  @inline(__always)
  func passesGate(_ k: Int, _ ids: [Int32], _ memo: inout GateMemo) -> Bool {
    if gateBits[k] & ~memo.lineBits != 0 { return false }
    if leadWord[k] >= 0 && (ids.isEmpty || ids[0] != leadWord[k]) { return false }
    if leadSet[k] >= 0 && (ids.isEmpty || !gateSet(Int(leadSet[k]), startsAt: 0, ids)) { return false }
    for i in Int(gateWordStart[k])..<Int(gateWordStart[k + 1]) where !ids.contains(gateWords[i]) { return false }
    for g in gateSetIndex[Int(gateSetStart[k])..<Int(gateSetStart[k + 1])] {
      if setBitmap[Int(g)].offset < 0 && setMask[Int(g)] & memo.lineBits == 0 { return false }
      var found: Bool?
      for i in 0..<memo.count where memo.known[i].set == g {
        found = memo.known[i].found
        break
      }
      if found == nil {
        let here = gateSetOccurs(Int(g), ids)
        if memo.count < memo.known.count {
          memo.known[memo.count] = (g, here)
          memo.count += 1
        }
        found = here
      }
      if found == false { return false }
    }
    return true
  }

  /// Whether a phrase of gate set `g` starts anywhere in the line. A word whose bit is clear in
  /// the set's first words' bits (``setMask``, kept for every set) is passed over before the
  /// set's bitmap or its sorted words are read: a set with a bitmap read it, at an index
  /// computed anew, for every word of the line.
  @inline(__always)
  func gateSetOccurs(_ g: Int, _ ids: [Int32]) -> Bool {
    let mask = setMask[g]
    for pos in ids.indices {
      let w = ids[pos]
      if w < 0 || mask & (1 << UInt64(w & 63)) == 0 { continue }
      if gateSet(g, startsAt: pos, ids) { return true }
    }
    return false
  }

  /// The patterns (indices into `flat`, sorted, each once) that the line's words, pairs
  /// of words and gates leave worth matching.
  ///
  /// Each pattern filed under a word or pair of the line is gated where it is found, and only
  /// those that pass are kept, sorted and made unique: most fail their gates (a neutral line
  /// finds about fifteen and keeps one or two), and gathering, sorting and then gating them all
  /// cost about 1,500 instructions of a neutral turn more (callgrind). The gates are a pure test
  /// of the line, so a pattern found twice is kept twice and made unique after.
  package func candidates(_ ids: [Int32]) -> [Int32] {
    var kept: [Int32] = []
    withUnsafeTemporaryAllocation(of: (set: Int32, found: Bool).self, capacity: 32) { scratch in
      var memo = GateMemo(known: scratch)
      for id in ids where id >= 0 { memo.lineBits |= 1 << UInt64(id & 63) }
      // A pattern whose literal words' bits the line lacks (most of those found) is turned away
      // here, before the call (with ``gateSetOccurs``: choosing the candidates went from about
      // 3,290 to 3,100 instructions of a neutral turn, by callgrind). Not a local function: one
      // that captures `memo` checks each access to it at run time.
      let bits = memo.lineBits
      for k in unanchored where gateBits[Int(k)] & ~bits == 0 && passesGate(Int(k), ids, &memo) {
        kept.append(k)
      }
      for id in ids where id >= 0 && Int(id) + 1 < fileStart.count {
        for i in Int(fileStart[Int(id)])..<Int(fileStart[Int(id) + 1])
        where gateBits[Int(filed[i])] & ~bits == 0 && passesGate(Int(filed[i]), ids, &memo) {
          kept.append(filed[i])
        }
      }
      guard !byPair.isEmpty && ids.count > 1 else { return }
      for k in 0..<(ids.count - 1) {
        let w = ids[k]
        guard w >= 0, Int(w) >> 6 < pairFirst.count, pairFirst[Int(w) >> 6] & (1 << UInt64(w & 63)) != 0 else { continue }
        for i in byPair.range(Self.pair(w, ids[k + 1]))
        where gateBits[Int(byPair.item(at: i))] & ~bits == 0 && passesGate(Int(byPair.item(at: i)), ids, &memo) {
          kept.append(byPair.item(at: i))
        }
      }
    }
    if kept.count < 2 { return kept }
    // Each pattern once (a long line files the same ones under every repeat of a word).
    kept.sort()
    var unique = 1
    for k in 1..<kept.count where kept[k] != kept[unique - 1] {
      kept[unique] = kept[k]
      unique += 1
    }
    kept.removeLast(kept.count - unique)
    return kept
  }

  /// The result for one line.
  package struct Found: Sendable, Equatable {
    package var ids: [String] = []
    package var crisis = false
    package var exit = false
    /// Signal id → what its readings written with `any` counted, for each signal shown by one
    /// (``cues(_:_:)``); no entry for the others. Filled only when such a reading holds (rare).
    package var cues: [String: [String]] = [:]
  }

  /// `sinceCrisis`: how many lines back the last line that showed a crisis signal is (1: the
  /// line before), or nil; an `after_crisis` signal counts only within its window of it (a
  /// confirmation, "not really jk"; pills named after a disclosure).
  package func detect(_ text: String, matcher: inout Matcher, sinceCrisis: Int? = nil) -> Found {
    if signals.isEmpty { return Found() }
    return detect(
      normalized: Normalizer.normalize(text, lexicon: lexicon, vocabulary: vocabulary), matcher: &matcher,
      sinceCrisis: sinceCrisis)
  }

  /// ``detect(_:matcher:)`` for a line already normalized with this detector's lexicon, by a
  /// vocabulary whose first words are this detector's (a scenario that plays the shared lexicon
  /// starts its vocabulary from the signals', so one normalization serves both): a word past
  /// this detector's own is one it does not know.
  package func detect(normalized line: NormalizedLine, matcher: inout Matcher, sinceCrisis: Int? = nil) -> Found {
    detect(normalized: line, matcher: &matcher, sinceCrisis: sinceCrisis, frames: 0)
  }

  /// The most frames weighed one inside another on one line (``holdsBesideFrame``): past them a
  /// crisis or exit signal a frame took back shows, so that a long line of frames costs little
  /// and never hides a crisis.
  static let frameDepth = 4

  /// ``detect(normalized:matcher:sinceCrisis:)`` with `frames` frames already taken out.
  func detect(normalized line: NormalizedLine, matcher: inout Matcher, sinceCrisis: Int?, frames: Int) -> Found {
    var found = Found()
    if signals.isEmpty { return found }
    // The word ids are written over the matcher's spare buffer, handed back at the end (by the
    // outermost reading only: a frame's re-reading makes its own): an array was allocated and
    // freed on every line.
    var ids: [Int32] = []
    if frames == 0 { swap(&ids, &matcher.spareIDs) }
    wordIDs(line, into: &ids)
    // The signals whose readings hold. Tagging stops at the families the words start unless
    // some reading could hold (or a crisis pattern needs its denial checked, in `fires`).
    var read: [Bool] = []
    var tagged = reader.families(reads ? ids : [])
    if reads && readingIndex.anyCouldHold(tagged.present) {
      reader.complete(&tagged, breaks: line.breaks)
      // By index: a closure over each signal's readings copied every signal and reading it
      // visited (a retain and a release of each of their arrays).
      read = [Bool](repeating: false, count: signals.count)
      for si in signals.indices {
        for r in signals[si].readings.indices where reader.holds(signals[si].readings[r], in: tagged) {
          read[si] = true
          break
        }
      }
    }
    // The patterns this line's words can satisfy, in signal order then pattern order.
    let candidates = candidates(ids)
    var k = 0
    // When no reading held, only the signals with a candidate are visited, in order: the others
    // cannot show (about 300 instructions of a neutral turn, by callgrind).
    var si = -1
    while true {
      if read.isEmpty {
        guard k < candidates.count else { break }
        si = Int(flat[Int(candidates[k])].signal)
      } else {
        si += 1
        guard si < signals.count else { break }
      }
      // This signal's candidates: `candidates[mine]`, each a pattern of its own (no list of
      // them is made: an array allocated for each signal a line visits).
      let first = k
      while k < candidates.count, Int(flat[Int(candidates[k])].signal) == si { k += 1 }
      let mine = first..<k
      let byReading = !read.isEmpty && read[si]
      if !byReading && mine.isEmpty { continue }
      if signals[si].afterCrisis > 0 && (sinceCrisis ?? Int.max) > signals[si].afterCrisis { continue }
      // By index, never a copy of the signal or its patterns (a copy retains every array in it).
      let shows =
        switch fires(si, candidates, mine, ids, &matcher, read: byReading, tagged: &tagged, breaks: line.breaks) {
        case .none: false
        case .shows: true
        case .framed(let span):
          // Only crisis and exit signals have frames (a warning sign's is an error).
          frames >= Self.frameDepth || holdsBesideFrame(si, span, line, &matcher, sinceCrisis: sinceCrisis, frames: frames)
        }
      if shows {
        found.ids.append(signals[si].info.id)
        // The kinds of warning sign counted are named for a crisis signal ("Several warning
        // signs together (a lethal means, a time)"); a warning sign's own name says what it saw.
        if byReading && signals[si].kind == .crisis {
          let cues = cues(si, tagged)
          if !cues.isEmpty { found.cues[signals[si].info.id] = cues }
        }
        if signals[si].kind == .crisis { found.crisis = true }
        if signals[si].kind == .exit { found.exit = true }
      }
    }
    if frames == 0 { matcher.spareIDs = ids }
    return found
  }

  /// Each word of `line` as the signals know it, written over `ids` (whose buffer is reused): its
  /// id in the signals' vocabulary, or, for a word they do not know, the word of a fuzzy signal
  /// it is one typo away from ("suicdal"), or ``Vocabulary/unknown``.
  @inline(__always)
  func wordIDs(_ line: NormalizedLine, into ids: inout [Int32]) {
    let known = Int32(vocabulary.count)
    let n = line.tokens.count
    if ids.count > n {
      ids.removeLast(ids.count - n)
    } else if ids.count < n {
      ids.append(contentsOf: repeatElement(Vocabulary.unknown, count: n - ids.count))
    }
    ids.withUnsafeMutableBufferPointer { out in
      for k in 0..<n {
        let id = line.tokens[k].id
        out[k] = id < known ? id : Vocabulary.unknown
      }
    }
    if !fuzzy.isEmpty {
      for k in ids.indices where ids[k] == Vocabulary.unknown {
        if let id = correct(line.tokens[k].word) { ids[k] = id }
      }
    }
  }

  /// What the readings of signal `si` written with `any` that hold on the line counted: the labels
  /// of the families met as the speaker's own words ("a lethal means", "a time", "secrecy"),
  /// counted over the families of all those readings together, so that a word is named for one
  /// kind only ("bought a rope" is a preparation, its "a rope" no second kind); each once, in the
  /// order the readings name them; empty when none of them holds. Asked only of a signal a
  /// reading has shown, so an ordinary line never pays for it.
  package func cues(_ si: Int, _ tagged: SignalReader.Tagged) -> [String] {
    var held = SignalReader.FamilyMask()
    var anyone = SignalReader.FamilyMask()
    for r in signals[si].readings where r.atLeast > 0 && reader.holds(r, in: tagged) {
      held.formUnion(r.mask)
      anyone.formUnion(r.anyone)
    }
    if held.isEmpty { return [] }
    let met = reader.met(held, anyone: anyone, in: tagged)
    var named = SignalReader.FamilyMask()
    var labels: [String] = []
    for r in signals[si].readings where r.atLeast > 0 {
      for f in r.families where met.contains(f) && !named.contains(f) {
        named.insert(f)
        labels.append(reader.label(f))
      }
    }
    return labels
  }

  /// Whether a signal shows on a line: not at all, or it does, or it held and a frame of its
  /// `unless_frame` took it back over the words `span` (``holdsBesideFrame``).
  enum Firing {
    case none, shows
    case framed(Range<Int>)
  }

  /// `.shows` when one of the signal's patterns among `candidates[mine]` (indices into `flat`)
  /// matches (and is not negated) or a reading held, and none of its `unless` patterns matches;
  /// `.framed` when only a frame of `unless_frame` does.
  func fires(
    _ si: Int, _ candidates: [Int32], _ mine: Range<Int>, _ ids: [Int32], _ matcher: inout Matcher, read: Bool,
    tagged: inout SignalReader.Tagged, breaks: [Int]
  ) -> Firing {
    if !read && !hits(si, candidates, mine, ids, &matcher, tagged: &tagged, breaks: breaks) { return .none }
    for u in signals[si].unless.indices where matcher.match(signals[si].unless[u], ids) != nil { return .none }
    for u in signals[si].unlessFrame.indices where matcher.match(signals[si].unlessFrame[u], ids) != nil {
      return .framed(matched(signals[si].unlessFrame[u], matcher))
    }
    return .shows
  }

  /// True when one of the patterns `candidates[mine]` of signal `si` matches and counts, before its
  /// `unless` and `unless_frame` are weighed.
  @inline(__always)
  func hits(
    _ si: Int, _ candidates: [Int32], _ mine: Range<Int>, _ ids: [Int32], _ matcher: inout Matcher,
    tagged: inout SignalReader.Tagged, breaks: [Int]
  ) -> Bool {
    let crisis = signals[si].kind == .crisis
    for c in mine {
      let i = Int(flat[Int(candidates[c])].pattern)
      guard matcher.match(signals[si].patterns[i], ids) != nil else { continue }
      // A crisis pattern whose crisis words all stand denied ("i'm not suicidal lol, just
      // tired"), told as past ("i used to want to die in high school") or reported from someone
      // else ("my friend said she wants to kms").
      if crisis && tagged.count > 0 {
        reader.complete(&tagged, breaks: breaks)
        if reader.discounted(matched(signals[si].patterns[i], matcher), in: tagged) { continue }
      }
      if !signals[si].negatable || !negated(signals[si].patterns[i], matcher, ids, breaks: breaks) { return true }
    }
    return false
  }

  /// True when signal `si`, taken back by a frame of its `unless_frame` that covered the words
  /// `span`, still holds on the line without those words: a frame speaks for the words it
  /// covers, not for a crisis said beside it, with or without punctuation ("my song is called
  /// hurt. i want to kill myself", "i want to die studying for my finals"). The words on either
  /// side of the gap are kept apart, as if a mark stood there. Asked only when a frame has
  /// matched: rare, so what is left is read as a line of its own (and a frame that matches what
  /// is left is weighed again, on fewer words).
  func holdsBesideFrame(
    _ si: Int, _ span: Range<Int>, _ line: NormalizedLine, _ matcher: inout Matcher, sinceCrisis: Int?, frames: Int
  ) -> Bool {
    if span.isEmpty || span.count >= line.tokens.count { return false }
    func shifted(_ marks: [Int]) -> [Int] {
      var out: [Int] = []
      for b in marks {
        let m = b <= span.lowerBound ? b : (b >= span.upperBound ? b - span.count : span.lowerBound)
        if out.last != m { out.append(m) }
      }
      return out
    }
    var rest = NormalizedLine()
    rest.tokens = Array(line.tokens[..<span.lowerBound]) + Array(line.tokens[span.upperBound...])
    rest.breaks = shifted((line.breaks + [span.lowerBound]).sorted()).filter { $0 > 0 }
    rest.clauseStarts = [0] + shifted(line.clauseStarts).filter { $0 > 0 && $0 < rest.tokens.count }
    return detect(normalized: rest, matcher: &matcher, sinceCrisis: sinceCrisis, frames: frames + 1).ids.contains(
      signals[si].info.id)
  }

  /// The words the last match covered, leaving out the unanchored ends.
  func matched(_ pattern: Pattern, _ matcher: Matcher) -> Range<Int> {
    var lower = Int.max, upper = 0
    for (k, e) in pattern.elements.enumerated() {
      if case .star(let capture) = e, !capture { continue }
      let r = matcher.spans[k]
      if r.isEmpty { continue }
      lower = min(lower, r.lowerBound)
      upper = max(upper, r.upperBound)
    }
    return lower < upper ? lower..<upper : 0..<0
  }

  /// True when a negation word stands within the window before the first word the pattern
  /// names, in the same clause: "no wifi there. see you in august" is a goodbye (`breaks`: the
  /// token indices where a delimiter mark stands).
  func negated(_ pattern: Pattern, _ matcher: Matcher, _ ids: [Int32], breaks: [Int]) -> Bool {
    for (k, e) in pattern.elements.enumerated() {
      if case .star = e { continue }
      return window(before: matcher.spans[k].lowerBound, ids, breaks: breaks)
    }
    return false
  }

  func window(before start: Int, _ ids: [Int32], breaks: [Int]) -> Bool {
    var from = max(0, start - Self.negationWindow)
    for b in breaks where b > from && b <= start { from = b }
    return ids[from..<start].contains { negations.contains($0) }
  }

  /// The signal word one typo away from `word`, if there is exactly one.
  func correct(_ word: String) -> Int32? {
    // Typos are looked for in ordinary words only: a 1 MB "word" must cost nothing.
    let length = word.utf8.count
    guard length >= 4, length <= 24 * 4 else { return nil }
    let ascii = Vocabulary.withBytes(word) { bytes -> Bool? in
      var digit = false
      for b in bytes {
        if b >= 0x80 { return false }
        if b >= 48 && b <= 57 { digit = true }
      }
      // A word with a digit ("kw00844", "2nd") is no typo of a crisis word (those with digits,
      // "su1cide", are listed as they are).
      return digit ? nil : true
    }
    guard let ascii else { return nil }
    if ascii {
      // ASCII: the word, each deletion and each transposition, hashed without building strings.
      guard length <= 24 else { return nil }
      // The word's bytes in scratch memory on the stack: an array of them was allocated and
      // freed for every unknown word of four letters or more (about 120 instructions a neutral
      // turn, by callgrind). With them, the hash of each of their beginnings (`prefix[k]`: of
      // the first k bytes), so that a variant's hash is taken on from where it first differs
      // from the word, not from its first byte (typo correction: about 600 -> 510 instructions
      // a neutral turn, by callgrind).
      return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { scratch -> Int32? in
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: length + 1) { prefix -> Int32? in
          var n = 0
          var h = FuzzyTable.fnvBasis
          prefix[0] = h
          for b in word.utf8 {
            scratch[n] = b
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
            n += 1
            prefix[n] = h
          }
          let bytes = UnsafeBufferPointer(rebasing: scratch[0..<n])
          if let id = fuzzy.lookup(bytes, skipping: -1, hash: prefix[n]) { return id }
          for k in 0..<n {
            if let id = fuzzy.lookup(bytes, skipping: k, hash: FuzzyTable.fnv(prefix[k], bytes, from: k + 1, to: n)) {
              return id
            }
          }
          for k in 0..<(n - 1) {
            scratch.swapAt(k, k + 1)
            defer { scratch.swapAt(k, k + 1) }
            if let id = fuzzy.lookup(bytes, skipping: -1, hash: FuzzyTable.fnv(prefix[k], bytes, from: k, to: n)) {
              return id
            }
          }
          return nil
        }
      }
    }
    let scalars = Array(word.unicodeScalars)
    guard scalars.count >= 4, scalars.count <= 24 else { return nil }
    if let id = fuzzy[word] { return id }
    for k in scalars.indices {
      var s = scalars
      s.remove(at: k)
      if let id = fuzzy[String(String.UnicodeScalarView(s))] { return id }
    }
    for k in 0..<(scalars.count - 1) {
      var s = scalars
      s.swapAt(k, k + 1)
      if let id = fuzzy[String(String.UnicodeScalarView(s))] { return id }
    }
    return nil
  }

  /// Makes the compiled signals ready to read lines: the typo tables of the fuzzy signals'
  /// words, then the index (``buildIndex()``). A word the lexicon always rewrites ("thinkin" ->
  /// "thinking") never stands in a normalized line: as a typo target it would only make a typo
  /// of its neighbour ambiguous ("thinkign").
  package mutating func index(fuzzyWords: [Int32]) {
    for id in fuzzyWords {
      let word = vocabulary.word(id)
      if lexicon.contractions[word] != nil || lexicon.substitutions[word] != nil { continue }
      addFuzzy(word, id: id)
    }
    buildIndex()
  }

  /// Registers a word of a fuzzy signal: itself and its one-deletion forms.
  package mutating func addFuzzy(_ word: String, id: Int32) {
    // Most words are ASCII: their deletion forms are made from bytes (a string built from
    // scalars, and a letter looked up in Unicode's tables, cost 80,000 instructions a word).
    if Normalizer.isASCII(word) {
      let bytes = Array(word.utf8)
      guard bytes.count >= 5, bytes.allSatisfy({ $0 &- 97 < 26 || $0 &- 65 < 26 }) else { return }
      var key = [UInt8]()
      key.reserveCapacity(bytes.count - 1)
      for k in bytes.indices {
        key.removeAll(keepingCapacity: true)
        key += bytes[..<k]
        key += bytes[(k + 1)...]
        key.withUnsafeBufferPointer { fuzzy.set($0, id, replacing: false) }
      }
      bytes.withUnsafeBufferPointer { fuzzy.set($0, id, replacing: true) }
      return
    }
    guard let forms = Self.deletionForms(scalarsOf: word) else { return }
    for key in forms { fuzzy.set(key, id, replacing: false) }
    fuzzy.set(word, id, replacing: true)
  }

  /// A word's one-deletion forms, scalar by scalar, or nil for a word too short or not all
  /// letters (by Unicode's tables): what ``addFuzzy(_:id:)`` files for a word that is not ASCII,
  /// and what its byte path must give for one that is.
  package static func deletionForms(scalarsOf word: String) -> [String]? {
    let scalars = Array(word.unicodeScalars)
    guard scalars.count >= 5, scalars.allSatisfy({ $0.properties.isAlphabetic }) else { return nil }
    return scalars.indices.map { k in
      var s = scalars
      s.remove(at: k)
      return String(String.UnicodeScalarView(s))
    }
  }
}
