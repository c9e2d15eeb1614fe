/// A compiled lexicon: how raw text becomes the words patterns match.
///
/// Its tables are built once and shared by every copy (one immutable box): a lexicon is handed
/// to every line's normalization, and a copy then costs one retain, not one per table.
package struct Lexicon: Sendable {
  /// A texting form that is also a word, read as `words` when the next word is in `before` and
  /// the word before is not in `notAfter` ("ill be gone" → "i will be gone"; "i feel ill" stays).
  package struct Texting: Sendable {
    package var words: [String]
    package var before: Set<String>
    package var notAfter: Set<String>
  }

  final class Tables: Sendable {
    let delimiterScalars: Set<Unicode.Scalar>
    /// The ASCII delimiters as bits, for the scanner of ASCII lines.
    let asciiDelimiters: (UInt64, UInt64)
    let delimiterWords: Set<String>
    let contractions: [String: [String]]
    let substitutions: [String: [String]]
    let swaps: [String: [String]]
    let texting: [String: [Texting]]
    let reflections: [String: [([String], [String])]]
    let special: Set<String>

    init(
      delimiterScalars: Set<Unicode.Scalar> = [], delimiterWords: Set<String> = [], contractions: [String: [String]] = [:],
      substitutions: [String: [String]] = [:], swaps: [String: [String]] = [:], texting: [String: [Texting]] = [:],
      reflections: [String: [([String], [String])]] = [:]
    ) {
      self.delimiterScalars = delimiterScalars
      asciiDelimiters = Normalizer.asciiMask(delimiterScalars)
      self.delimiterWords = delimiterWords
      self.contractions = contractions
      self.substitutions = substitutions
      self.swaps = swaps
      self.texting = texting
      self.reflections = reflections
      special = delimiterWords.union(contractions.keys).union(substitutions.keys).union(swaps.keys).union(texting.keys)
    }
  }

  let tables: Tables
  package var clauses: ClauseMode = .whole
  /// True when possessives are matched without their "'s" (a lexicon's `possessives: true`).
  package var possessives = false
  /// Words a rule's pattern may pass over where it does not name them (a lexicon's `fillers`).
  package var fillers: [String] = []

  package var delimiterScalars: Set<Unicode.Scalar> { tables.delimiterScalars }
  var asciiDelimiters: (UInt64, UInt64) { tables.asciiDelimiters }
  package var delimiterWords: Set<String> { tables.delimiterWords }
  package var contractions: [String: [String]] { tables.contractions }
  package var substitutions: [String: [String]] { tables.substitutions }
  package var swaps: [String: [String]] { tables.swaps }
  package var texting: [String: [Texting]] { tables.texting }
  /// Reflections keyed by their first word; each entry lists (phrase, replacement), longest first.
  package var reflections: [String: [([String], [String])]] { tables.reflections }
  /// Every word the lexicon changes or treats as a delimiter: any other word passes through as
  /// it is, with one table lookup instead of four.
  package var special: Set<String> { tables.special }

  /// True when the scalar is one of the lexicon's delimiters (ASCII ones read from their bits).
  @inline(__always)
  func holdsDelimiter(_ s: Unicode.Scalar) -> Bool {
    s.value < 128 ? Normalizer.inMask(s.value, tables.asciiDelimiters) : tables.delimiterScalars.contains(s)
  }

  /// A word's possessive "'s" left out ("dad's" → "dad") when the lexicon asks for it.
  package func base(_ word: String) -> String {
    guard possessives, word.utf8.count > 2, word.hasSuffix("'s") else { return word }
    return String(word.dropLast(2))
  }

  package init() { tables = Tables() }

  /// Builds a lexicon from its spec; concepts are compiled separately.
  package init(_ spec: LexiconSpec) {
    var delimiterScalars: Set<Unicode.Scalar> = []
    var delimiterWords: Set<String> = []
    for d in spec.delimiters {
      let scalars = Array(d.unicodeScalars)
      if scalars.count == 1, !scalars[0].properties.isAlphabetic {
        delimiterScalars.insert(scalars[0])
      } else {
        delimiterWords.insert(d.lowercased())
      }
    }
    func words(_ s: String) -> [String] { Normalizer.rawWords(s) }
    var contractions: [String: [String]] = [:]
    var substitutions: [String: [String]] = [:]
    var swaps: [String: [String]] = [:]
    var reflections: [String: [([String], [String])]] = [:]
    var texting: [String: [Texting]] = [:]
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
    tables = Tables(
      delimiterScalars: delimiterScalars, delimiterWords: delimiterWords, contractions: contractions,
      substitutions: substitutions, swaps: swaps, texting: texting, reflections: reflections)
    clauses = spec.clauses
    possessives = spec.possessives
    fillers = spec.fillers.map(Normalizer.foldWord)
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
