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
  package var concepts: [String: PhraseSet] { didSet { cache = [:] } }
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
    let chars = Array(source)
    // Slices of the source as strings, taken from the string itself (fast) by character offset.
    let offsets = Array(source.indices) + [source.endIndex]
    func text(_ from: Int, _ to: Int) -> String { String(source[offsets[from]..<offsets[to]]) }
    var elements: [Pattern.Element] = []
    var anchoredStart = false, anchoredEnd = false
    var captures = 0
    var required: [Int32] = []
    var requiredSets: [PhraseSet] = []
    var i = 0

    func phrases(_ body: String, at offset: Int) throws(PatternError) -> PhraseSet {
      var set = PhraseSet()
      for alternative in body.split(separator: "|", omittingEmptySubsequences: false) {
        let trimmed = String(alternative).trimmingSpaces
        if trimmed.hasPrefix("{") && trimmed.hasSuffix("}") {
          let name = String(trimmed.dropFirst().dropLast()).trimmingSpaces
          guard let concept = concepts[name] else {
            throw PatternError(
              message: "unknown concept '{\(name)}'\(didYouMean(name, among: concepts.keys.sorted()))", offset: offset)
          }
          usedConcepts.insert(name)
          // A concept alone (or first) is shared, not copied: concepts can hold thousands of words.
          if set.isEmpty { set = concept } else { set.formUnion(concept) }
          continue
        }
        let words = literal(String(alternative))
        if words.isEmpty && !alternative.allSatisfy(\.isWhitespace) {
          throw PatternError(message: "'\(alternative)' holds no word", offset: offset)
        }
        if words.isEmpty {
          throw PatternError(message: "an empty alternative ('||' or '(|'); remove it", offset: offset)
        }
        set.insert(words.map { vocabulary.intern($0) })
      }
      return set
    }

    func closing(_ close: Character, from start: Int) throws(PatternError) -> Int {
      var j = start + 1
      while j < chars.count, chars[j] != close {
        if chars[j] == "(" || chars[j] == "[" || (chars[j] == "{" && chars[start] == "{") {
          throw PatternError(message: "'\(chars[j])' cannot be nested inside '\(chars[start])'", offset: j)
        }
        j += 1
      }
      if j == chars.count { throw PatternError(message: "'\(chars[start])' is never closed with '\(close)'", offset: start) }
      return j
    }

    while i < chars.count {
      let c = chars[i]
      if c.isWhitespace {
        i += 1
        continue
      }
      switch c {
      case "*":
        if case .star? = elements.last {
          throw PatternError(message: "two '*' in a row match the same as one; remove one", offset: i)
        }
        elements.append(.star(capture: true))
        captures += 1
        i += 1
      case "^":
        if !elements.isEmpty { throw PatternError(message: "'^' can only start a pattern", offset: i) }
        anchoredStart = true
        i += 1
      case "$":
        let rest = chars[(i + 1)...].allSatisfy(\.isWhitespace)
        if !rest { throw PatternError(message: "'$' can only end a pattern", offset: i) }
        anchoredEnd = true
        i += 1
      case "(", "[":
        let close: Character = c == "(" ? ")" : "]"
        let j = try closing(close, from: i)
        var set = try phrases(text(i + 1, j), at: i)
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
        let j = try closing("}", from: i)
        let name = text(i + 1, j).trimmingSpaces
        guard let set = concepts[name] else {
          throw PatternError(
            message: "unknown concept '{\(name)}'\(didYouMean(name, among: concepts.keys.sorted()))", offset: i)
        }
        usedConcepts.insert(name)
        elements.append(.phrase(set, capture: true))
        captures += 1
        if !set.allowsEmpty { requiredSets.append(set) }
        i = j + 1
      case ")", "]", "}", "|":
        throw PatternError(message: "'\(c)' without its opening bracket", offset: i)
      default:
        var j = i
        while j < chars.count, !chars[j].isWhitespace, !Self.syntax.contains(chars[j]) { j += 1 }
        let word = text(i, j)
        let words = literal(word)
        if words.isEmpty { throw PatternError(message: "'\(word)' is not a word a line can hold", offset: i) }
        for w in words {
          let id = vocabulary.intern(w)
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
    var s = Substring(self)
    while s.first?.isWhitespace == true { s = s.dropFirst() }
    while s.last?.isWhitespace == true { s = s.dropLast() }
    return String(s)
  }
}
