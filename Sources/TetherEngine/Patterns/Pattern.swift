/// A compiled pattern: elements over word ids, matched in linear time by ``Matcher``.
package struct Pattern: Sendable {
  package enum Element: Sendable {
    /// One literal word.
    case word(Int32)
    /// Any number of words; captured unless it is the implicit wildcard of an unanchored end.
    case star(capture: Bool)
    /// One phrase of a set (a concept or alternatives), captured or not.
    case phrase(PhraseSet, capture: Bool)
  }

  package var elements: [Element]
  /// The pattern as written, for explanations.
  package var source: String
  /// How many captures a match yields.
  package var captureCount: Int
  /// Literal words every match must contain.
  package var requiredWords: [Int32]
  /// Phrase sets one of whose first words every match must contain (concepts, alternatives).
  package var requiredSets: [PhraseSet]
  /// For each element, the capture it fills (0, 1, …), or -1.
  package var slots: [Int]

  package init(
    elements: [Element], source: String, captureCount: Int, requiredWords: [Int32], requiredSets: [PhraseSet]
  ) {
    self.elements = elements
    self.source = source
    self.captureCount = captureCount
    self.requiredWords = requiredWords
    self.requiredSets = requiredSets
    var slot = 0
    slots = elements.map { e in
      switch e {
      case .star(let c), .phrase(_, let c):
        defer { if c { slot += 1 } }
        return c ? slot : -1
      case .word: return -1
      }
    }
  }
}

/// A problem in a pattern's text.
package struct PatternError: Error, Sendable {
  package var message: String
  /// Offset of the problem in the pattern text, in characters.
  package var offset: Int
}

