/// Finds the user-side signals in a line: warning signs, crisis and exit intent.
///
/// Signals always read the whole line, normalized with the shared lexicon. Patterns come from
/// `signals.yaml`; a negatable signal does not count when a negation word stands just before what
/// matched ("I'm not lonely"); long words tolerate one typo ("suicdal").
package struct SignalDetector: Sendable {
  package struct Compiled: Sendable {
    package var info: SignalInfo
    package var kind: SignalKind
    package var patterns: [Pattern]
    package var unless: [Pattern]
    package var negatable: Bool
  }

  package var signals: [Compiled] = []
  package var lexicon = Lexicon()
  package var vocabulary = Vocabulary()
  /// Words one typo away from a word of a fuzzy signal: deletion key → word id.
  package var fuzzy: [String: Int32] = [:]
  package var negations: Set<Int32> = []
  /// How many words before a match a negation still counts.
  package static let negationWindow = 3

  /// Every pattern of every signal, in order: (signal, pattern) indices.
  package var flat: [(signal: Int32, pattern: Int32)] = []
  /// Word id → the patterns (indices into `flat`) that cannot match a line without that word.
  package var byWord: [Int32: [Int32]] = [:]
  /// Patterns that name no word a line must hold: tried on every line.
  package var unanchored: [Int32] = []

  package init() {}

  /// Files each pattern under one word every match must contain (its rarest literal word, or
  /// each first word of its smallest required set), so a line only tries the patterns its words
  /// can satisfy: detection costs the same with 40 patterns or 4,000.
  package mutating func buildIndex() {
    flat = []
    byWord = [:]
    unanchored = []
    var frequency: [Int32: Int] = [:]
    for s in signals { for p in s.patterns { for w in Set(p.requiredWords) { frequency[w, default: 0] += 1 } } }
    for (si, s) in signals.enumerated() {
      for (pi, p) in s.patterns.enumerated() {
        let k = Int32(flat.count)
        flat.append((Int32(si), Int32(pi)))
        if let word = p.requiredWords.min(by: { (frequency[$0] ?? 0, $0) < (frequency[$1] ?? 0, $1) }) {
          byWord[word, default: []].append(k)
        } else if let set = p.requiredSets.min(by: { $0.firstWords.count < $1.firstWords.count }) {
          for w in set.firstWords.sorted() { byWord[w, default: []].append(k) }
        } else {
          unanchored.append(k)
        }
      }
    }
  }

  /// The result for one line.
  package struct Found: Sendable, Equatable {
    package var ids: [String] = []
    package var crisis = false
    package var exit = false
  }

  package func detect(_ text: String, matcher: inout Matcher) -> Found {
    var found = Found()
    if signals.isEmpty { return found }
    let line = Normalizer.normalize(text, lexicon: lexicon, vocabulary: vocabulary)
    var ids = line.tokens.map(\.id)
    if !fuzzy.isEmpty {
      for (k, t) in line.tokens.enumerated() where t.id == Vocabulary.unknown {
        if let id = correct(t.word) { ids[k] = id }
      }
    }
    // The patterns this line's words can satisfy, in signal order then pattern order.
    var candidates = unanchored
    for id in ids { if let list = byWord[id] { candidates += list } }
    if candidates.isEmpty { return found }
    candidates.sort()
    var k = 0
    while k < candidates.count {
      let si = Int(flat[Int(candidates[k])].signal)
      var patterns: [Int] = []
      while k < candidates.count, Int(flat[Int(candidates[k])].signal) == si {
        let pi = Int(flat[Int(candidates[k])].pattern)
        if patterns.last != pi { patterns.append(pi) }
        k += 1
      }
      let signal = signals[si]
      if fires(signal, patterns, ids, &matcher) {
        found.ids.append(signal.info.id)
        if signal.kind == .crisis { found.crisis = true }
        if signal.kind == .exit { found.exit = true }
      }
    }
    return found
  }

  /// True when one of the given patterns of the signal matches (and is not negated) and none
  /// of its `unless` patterns does.
  func fires(_ signal: Compiled, _ patterns: [Int], _ ids: [Int32], _ matcher: inout Matcher) -> Bool {
    var hit = false
    for i in patterns {
      let p = signal.patterns[i]
      guard matcher.match(p, ids) != nil else { continue }
      if !signal.negatable || !negated(p, matcher, ids) {
        hit = true
        break
      }
    }
    if !hit { return false }
    for u in signal.unless where matcher.match(u, ids) != nil { return false }
    return true
  }

  /// True when a negation word stands within the window before the first word the pattern names.
  func negated(_ pattern: Pattern, _ matcher: Matcher, _ ids: [Int32]) -> Bool {
    for (k, e) in pattern.elements.enumerated() {
      if case .star = e { continue }
      return window(before: matcher.spans[k].lowerBound, ids)
    }
    return false
  }

  func window(before start: Int, _ ids: [Int32]) -> Bool {
    let from = max(0, start - Self.negationWindow)
    return ids[from..<start].contains { negations.contains($0) }
  }

  /// The signal word one typo away from `word`, if there is exactly one.
  func correct(_ word: String) -> Int32? {
    let scalars = Array(word.unicodeScalars)
    // Typos are looked for in ordinary words only: a 1 MB "word" must cost nothing.
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

  /// Registers a word of a fuzzy signal: itself and its one-deletion forms.
  package mutating func addFuzzy(_ word: String, id: Int32) {
    let scalars = Array(word.unicodeScalars)
    guard scalars.count >= 5, scalars.allSatisfy({ $0.properties.isAlphabetic }) else { return }
    for k in scalars.indices {
      var s = scalars
      s.remove(at: k)
      let key = String(String.UnicodeScalarView(s))
      if fuzzy[key] == nil { fuzzy[key] = id }
    }
    fuzzy[word] = id
  }
}
