/// A set of words and phrases, as ids: a concept, or the alternatives of `(a|b c)`.
package struct PhraseSet: Sendable {
  package private(set) var singles: Set<Int32> = []
  /// Phrases of two or more words, longest first.
  package var multi: [[Int32]] = []
  /// True when the empty phrase is in the set (an `[optional]` element).
  package var allowsEmpty = false
  /// Every word that can start a phrase of the set.
  package private(set) var firstWords: Set<Int32> = []
  /// `singles` and `firstWords` as bitmaps over word ids: the matcher asks "is this word in the
  /// set?" for every word of every line, and a bit test costs far less than hashing.
  private var singleBits: [UInt64] = []
  /// The phrases of two or more words by their first word, each list longest first: at a
  /// position the matcher only tries the phrases that start with the word there.
  package private(set) var multiByFirst: [Int32: [[Int32]]] = [:]
  private var firstBits: [UInt64] = []

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

  /// True when the one-word phrase `id` is in the set.
  @inline(__always)
  package func hasSingle(_ id: Int32) -> Bool { Self.test(singleBits, id) }

  /// True when some phrase of the set starts with `id`.
  @inline(__always)
  package func startsWith(_ id: Int32) -> Bool { Self.test(firstBits, id) }

  package init() {}

  /// True when the set holds no phrase, not even the empty one.
  package var isEmpty: Bool { singles.isEmpty && multi.isEmpty && !allowsEmpty }

  package mutating func insert(_ phrase: [Int32]) {
    switch phrase.count {
    case 0: allowsEmpty = true
    case 1:
      singles.insert(phrase[0])
      firstWords.insert(phrase[0])
      Self.set(&singleBits, phrase[0])
      Self.set(&firstBits, phrase[0])
    default:
      if !multi.contains(phrase) {
        // Kept longest first by inserting in place (sorting after every insert was quadratic).
        let at = multi.firstIndex { $0.count < phrase.count } ?? multi.count
        multi.insert(phrase, at: at)
        var list = multiByFirst[phrase[0]] ?? []
        list.insert(phrase, at: list.firstIndex { $0.count < phrase.count } ?? list.count)
        multiByFirst[phrase[0]] = list
        firstWords.insert(phrase[0])
        Self.set(&firstBits, phrase[0])
      }
    }
  }

  package mutating func formUnion(_ other: PhraseSet) {
    singles.formUnion(other.singles)
    firstWords.formUnion(other.singles)
    Self.union(&singleBits, other.singleBits)
    Self.union(&firstBits, other.singleBits)
    for p in other.multi { insert(p) }
    allowsEmpty = allowsEmpty || other.allowsEmpty
  }
}
