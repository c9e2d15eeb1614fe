/// Matches compiled patterns against a line's word ids in time linear in the line's length.
///
/// A depth-first search that tries each `*` as short as possible and each phrase longest
/// first, remembering every (element, position) that failed: no pair is explored twice, and
/// each `*` scans each position at most once, so no pattern can make it blow up.
package struct Matcher {
  private var failed: [UInt32] = []
  private var generation: UInt32 = 0
  private var starLimit: [Int] = []
  private var ids: [Int32] = []
  private var count = 0
  private var elements: [Pattern.Element] = []
  private var captureSlot: [Int] = []
  /// By word id: words the pattern may pass over where it does not name them (fillers).
  private var skip: [Bool] = []
  private(set) var captures: [Range<Int>] = []
  /// Where each element of the last successful match matched (the first `elements.count`).
  package private(set) var spans: [Range<Int>] = []
  /// Steps taken by the last call to ``match(_:_:)``: the property tests count them.
  package private(set) var steps = 0
  /// Buffers a turn lends out and takes back, so that reading a line allocates none of them
  /// once they are big enough: the normalized lines (the rules' and the signals') and the
  /// signal reading's word ids. Nil or empty while lent out; only the outermost reading of a
  /// line uses them (a frame's re-reading makes its own).
  package var spareLine: NormalizedLine?
  package var spareSignalLine: NormalizedLine?
  package var spareIDs: [Int32] = []

  package init() {}

  /// A line kept to be reused by the next turn, or nil for one too long to keep (a pasted
  /// essay must not hold its buffers for the rest of the conversation).
  package static func spare(_ line: consuming NormalizedLine) -> NormalizedLine? {
    line.tokens.capacity <= 1_024 ? line : nil
  }

  /// Matches `pattern` against `ids` (a whole clause). Returns the captures' ranges, or nil.
  /// `skipping`, by word id, marks words the pattern may pass over where it does not name them
  /// (a rule's fillers: "are you actually an ai" is matched by "are you an ai").
  package mutating func match(_ pattern: Pattern, _ ids: [Int32], skipping: [Bool] = []) -> [Range<Int>]? {
    // Cheap prefilters: every required word must be present, and a word of every required set.
    for w in pattern.requiredWords where !ids.contains(w) { return nil }
    // By index: binding each set to a name would copy it (six retains and releases).
    for k in pattern.requiredSets.indices where !pattern.requiredSets[k].startsAny(ids) { return nil }
    self.ids = ids
    skip = skipping
    count = ids.count
    elements = pattern.elements
    let n = elements.count
    let cells = (n + 1) * (count + 1)
    if failed.count < cells { failed = [UInt32](repeating: 0, count: cells) }
    generation &+= 1
    if generation == 0 {
      for k in failed.indices { failed[k] = 0 }
      generation = 1
    }
    // Scratch buffers are reused from call to call: no allocation once they are big enough.
    if starLimit.count < n {
      starLimit = [Int](repeating: Int.max, count: n)
      spans = [Range<Int>](repeating: 0..<0, count: n)
    } else {
      for k in 0..<n { starLimit[k] = Int.max }
    }
    captureSlot = pattern.slots
    if captures.count < pattern.captureCount {
      captures = [Range<Int>](repeating: 0..<0, count: pattern.captureCount)
    }
    steps = 0
    let matched = step(0, 0)
    // The caller's ids are let go: a caller that reuses its buffer of ids from line to line
    // (``spareIDs``) would otherwise find it shared, and copy it on its next change.
    self.ids = []
    guard matched else { return nil }
    return pattern.captureCount == captures.count ? captures : Array(captures[0..<pattern.captureCount])
  }

  private mutating func step(_ i: Int, _ pos: Int) -> Bool {
    steps += 1
    if i == elements.count {
      var end = pos
      while end < count && skippable(end) { end += 1 }
      return end == count
    }
    let cell = i * (count + 1) + pos
    if failed[cell] == generation { return false }
    var ok = false
    switch elements[i] {
    case .word(let id):
      ok = pos < count && ids[pos] == id && step(i + 1, pos + 1)
      if ok { record(i, pos..<(pos + 1)) }
    case .star:
      if i == elements.count - 1 {
        ok = true
        record(i, pos..<count)
      } else if pos < starLimit[i] {
        let limit = min(count, starLimit[i])
        var end = pos
        while end <= limit {
          if step(i + 1, end) {
            ok = true
            record(i, pos..<end)
            break
          }
          end += 1
        }
        // Every end from `pos` on failed: so does this star from any later position.
        if !ok { starLimit[i] = pos }
      }
    case .phrase(let set, _):
      let starts = pos < count && set.startsWith(ids[pos])
      for phrase in starts ? set.multiByFirst[ids[pos]] ?? [] : [] where pos + phrase.count <= count {
        var same = true
        for (k, w) in phrase.enumerated() where ids[pos + k] != w {
          same = false
          break
        }
        if same, step(i + 1, pos + phrase.count) {
          record(i, pos..<(pos + phrase.count))
          ok = true
          break
        }
      }
      if !ok, starts, set.hasSingle(ids[pos]), step(i + 1, pos + 1) {
        record(i, pos..<(pos + 1))
        ok = true
      }
      if !ok, set.allowsEmpty, step(i + 1, pos) {
        record(i, pos..<pos)
        ok = true
      }
    }
    // A filler the element did not take is passed over ("are you ACTUALLY an ai").
    if !ok, pos < count, skippable(pos) {
      if case .star = elements[i] {} else { ok = step(i, pos + 1) }
    }
    if !ok { failed[cell] = generation }
    return ok
  }

  private func skippable(_ pos: Int) -> Bool {
    let id = ids[pos]
    return id >= 0 && Int(id) < skip.count && skip[Int(id)]
  }

  private mutating func record(_ i: Int, _ range: Range<Int>) {
    spans[i] = range
    let s = captureSlot[i]
    if s >= 0 { captures[s] = range }
  }
}
