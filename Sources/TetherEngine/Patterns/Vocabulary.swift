/// Every word a scenario knows, interned to a dense integer id at load.
///
/// A vocabulary can also be marked for a lexicon (``markSpecial(for:)``): it then files the
/// lexicon's special words (contractions, substitutions, swaps, texting forms, delimiter words)
/// beside its own, so that normalizing a word costs one table lookup, not two.
///
/// The words are found through a table of its own (open addressing over an FNV-1a hash of the
/// word's bytes), not a `Dictionary`: every word of every line is looked up, and the standard
/// hash (SipHash, seeded per process) cost more than the rest of the lookup.
package struct Vocabulary: Sendable {
  /// The id of a word the scenario never mentions.
  package static let unknown: Int32 = -1

  /// Every word filed: the vocabulary's own and the special words it does not hold.
  private var keys: [String] = []
  /// For each key, its id (>= 0), or ``specialOnly`` for a special word the vocabulary does not hold.
  private var values: [Int32] = []
  /// Key index + 1 by hash (0: empty); a power of two, at most half full.
  private var slots: [Int32] = []
  private(set) var words: [String] = []
  /// The ids of special words, as bits.
  private var specialBits: [UInt64] = []
  /// The lexicon tables the special words were taken from.
  private var markedFor: ObjectIdentifier?
  static let specialOnly: Int32 = -2

  package init() {}

  package var count: Int { words.count }

  /// FNV-1a over the word's bytes (read in place when the string has them contiguous).
  @inline(__always)
  static func hash(_ word: String) -> UInt64 {
    @inline(__always)
    func fnv<S: Sequence<UInt8>>(_ bytes: S) -> UInt64 {
      var h: UInt64 = 0xcbf2_9ce4_8422_2325
      for b in bytes {
        h ^= UInt64(b)
        h = h &* 0x100_0000_01b3
      }
      return h
    }
    return word.utf8.withContiguousStorageIfAvailable(fnv) ?? fnv(word.utf8)
  }

  /// The key index of `word`, or -1; `slot` is where it is or would go.
  @inline(__always)
  private func find(_ word: String) -> (key: Int, slot: Int) {
    if slots.isEmpty { return (-1, -1) }
    let mask = slots.count - 1
    let h = Self.hash(word)
    var s = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
    while true {
      let k = Int(slots[s]) - 1
      if k < 0 { return (-1, s) }
      if keys[k] == word { return (k, s) }
      s = (s + 1) & mask
    }
  }

  /// Files a new key.
  private mutating func add(_ word: String, value: Int32) {
    if (keys.count + 1) * 2 > slots.count {
      slots = [Int32](repeating: 0, count: max(16, slots.count * 2))
      let mask = slots.count - 1
      for (k, key) in keys.enumerated() {
        let h = Self.hash(key)
        var s = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        while slots[s] != 0 { s = (s + 1) & mask }
        slots[s] = Int32(k + 1)
      }
    }
    let (_, slot) = find(word)
    keys.append(word)
    values.append(value)
    slots[slot] = Int32(keys.count)
  }

  /// The word's id, adding it if it is new.
  package mutating func intern(_ word: String) -> Int32 {
    let (k, _) = find(word)
    if k >= 0 && values[k] >= 0 { return values[k] }
    let id = Int32(words.count)
    words.append(word)
    if k >= 0 {
      // A special word the vocabulary did not hold yet.
      values[k] = id
      setSpecial(id)
    } else {
      add(word, value: id)
    }
    return id
  }

  /// The word's id, or ``unknown``.
  package func id(_ word: String) -> Int32 {
    let (k, _) = find(word)
    return k >= 0 && values[k] >= 0 ? values[k] : Vocabulary.unknown
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
      let (k, _) = find(word)
      if k >= 0 {
        if values[k] >= 0 { setSpecial(values[k]) }
      } else {
        add(word, value: Self.specialOnly)
      }
    }
    markedFor = ObjectIdentifier(lexicon.tables)
  }

  /// A word's id and whether the lexicon treats it as special, in one lookup; nil when this
  /// vocabulary was not marked for the lexicon (ask `id` and `lexicon.special` then).
  @inline(__always)
  package func lookup(_ word: String, for lexicon: Lexicon) -> (id: Int32, special: Bool)? {
    guard let markedFor, markedFor == ObjectIdentifier(lexicon.tables) else { return nil }
    let (k, _) = find(word)
    if k < 0 { return (Self.unknown, false) }
    let id = values[k]
    if id < 0 { return (Self.unknown, true) }
    let w = Int(id) >> 6
    return (id, w < specialBits.count && specialBits[w] & (1 << UInt64(id & 63)) != 0)
  }
}