/// Parses pattern text into a ``Pattern``.
package struct PatternCompiler {
  package var lexicon: Lexicon
  package var concepts: [String: PhraseSet] {
    didSet {
      cache = [:]
      bodies = [:]
    }
  }
  package var vocabulary: Vocabulary
  /// Concept names used, so `check` can warn about unused ones.
  package var usedConcepts: Set<String> = []

  package init(lexicon: Lexicon, concepts: [String: PhraseSet], vocabulary: Vocabulary) {
    self.lexicon = lexicon
    self.concepts = concepts
    self.vocabulary = vocabulary
  }

  static let syntax: Set<Character> = ["*", "(", ")", "[", "]", "{", "}", "|", "^", "$"]

  /// Words of one literal, folded, with contractions expanded (not substitutions) and a
  /// possessive "'s" left out, as in lines ("dad's" → "dad").
  func literal(_ text: String) -> [String] {
    Normalizer.rawWords(text).flatMap { lexicon.contractions[$0] ?? [lexicon.special.contains($0) ? $0 : lexicon.base($0)] }
  }

  /// The literal's words as interned ids, remembered by the literal's text: the same
  /// alternatives (and concept entries) recur across patterns (signals.yaml's 22,000 alternatives hold about 7,000
  /// distinct ones), and folding one costs far more than a lookup. The lexicon and the ids of
  /// words already interned never change while a compiler lives, so a remembered answer holds.
  package mutating func literalIDs(_ text: Substring) -> [Int32] {
    // Keyed by String, not Substring: a Substring is hashed character by character (for
    // canonical equivalence), a native String's bytes at once.
    let key = String(text)
    if let known = literals[key] { return known }
    let ids = plainWordIDs(key) ?? literal(key).map { vocabulary.intern($0) }
    literals[key] = ids
    return ids
  }

  /// ``literalIDs(_:)`` for a literal of lower-case ASCII letters and digits between spaces
  /// (most of the 20,000 literals of the shared files): its words are already folded and hold
  /// no apostrophe, so each is only looked up among the contractions ("cant") and the special
  /// words, as ``literal(_:)`` does, without the scanner (which cost about 2,800 instructions a
  /// word here).
  private mutating func plainWordIDs(_ text: String) -> [Int32]? {
    var copy = text
    return copy.withUTF8 { bytes -> [Int32]? in
      for b in bytes where !(b == 32 || b &- 97 < 26 || b &- 48 < 10) { return nil }
      var ids: [Int32] = []
      var k = 0
      let n = bytes.count
      while k < n {
        while k < n && bytes[k] == 32 { k += 1 }
        let start = k
        while k < n && bytes[k] != 32 { k += 1 }
        if start == k { break }
        let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<k]), as: UTF8.self)
        if let expanded = lexicon.contractions[word] {
          for w in expanded { ids.append(vocabulary.intern(w)) }
        } else {
          ids.append(vocabulary.intern(word))
        }
      }
      return ids
    }
  }

  private var literals: [String: [Int32]] = [:]
  /// The sets of `(…)` and `[…]` bodies built so far, by their text (before `[…]` allows the
  /// empty phrase). Emptied with `cache` when the concepts change.
  private var bodies: [String: PhraseSet] = [:]

  /// Patterns compiled so far, by their text: the same text with the same concepts compiles
  /// once. Emptied whenever the concepts change (a persona's own concepts).
  private var cache: [String: Pattern] = [:]

  package mutating func compile(_ source: String) throws(PatternError) -> Pattern {
    if let cached = cache[source] { return cached }
    let pattern = try compileUncached(source)
    cache[source] = pattern
    return pattern
  }

  mutating func compileUncached(_ source: String) throws(PatternError) -> Pattern {
    // Read as bytes: every piece of syntax is ASCII, and a word runs to the next space or piece
    // of syntax. (An array of Characters cost a third of compiling a signal pattern.)
    let chars = Array(source.utf8)
    func index(_ offset: Int) -> String.Index { source.utf8.index(source.utf8.startIndex, offsetBy: offset) }
    func text(_ from: Int, _ to: Int) -> String { String(source[index(from)..<index(to)]) }
    func slice(_ from: Int, _ to: Int) -> Substring { source[index(from)..<index(to)] }
    /// A problem at a byte offset, reported at its character offset.
    func problem(_ message: String, at offset: Int) -> PatternError {
      PatternError(message: message, offset: source.distance(from: source.startIndex, to: index(offset)))
    }
    func isSpace(_ b: UInt8) -> Bool { b == 32 || (b >= 9 && b <= 13) }
    func character(_ b: UInt8) -> Character { Character(Unicode.Scalar(b)) }
    var elements: [Pattern.Element] = []
    var anchoredStart = false, anchoredEnd = false
    var captures = 0
    var required: [Int32] = []
    var requiredSets: [PhraseSet] = []
    var i = 0

    func phrases(_ body: Substring, at offset: Int) throws(PatternError) -> PhraseSet {
      var set = PhraseSet()
      var literals: [[Int32]] = []
      // Split at '|' over the bytes ('|' is ASCII, never inside another character's bytes):
      // splitting by Character cost more than the rest of a signal pattern's compile.
      var alternatives: [Substring] = []
      var from = body.startIndex
      for i in body.utf8.indices where body.utf8[i] == 124 {
        alternatives.append(body[from..<i])
        from = body.utf8.index(after: i)
      }
      alternatives.append(body[from...])
      for alternative in alternatives {
        let trimmed = alternative.trimmingSpaces
        if trimmed.hasPrefix("{") && trimmed.hasSuffix("}") {
          let name = String(trimmed.dropFirst().dropLast()).trimmingSpaces
          guard let concept = concepts[name] else {
            throw problem(
              "unknown concept '{\(name)}'\(didYouMean(name, among: concepts.keys.sorted()))", at: offset)
          }
          usedConcepts.insert(name)
          // A concept alone (or first) is shared, not copied: concepts can hold thousands of words.
          if set.isEmpty { set = concept } else { set.formUnion(concept) }
          continue
        }
        // A concept beside words in one alternative ("(my {kin}|him)") would be read as the
        // literal text "my {kin}" and never match: an error, with the way to write it.
        if alternative.utf8.contains(123) || alternative.utf8.contains(125) {
          throw problem(
            "'\(trimmed)': a concept can only stand alone in an alternative; write the words around it outside the parentheses, e.g. '(my|his|her) {concept}' or '(my|him|her) [{concept}]'",
            at: offset)
        }
        let words = literalIDs(alternative)
        if words.isEmpty && !alternative.allSatisfy(\.isWhitespace) {
          throw problem("'\(alternative)' holds no word", at: offset)
        }
        if words.isEmpty {
          throw problem("an empty alternative ('||' or '(|'); remove it", at: offset)
        }
        literals.append(words)
      }
      set.insert(contentsOf: literals)
      return set
    }

    func closing(_ close: UInt8, from start: Int) throws(PatternError) -> Int {
      var j = start + 1
      while j < chars.count, chars[j] != close {
        if chars[j] == UInt8(ascii: "(") || chars[j] == UInt8(ascii: "[")
          || (chars[j] == UInt8(ascii: "{") && chars[start] == UInt8(ascii: "{"))
        {
          throw problem("'\(character(chars[j]))' cannot be nested inside '\(character(chars[start]))'", at: j)
        }
        j += 1
      }
      if j == chars.count {
        throw problem("'\(character(chars[start]))' is never closed with '\(character(close))'", at: start)
      }
      return j
    }

    while i < chars.count {
      let c = character(chars[i])
      if isSpace(chars[i]) {
        i += 1
        continue
      }
      switch c {
      case "*":
        if case .star? = elements.last {
          throw problem("two '*' in a row match the same as one; remove one", at: i)
        }
        elements.append(.star(capture: true))
        captures += 1
        i += 1
      case "^":
        if !elements.isEmpty { throw problem("'^' can only start a pattern", at: i) }
        anchoredStart = true
        i += 1
      case "$":
        let rest = source[index(i + 1)...].allSatisfy(\.isWhitespace)
        if !rest { throw problem("'$' can only end a pattern", at: i) }
        anchoredEnd = true
        i += 1
      case "(", "[":
        let close = UInt8(ascii: c == "(" ? ")" : "]")
        let j = try closing(close, from: i)
        // The same alternatives recur across patterns ("(do not|can not|could not)"): built
        // once, they are one set, tested once a line by the signals' gates.
        let body = slice(i + 1, j)
        let key = String(body)
        var set: PhraseSet
        if let known = bodies[key] {
          set = known
        } else {
          set = try phrases(body, at: i)
          bodies[key] = set
        }
        if c == "(" {
          elements.append(.phrase(set, capture: true))
          captures += 1
          requiredSets.append(set)
        } else {
          set.allowsEmpty = true
          elements.append(.phrase(set, capture: false))
        }
        i = j + 1
      case "{":
        let j = try closing(UInt8(ascii: "}"), from: i)
        let name = text(i + 1, j).trimmingSpaces
        guard let set = concepts[name] else {
          throw problem("unknown concept '{\(name)}'\(didYouMean(name, among: concepts.keys.sorted()))", at: i)
        }
        usedConcepts.insert(name)
        elements.append(.phrase(set, capture: true))
        captures += 1
        if !set.allowsEmpty { requiredSets.append(set) }
        i = j + 1
      case ")", "]", "}", "|":
        throw problem("'\(c)' without its opening bracket", at: i)
      default:
        var j = i
        while j < chars.count, !isSpace(chars[j]), chars[j] >= 0x80 || !Self.syntax.contains(character(chars[j])) { j += 1 }
        // Not remembered (`literalIDs`): a bare word is cheap to fold, and a persona's own words
        // rarely recur, so a table of them would only hold memory (10,000 rules: 10,000 words).
        let words = literal(text(i, j)).map { vocabulary.intern($0) }
        // A space beyond ASCII (a no-break space) separates words as a space does.
        if words.isEmpty && slice(i, j).allSatisfy(\.isWhitespace) {
          i = j
          continue
        }
        if words.isEmpty { throw problem("'\(text(i, j))' is not a word a line can hold", at: i) }
        for id in words {
          elements.append(.word(id))
          required.append(id)
        }
        i = j
      }
    }
    if elements.isEmpty {
      throw PatternError(message: "an empty pattern; write '*' to match any line", offset: 0)
    }
    if !anchoredStart, !elements.isEmpty, !isStar(elements[0]) { elements.insert(.star(capture: false), at: 0) }
    if !anchoredEnd, !elements.isEmpty, !isStar(elements[elements.count - 1]) { elements.append(.star(capture: false)) }
    return Pattern(
      elements: elements, source: source, captureCount: captures, requiredWords: required, requiredSets: requiredSets)
  }

  private func isStar(_ e: Pattern.Element) -> Bool {
    if case .star = e { return true }
    return false
  }
}

