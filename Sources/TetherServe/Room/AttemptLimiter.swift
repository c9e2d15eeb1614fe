/// Counts wrong room codes and facilitator keys per address, and refuses an address that has
/// made too many within a window (HTTP 429), so a code cannot be guessed by trying them all.
struct AttemptLimiter: Sendable {
  /// Wrong attempts allowed per address within the window.
  var limit: Int
  /// The window, in seconds.
  var window: Double
  /// Addresses remembered at most; past that, the oldest failures are forgotten first.
  var capacity = 10_000
  private var failures: [String: [Double]] = [:]

  init(limit: Int, window: Double) {
    self.limit = limit
    self.window = window
  }

  /// True when the address has used up its wrong attempts for now.
  mutating func isBlocked(_ address: String, now: Double) -> Bool {
    guard var times = failures[address] else { return false }
    times.removeAll { now - $0 >= window }
    failures[address] = times.isEmpty ? nil : times
    return times.count >= limit
  }

  /// Records a wrong attempt.
  mutating func fail(_ address: String, now: Double) {
    if failures[address] == nil && failures.count >= capacity {
      failures = failures.filter { $0.value.contains { now - $0 < window } }
      if failures.count >= capacity, let oldest = failures.min(by: { $0.value.last! < $1.value.last! }) {
        failures[oldest.key] = nil
      }
    }
    failures[address, default: []].append(now)
  }
}
