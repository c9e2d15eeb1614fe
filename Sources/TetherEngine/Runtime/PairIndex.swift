/// Patterns filed under a pair of words in a row (two word ids as one `UInt64` key), found
/// through an open-addressing table with a multiplicative hash: a line looks up most of its
/// pairs on every turn, and a `Dictionary` spent more on hashing (SipHash) than on the rest.
package struct PairIndex: Sendable {
  /// Key index + 1 by hash (0: empty); a power of two, at most half full.
  private var slots: [Int32] = []
  private var keys: [UInt64] = []
  /// The patterns of key k: `filed[starts[k] ..< starts[k + 1]]`.
  private var starts: [Int32] = [0]
  private var filed: [Int32] = []
  private var shift: UInt64 = 64

  package init() {}

  /// Builds the index from each key's patterns (in key order, so the same input builds the same table).
  package init(_ byKey: [UInt64: [Int32]]) {
    let size = max(16, Int(1) << (64 - (UInt64(byKey.count * 2).leadingZeroBitCount)))
    slots = [Int32](repeating: 0, count: size)
    shift = UInt64(64 - size.trailingZeroBitCount)
    for key in byKey.keys.sorted() {
      keys.append(key)
      filed += byKey[key]!
      starts.append(Int32(filed.count))
      var s = slot(key)
      while slots[s] != 0 { s = (s + 1) & (slots.count - 1) }
      slots[s] = Int32(keys.count)
    }
  }

  package var isEmpty: Bool { keys.isEmpty }

  @inline(__always)
  private func slot(_ key: UInt64) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
  }

  /// Where the items filed under `key` lie (empty when none), read with ``item(at:)``: no
  /// slice is made, which would retain the list.
  @inline(__always)
  package func range(_ key: UInt64) -> Range<Int> {
    if keys.isEmpty { return 0..<0 }
    let mask = slots.count - 1
    var s = slot(key)
    while true {
      let k = Int(slots[s]) - 1
      if k < 0 { return 0..<0 }
      if keys[k] == key { return Int(starts[k])..<Int(starts[k + 1]) }
      s = (s + 1) & mask
    }
  }

  /// The item at `i` of a ``range(_:)``.
  @inline(__always)
  package func item(at i: Int) -> Int32 { filed[i] }

  /// The patterns filed under `key` (empty when none).
  @inline(__always)
  package func patterns(_ key: UInt64) -> ArraySlice<Int32> {
    if keys.isEmpty { return [] }
    let mask = slots.count - 1
    var s = slot(key)
    while true {
      let k = Int(slots[s]) - 1
      if k < 0 { return [] }
      if keys[k] == key { return filed[Int(starts[k])..<Int(starts[k + 1])] }
      s = (s + 1) & mask
    }
  }
}
