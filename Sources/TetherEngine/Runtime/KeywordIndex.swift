/// A persona's keyword index: word id → the rules filed under it, best first.
///
/// Kept as one flat list with a start offset per word id (an array lookup per word of a line,
/// not a hashed one), in place of a dictionary of arrays: at 100,000 rules it is also far
/// smaller (two arrays, not one allocation per keyword).
package struct KeywordIndex: Sendable {
  /// The rules of word id w are `rules[starts[w]..<starts[w + 1]]`.
  private var starts: [Int32] = [0]
  private var rules: [Int] = []

  package init() {}

  /// The index of `lists` (word id → rules), for word ids below `words`.
  package init(_ lists: [Int32: [Int]], words: Int) {
    let top = max(words, Int((lists.keys.max() ?? -1) + 1))
    starts = [Int32](repeating: 0, count: top + 1)
    rules.reserveCapacity(lists.values.reduce(0) { $0 + $1.count })
    for w in 0..<top {
      starts[w] = Int32(rules.count)
      if let list = lists[Int32(w)] { rules += list }
    }
    starts[top] = Int32(rules.count)
  }

  /// The rules filed under `key`, or nil when none are.
  @inline(__always)
  package subscript(key: Int32) -> ArraySlice<Int>? {
    let k = Int(key)
    guard k >= 0, k + 1 < starts.count else { return nil }
    let from = Int(starts[k]), to = Int(starts[k + 1])
    return from < to ? rules[from..<to] : nil
  }

  /// Every keyword with its rules, in word id order.
  package var entries: [(word: Int32, rules: ArraySlice<Int>)] {
    (0..<max(0, starts.count - 1)).compactMap { w in self[Int32(w)].map { (Int32(w), $0) } }
  }
}
