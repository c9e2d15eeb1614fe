/// A set of words and phrases, as ids: a concept, or the alternatives of `(a|b c)`.
///
/// The contents live in one shared, copy-on-write box: the matcher binds a set at every step
/// it takes through a pattern, and a copy of the set then costs one retain, not one per table.
package struct PhraseSet: Sendable {
  /// The tables, written only while the set is built and only when this set owns them alone.
  final class Storage: @unchecked Sendable {
    var singles: Set<Int32> = []
    var multi: [[Int32]] = []
    var allowsEmpty = false
    var firstWords: Set<Int32> = []
    var singleBits: [UInt64] = []
    var multiByFirst: [Int32: [[Int32]]] = [:]
    var firstBits: [UInt64] = []

    init() {}

    func copy() -> Storage {
      let s = Storage()
      s.singles = singles
      s.multi = multi
      s.allowsEmpty = allowsEmpty
      s.firstWords = firstWords
      s.singleBits = singleBits
      s.multiByFirst = multiByFirst
      s.firstBits = firstBits
      return s
    }
  }

  private var storage = Storage()

  private mutating func unique() {
    if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
  }

  package var singles: Set<Int32> { storage.singles }
  /// Phrases of two or more words, longest first.
  package var multi: [[Int32]] { storage.multi }
  /// True when the empty phrase is in the set (an `[optional]` element).
  package var allowsEmpty: Bool {
    get { storage.allowsEmpty }
    set {
      unique()
      storage.allowsEmpty = newValue
    }
  }
  /// Every word that can start a phrase of the set.
  package var firstWords: Set<Int32> { storage.firstWords }
  /// The phrases of two or more words by their first word, each list longest first: at a
  /// position the matcher only tries the phrases that start with the word there.
  package var multiByFirst: [Int32: [[Int32]]] { storage.multiByFirst }

  static func set(_ bits: inout [UInt64], _ id: Int32) {
    guard id >= 0 else { return }
    let w = Int(id) >> 6
    if w >= bits.count { bits += [UInt64](repeating: 0, count: w - bits.count + 1) }
    bits[w] |= 1 << UInt64(id & 63)
  }

  static func union(_ bits: inout [UInt64], _ other: [UInt64]) {
    if other.count > bits.count { bits += [UInt64](repeating: 0, count: other.count - bits.count) }
    for k in other.indices { bits[k] |= other[k] }
  }

  @inline(__always)
  static func test(_ bits: [UInt64], _ id: Int32) -> Bool {
    guard id >= 0 else { return false }
    let w = Int(id) >> 6
    return w < bits.count && bits[w] & (1 << UInt64(id & 63)) != 0
  }

  /// True when the one-word phrase `id` is in the set: `singles` as a bitmap over word ids, since
  /// the matcher asks this for every word of every line and a bit test costs far less than hashing.
  @inline(__always)
  package func hasSingle(_ id: Int32) -> Bool { Self.test(storage.singleBits, id) }

  /// True when some phrase of the set starts with `id`.
  @inline(__always)
  package func startsWith(_ id: Int32) -> Bool { Self.test(storage.firstBits, id) }

  /// True when some word of `ids` starts a phrase of the set.
  @inline(__always)
  package func startsAny(_ ids: [Int32]) -> Bool {
    let bits = storage.firstBits
    for id in ids where Self.test(bits, id) { return true }
    return false
  }

  package init() {}

  /// The same for every copy of this set: sets shared by many patterns are tested once a line.
  package var identity: ObjectIdentifier { ObjectIdentifier(storage) }

  /// True when the set holds no phrase, not even the empty one.
  package var isEmpty: Bool { storage.singles.isEmpty && storage.multi.isEmpty && !storage.allowsEmpty }

  package mutating func insert(_ phrase: [Int32]) {
    unique()
    switch phrase.count {
    case 0: storage.allowsEmpty = true
    case 1:
      storage.singles.insert(phrase[0])
      storage.firstWords.insert(phrase[0])
      Self.set(&storage.singleBits, phrase[0])
      Self.set(&storage.firstBits, phrase[0])
    default:
      if !storage.multi.contains(phrase) {
        // Kept longest first by inserting in place (sorting after every insert was quadratic).
        let at = storage.multi.firstIndex { $0.count < phrase.count } ?? storage.multi.count
        storage.multi.insert(phrase, at: at)
        var list = storage.multiByFirst[phrase[0]] ?? []
        list.insert(phrase, at: list.firstIndex { $0.count < phrase.count } ?? list.count)
        storage.multiByFirst[phrase[0]] = list
        storage.firstWords.insert(phrase[0])
        Self.set(&storage.firstBits, phrase[0])
      }
    }
  }

  /// Inserts every phrase, as one ``insert(_:)`` after another would, but a set's longer
  /// phrases are placed once, not shifted into place one by one.
  package mutating func insert(contentsOf phrases: [[Int32]]) {
    guard !phrases.isEmpty else { return }
    if !storage.multi.isEmpty {
      for p in phrases { insert(p) }
      return
    }
    unique()
    // The bitmaps sized once for the largest id, not grown word by word.
    var largest: Int32 = -1, largestSingle: Int32 = -1
    for p in phrases where !p.isEmpty {
      largest = max(largest, p[0])
      if p.count == 1 { largestSingle = max(largestSingle, p[0]) }
    }
    func reserve(_ bits: inout [UInt64], _ id: Int32) {
      let words = Int(id) >> 6 + 1
      if id >= 0 && bits.count < words { bits += [UInt64](repeating: 0, count: words - bits.count) }
    }
    reserve(&storage.firstBits, largest)
    reserve(&storage.singleBits, largestSingle)
    var multi: [[Int32]] = []
    var seen = Set<[Int32]>()
    for p in phrases {
      switch p.count {
      case 0: storage.allowsEmpty = true
      case 1:
        storage.singles.insert(p[0])
        storage.firstWords.insert(p[0])
        Self.set(&storage.singleBits, p[0])
        Self.set(&storage.firstBits, p[0])
      default:
        if seen.insert(p).inserted { multi.append(p) }
      }
    }
    guard !multi.isEmpty else { return }
    // Longest first; phrases of one length in the order given (as inserting one by one does).
    let order = multi.indices.sorted { multi[$0].count != multi[$1].count ? multi[$0].count > multi[$1].count : $0 < $1 }
    storage.multi = order.map { multi[$0] }
    for p in storage.multi {
      storage.multiByFirst[p[0], default: []].append(p)
      storage.firstWords.insert(p[0])
      Self.set(&storage.firstBits, p[0])
    }
  }

  package mutating func formUnion(_ other: PhraseSet) {
    unique()
    let o = other.storage
    storage.singles.formUnion(o.singles)
    storage.firstWords.formUnion(o.singles)
    Self.union(&storage.singleBits, o.singleBits)
    Self.union(&storage.firstBits, o.singleBits)
    for p in o.multi { insert(p) }
    storage.allowsEmpty = storage.allowsEmpty || o.allowsEmpty
  }
}