extension String {
  var trimmingSpaces: String {
    // Nothing to trim (the usual case): no new string.
    if let f = utf8.first, let l = utf8.last, f > 32, l > 32, f < 0x80, l < 0x80 { return self }
    // White space of ASCII at the ends, next to characters of ASCII that are not (a notice
    // written as a YAML block ends in a newline): trimmed as bytes. Those bytes are characters
    // of their own (or "\r\n", white space too) that nothing joins to their neighbours, and a
    // character is white space as its first scalar is, so trimming characters cuts at the same
    // bytes; by characters, the shipped safety notice's trims cost about 100,000 instructions a
    // crisis turn (callgrind).
    let u = utf8
    let isSpace = { (b: UInt8) in b == 32 || b &- 9 < 5 }
    if let lo = u.firstIndex(where: { !isSpace($0) }), let hi = u.lastIndex(where: { !isSpace($0) }),
      u[lo] < 0x80, u[hi] < 0x80
    {
      return String(self[lo..<u.index(after: hi)])
    }
    return String(Substring(self).trimmingSpaces)
  }
}

extension Substring {
  var trimmingSpaces: Substring {
    if let f = utf8.first, let l = utf8.last, f > 32, l > 32, f < 0x80, l < 0x80 { return self }
    var s = self
    while s.first?.isWhitespace == true { s = s.dropFirst() }
    while s.last?.isWhitespace == true { s = s.dropLast() }
    return s
  }
}
