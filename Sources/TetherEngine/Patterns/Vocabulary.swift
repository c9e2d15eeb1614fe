/// Every word a scenario knows, interned to a dense integer id at load.
///
/// A vocabulary can also be marked for a lexicon (``markSpecial(for:)``): it then files the
/// lexicon's special words (contractions, substitutions, swaps, texting forms, delimiter words)
/// beside its own, so that normalizing a word costs one table lookup, not two.
package struct Vocabulary: Sendable {
  /// The id of a word the scenario never mentions.
  package static let unknown: Int32 = -1

  /// Word → its id (>= 0), or a special word the vocabulary does not hold, as
  /// `specialOnly` (< `unknown`).
  private(set) var ids: [String: Int32] = [:]
  private(set) var words: [String] = []
  /// The ids of special words, as bits.
  private var specialBits: [UInt64] = []
  /// The lexicon tables the special words were taken from.
  private var markedFor: ObjectIdentifier?
  static let specialOnly: Int32 = -2

  package init() {}

  package var count: Int { words.count }

  /// The word's id, adding it if it is new.
  package mutating func intern(_ word: String) -> Int32 {
    if let id = ids[word], id >= 0 { return id }
    let id = Int32(words.count)
    if ids[word] == Self.specialOnly { setSpecial(id) }
    ids[word] = id
    words.append(word)
    return id
  }

  /// The word's id, or ``unknown``.
  package func id(_ word: String) -> Int32 {
    guard let id = ids[word], id >= 0 else { return Vocabulary.unknown }
    return id
  }

  package func word(_ id: Int32) -> String {
    id >= 0 && Int(id) < words.count ? words[Int(id)] : ""
  }

  private mutating func setSpecial(_ id: Int32) {
    let w = Int(id) >> 6
    if w >= specialBits.count { specialBits += [UInt64](repeating: 0, count: w - specialBits.count + 1) }
    specialBits[w] |= 1 << UInt64(id & 63)
  }

  /// Files the lexicon's special words, so that ``lookup(_:for:)`` answers for it.
  package mutating func markSpecial(for lexicon: Lexicon) {
    for word in lexicon.special {
      if let id = ids[word], id >= 0 {
        setSpecial(id)
      } else {
        ids[word] = Self.specialOnly
      }
    }
    markedFor = ObjectIdentifier(lexicon.tables)
  }

  /// A word's id and whether the lexicon treats it as special, in one lookup; nil when this
  /// vocabulary was not marked for the lexicon (ask `id` and `lexicon.special` then).
  @inline(__always)
  package func lookup(_ word: String, for lexicon: Lexicon) -> (id: Int32, special: Bool)? {
    guard let markedFor, markedFor == ObjectIdentifier(lexicon.tables) else { return nil }
    guard let id = ids[word] else { return (Self.unknown, false) }
    if id < 0 { return (Self.unknown, true) }
    let w = Int(id) >> 6
    return (id, w < specialBits.count && specialBits[w] & (1 << UInt64(id & 63)) != 0)
  }
}
