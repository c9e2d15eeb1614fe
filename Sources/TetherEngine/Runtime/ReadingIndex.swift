/// Every signal's readings filed by family, so that a line asks whether any reading could hold
/// by looking only at the readings filed under the families it holds.
///
/// A reading in order is filed under one of its families (the one with the fewest words, so the
/// one a line is least likely to hold); a reading written with `any` under each family of its
/// `one_of`, or under each of its families when it has none: a line where a reading could hold
/// holds a family it is filed under. Each entry keeps what ``SignalReader/Reading/couldHold(_:)``
/// tests as plain bits, read in place. Asking all ninety-odd readings of the shared signals in
/// turn cost about 1,000 instructions of a neutral turn (callgrind); a line holds a few families.
package struct ReadingIndex: Sendable {
  /// What one reading needs of a line's families before it could hold.
  struct Need: Sendable {
    var mask: SignalReader.FamilyMask
    var oneOf: SignalReader.FamilyMask
    var atLeast: Int

    init(_ r: SignalReader.Reading) {
      mask = r.mask
      oneOf = r.oneOf
      atLeast = r.atLeast
    }

    /// ``SignalReader/Reading/couldHold(_:)``, on the bits kept here.
    @inline(__always)
    func couldHold(_ present: SignalReader.FamilyMask) -> Bool {
      if atLeast == 0 { return present.isSuperset(of: mask) }
      if !oneOf.isEmpty && !present.intersects(oneOf) { return false }
      return present.intersection(mask).count >= atLeast
    }
  }

  /// Family f's entries are `filed[from[f]..<from[f + 1]]`.
  private var from: [Int32] = []
  private var filed: [Need] = []
  /// Readings filed under no family (one in order that names none could hold on any line).
  private var unfiled: [Need] = []

  package init() {}

  /// Files `readings`; `size(f)` is how many words start a phrase of family f.
  init(_ readings: [SignalReader.Reading], families: Int, size: (Int) -> Int) {
    var byFamily = [[Need]](repeating: [], count: families)
    for r in readings {
      var under: [Int] = []
      if r.atLeast == 0 {
        let fs = (0..<families).filter { r.mask.contains($0) }
        if let f = fs.min(by: { (size($0), $0) < (size($1), $1) }) { under = [f] }
      } else {
        let by = r.oneOf.isEmpty ? r.mask : r.oneOf
        under = (0..<families).filter { by.contains($0) }
      }
      if under.isEmpty { unfiled.append(Need(r)) }
      for f in under { byFamily[f].append(Need(r)) }
    }
    from = [0]
    for list in byFamily {
      filed += list
      from.append(Int32(filed.count))
    }
  }

  /// True when some reading could hold on a line whose families are `present`.
  func anyCouldHold(_ present: SignalReader.FamilyMask) -> Bool {
    for need in unfiled where need.couldHold(present) { return true }
    var m = present
    while let f = m.popFirst() {
      guard f + 1 < from.count else { break }
      for i in Int(from[f])..<Int(from[f + 1]) where filed[i].couldHold(present) { return true }
    }
    return false
  }
}
