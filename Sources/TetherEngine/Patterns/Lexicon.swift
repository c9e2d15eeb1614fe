/// A compiled lexicon: how raw text becomes the words patterns match.
package struct Lexicon: Sendable {
  package var delimiterScalars: Set<Unicode.Scalar> = []
  package var delimiterWords: Set<String> = [] { didSet { refreshSpecial() } }
  package var clauses: ClauseMode = .whole
  package var contractions: [String: [String]] = [:] { didSet { refreshSpecial() } }
  package var substitutions: [String: [String]] = [:] { didSet { refreshSpecial() } }
  package var swaps: [String: [String]] = [:] { didSet { refreshSpecial() } }
  /// Every word the lexicon changes or treats as a delimiter: any other word passes through as
  /// it is, with one table lookup instead of four.
  package private(set) var special: Set<String> = []

  mutating func refreshSpecial() {
    special = delimiterWords.union(contractions.keys).union(substitutions.keys).union(swaps.keys)
      .union(texting.keys)
  }
  /// A texting form that is also a word, read as `words` when the next word is in `before` and
  /// the word before is not in `notAfter` ("ill be gone" → "i will be gone"; "i feel ill" stays).
  package struct Texting: Sendable {
    package var words: [String]
    package var before: Set<String>
    package var notAfter: Set<String>
  }
  package var texting: [String: [Texting]] = [:] { didSet { refreshSpecial() } }

  /// True when possessives are matched without their "'s" (a lexicon's `possessives: true`).
  package var possessives = false

  /// A word's possessive "'s" left out ("dad's" → "dad") when the lexicon asks for it.
  package func base(_ word: String) -> String {
    guard possessives, word.utf8.count > 2, word.hasSuffix("'s") else { return word }
    return String(word.dropLast(2))
  }

  /// Reflections keyed by their first word; each entry lists (phrase, replacement), longest first.
  package var reflections: [String: [([String], [String])]] = [:]

  package init() {}

  /// Builds a lexicon from its spec; concepts are compiled separately.
  package init(_ spec: LexiconSpec) {
    for d in spec.delimiters {
      let scalars = Array(d.unicodeScalars)
      if scalars.count == 1, !scalars[0].properties.isAlphabetic {
        delimiterScalars.insert(scalars[0])
      } else {
        delimiterWords.insert(d.lowercased())
      }
    }
    clauses = spec.clauses
    possessives = spec.possessives
    func words(_ s: String) -> [String] { Normalizer.rawWords(s) }
    for (k, v) in spec.contractions { contractions[Normalizer.foldWord(k.value)] = words(v) }
    for (k, v) in spec.substitutions { substitutions[Normalizer.foldWord(k.value)] = words(v) }
    for (k, v) in spec.swaps { swaps[Normalizer.foldWord(k.value)] = words(v) }
    for (k, v) in spec.reflections {
      let phrase = words(k.value)
      guard let first = phrase.first else { continue }
      reflections[first, default: []].append((phrase, words(v)))
    }
    for key in reflections.keys { reflections[key]!.sort { $0.0.count > $1.0.count } }
    for t in spec.texting {
      texting[Normalizer.foldWord(t.word.value), default: []].append(
        Texting(
          words: words(t.means), before: Set(t.before.map(Normalizer.foldWord)),
          notAfter: Set(t.notAfter.map(Normalizer.foldWord))))
    }
    refreshSpecial()
  }

  /// Expands contractions and applies substitutions to one folded word (not swaps).
  package func expand(_ word: String) -> [String] {
    var out: [String] = []
    for w in contractions[word] ?? [word] {
      if let sub = substitutions[w] {
        for s in sub { out.append(contentsOf: contractions[s] ?? [s]) }
      } else {
        out.append(w)
      }
    }
    return out
  }

  /// Applies the reflections to captured words: "my job" → "your job".
  package func reflect(_ words: ArraySlice<String>) -> [String] {
    var out: [String] = []
    var i = words.startIndex
    outer: while i < words.endIndex {
      if let options = reflections[words[i]] {
        for (phrase, replacement) in options where i + phrase.count <= words.endIndex {
          if words[i..<(i + phrase.count)].elementsEqual(phrase) {
            out.append(contentsOf: replacement)
            i += phrase.count
            continue outer
          }
        }
      }
      out.append(words[i])
      i += 1
    }
    return out
  }
}
