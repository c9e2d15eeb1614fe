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

  /// Every word filed (the vocabulary's own and the special words it does not hold), as bytes
  /// end to end: key k is `keyBytes[keyEnds[k - 1] ..< keyEnds[k]]` (from 0 for the first).
  /// Bytes, not strings, so that a word read from a line is found without becoming a string.
  private var keyBytes: [UInt8] = []
  private var keyEnds: [Int32] = []
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

  /// A hash of a word's bytes, read eight at a time: a word of up to eight bytes (most words
  /// of a line) is one value from two overlapping loads, mixed once. FNV-1a, a multiply per
  /// byte, cost about 670 instructions a neutral turn (callgrind). Only the table's slots
  /// depend on it, never an id.
  @inline(__always)
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    let n = bytes.count
    guard n > 0, let base = bytes.baseAddress else { return 0x9E37_79B9_7F4A_7C15 }
    let raw = UnsafeRawPointer(base)
    let h = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: n)
    if n >= 8 {
      var acc = h
      var k = 0
      while k + 8 < n {
        acc = mix(acc ^ raw.loadUnaligned(fromByteOffset: k, as: UInt64.self))
        k += 8
      }
      return mix(acc ^ raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
    }
    // Every byte is in the value: two overlapping 4-byte loads, or the first, middle and last byte.
    let v: UInt64
    if n >= 4 {
      v = UInt64(raw.loadUnaligned(as: UInt32.self)) << 32
        | UInt64(raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
    } else {
      v = UInt64(base[0]) << 16 | UInt64(base[n >> 1]) << 8 | UInt64(base[n - 1])
    }
    return mix(h ^ v)
  }

  /// A 64-bit finalizer (SplitMix64's constants): every bit of the input reaches the low bits
  /// the slots are taken from.
  @inline(__always)
  static func mix(_ x: UInt64) -> UInt64 {
    var x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
    x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
    return x ^ (x >> 31)
  }

  /// Calls `body` with the word's bytes (in place when the string has them contiguous).
  @inline(__always)
  static func withBytes<R>(_ word: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let r = word.utf8.withContiguousStorageIfAvailable(body) { return r }
    return Array(word.utf8).withUnsafeBufferPointer(body)
  }

  /// The key index of the word, or -1; `slot` is where it is or would go.
  @inline(__always)
  private func find(_ bytes: UnsafeBufferPointer<UInt8>) -> (key: Int, slot: Int) {
    find(bytes, hash: Self.hash(bytes))
  }

  /// ``find(_:)`` with the bytes' ``hash(_:)`` already taken.
  @inline(__always)
  private func find(_ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> (key: Int, slot: Int) {
    if slots.isEmpty { return (-1, -1) }
    let mask = slots.count - 1
    var s = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
    return keyBytes.withUnsafeBufferPointer { arena in
      while true {
        let k = Int(slots[s]) - 1
        if k < 0 { return (-1, s) }
        let start = k == 0 ? 0 : Int(keyEnds[k - 1])
        let end = Int(keyEnds[k])
        if end - start == bytes.count {
          var i = 0
          while i < bytes.count && arena[start + i] == bytes[i] { i += 1 }
          if i == bytes.count { return (k, s) }
        }
        s = (s + 1) & mask
      }
    }
  }

  @inline(__always)
  private func find(_ word: String) -> (key: Int, slot: Int) {
    Self.withBytes(word) { find($0) }
  }

  /// Files a new key.
  private mutating func add(_ word: String, value: Int32) {
    if (keyEnds.count + 1) * 2 > slots.count {
      slots = [Int32](repeating: 0, count: max(16, slots.count * 2))
      let mask = slots.count - 1
      keyBytes.withUnsafeBufferPointer { arena in
        var start = 0
        for (k, end) in keyEnds.enumerated() {
          let h = Self.hash(UnsafeBufferPointer(rebasing: arena[start..<Int(end)]))
          var s = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
          while slots[s] != 0 { s = (s + 1) & mask }
          slots[s] = Int32(k + 1)
          start = Int(end)
        }
      }
    }
    let (_, slot) = find(word)
    keyBytes.append(contentsOf: word.utf8)
    keyEnds.append(Int32(keyBytes.count))
    values.append(value)
    slots[slot] = Int32(keyEnds.count)
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
    Self.withBytes(word) { lookup(bytes: $0, for: lexicon) }
  }

  /// ``lookup(_:for:)`` for a word given as its bytes.
  @inline(__always)
  package func lookup(bytes: UnsafeBufferPointer<UInt8>, for lexicon: Lexicon) -> (id: Int32, special: Bool)? {
    lookup(bytes: bytes, hash: Self.hash(bytes), for: lexicon)
  }

  /// ``lookup(bytes:for:)`` with the bytes' ``hash(_:)`` already taken (a word looked up in two
  /// vocabularies is hashed once).
  @inline(__always)
  func lookup(bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, for lexicon: Lexicon) -> (id: Int32, special: Bool)? {
    guard let markedFor, markedFor == ObjectIdentifier(lexicon.tables) else { return nil }
    let (k, _) = find(bytes, hash: hash)
    if k < 0 { return (Self.unknown, false) }
    let id = values[k]
    if id < 0 { return (Self.unknown, true) }
    let w = Int(id) >> 6
    return (id, w < specialBits.count && specialBits[w] & (1 << UInt64(id & 63)) != 0)
  }
}
