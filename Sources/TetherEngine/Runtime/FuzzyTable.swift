/// The typo table of the fuzzy signals' words: each key (a word, or the word with one letter left
/// out) → the word's id.
///
/// ASCII keys, nearly all of them, are kept as bytes in flat arrays and found by an FNV-1a hash
/// of their bytes, so that a typed word's variants are looked up without building a string for
/// each, and with no allocation of their own: kept as a dictionary of strings and again by hash
/// as arrays of bytes, the shipped signals' keys held 3.1 MB of the 10,000-rule benchmark's heap
/// (heaptrack), and 0.9 MB in this table. Keys with other characters are few, and kept in a
/// dictionary of strings.
package struct FuzzyTable: Sendable, Equatable {
  /// Entry k: its key's bytes `bytes[keyEnd[k - 1]..<keyEnd[k]]` (from 0 for the first), its hash,
  /// its word's id, and the entry filed before it in the same bucket (-1: none).
  private var bytes: [UInt8] = []
  private var keyEnd: [Int32] = []
  private var hashes: [UInt64] = []
  private var ids: [Int32] = []
  private var next: [Int32] = []
  /// Bucket `hash & (heads.count - 1)` → its last entry (-1: none); kept at most half full.
  private var heads: [Int32] = []
  /// The hashes' low 16 bits as bits: most variants of a typed word are no key, and one bit test
  /// turns them away before a bucket is read.
  private var bloom = [UInt64](repeating: 0, count: 1 << 10)
  /// The keys that are not all ASCII.
  private var others: [String: Int32] = [:]

  package init() {}

  /// True when the table holds no key.
  package var isEmpty: Bool { ids.isEmpty && others.isEmpty }

  /// The id filed under `key`, if any.
  package subscript(key: String) -> Int32? {
    if Normalizer.isASCII(key) {
      var key = key
      return key.withUTF8 { lookup($0, skipping: -1, hash: Self.fnv($0)) }
    }
    return others[key]
  }

  /// Files `key` under `id`; with `replacing` false, a key already filed keeps its id.
  package mutating func set(_ key: String, _ id: Int32, replacing: Bool) {
    guard Normalizer.isASCII(key) else {
      if replacing || others[key] == nil { others[key] = id }
      return
    }
    var key = key
    key.withUTF8 { set($0, id, replacing: replacing) }
  }

  /// Files the ASCII key `key` under `id` (see ``set(_:_:replacing:)``).
  package mutating func set(_ key: UnsafeBufferPointer<UInt8>, _ id: Int32, replacing: Bool) {
    let hash = Self.fnv(key)
    if let k = entry(key, skipping: -1, hash: hash) {
      if replacing { ids[k] = id }
      return
    }
    if (ids.count + 1) * 2 > heads.count { rehash(to: max(64, heads.count * 2)) }
    let k = Int32(ids.count)
    bytes.append(contentsOf: key)
    keyEnd.append(Int32(bytes.count))
    hashes.append(hash)
    ids.append(id)
    let b = Int(hash & UInt64(heads.count - 1))
    next.append(heads[b])
    heads[b] = k
    bloom[Int(hash & 0xFFFF) >> 6] |= 1 << (hash & 63)
  }

  private mutating func rehash(to size: Int) {
    heads = [Int32](repeating: -1, count: size)
    for k in ids.indices {
      let b = Int(hashes[k] & UInt64(size - 1))
      next[k] = heads[b]
      heads[b] = Int32(k)
    }
  }

  /// Gives back the room the arrays grew into beyond their contents, once the table is filled
  /// (`Array(array)` would share the grown buffer: each is copied into one of its exact size).
  package mutating func trim() {
    func exact<T>(_ a: [T]) -> [T] {
      [T](unsafeUninitializedCapacity: a.count) { buffer, count in
        count = buffer.initialize(fromContentsOf: a)
      }
    }
    bytes = exact(bytes)
    keyEnd = exact(keyEnd)
    hashes = exact(hashes)
    ids = exact(ids)
    next = exact(next)
  }

  /// The id filed under `bytes` with the byte at `skipping` left out (-1: none), if any; `hash` is
  /// those bytes' FNV-1a hash (``fnv(_:)``).
  @inline(__always)
  package func lookup(_ bytes: UnsafeBufferPointer<UInt8>, skipping: Int, hash: UInt64) -> Int32? {
    if bloom[Int(hash & 0xFFFF) >> 6] & (1 << (hash & 63)) == 0 { return nil }
    return entry(bytes, skipping: skipping, hash: hash).map { ids[$0] }
  }

  @inline(__always)
  private func entry(_ key: UnsafeBufferPointer<UInt8>, skipping: Int, hash: UInt64) -> Int? {
    guard !heads.isEmpty else { return nil }
    let length = skipping < 0 ? key.count : key.count - 1
    var k = Int(heads[Int(hash & UInt64(heads.count - 1))])
    while k >= 0 {
      if hashes[k] == hash {
        let start = k == 0 ? 0 : Int(keyEnd[k - 1])
        let end = Int(keyEnd[k])
        if end - start == length {
          var same = true
          var j = 0
          while j < length {
            if bytes[start + j] != key[j < skipping || skipping < 0 ? j : j + 1] {
              same = false
              break
            }
            j += 1
          }
          if same { return k }
        }
      }
      k = Int(next[k])
    }
    return nil
  }

  /// Every key and its id (for tests and tools).
  package var entries: [String: Int32] {
    var out = others
    var start = 0
    for k in ids.indices {
      let end = Int(keyEnd[k])
      out[String(decoding: bytes[start..<end], as: UTF8.self)] = ids[k]
      start = end
    }
    return out
  }

  package static func == (a: FuzzyTable, b: FuzzyTable) -> Bool { a.entries == b.entries }

  /// FNV-1a over the bytes.
  @inline(__always)
  package static func fnv(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    fnv(fnvBasis, bytes, from: 0, to: bytes.count)
  }

  /// FNV-1a's starting value.
  package static let fnvBasis: UInt64 = 0xcbf2_9ce4_8422_2325

  /// FNV-1a taken on from `hash` (the value after the bytes before `from`) over `bytes[from..<to]`.
  @inline(__always)
  package static func fnv(_ hash: UInt64, _ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> UInt64 {
    var h = hash
    var k = from
    while k < to {
      h ^= UInt64(bytes[k])
      h = h &* 0x100_0000_01b3
      k += 1
    }
    return h
  }
}
