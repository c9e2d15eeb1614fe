import Foundation

/// How much of the seeded fuzzing the tests do: 1 (the default, for CI) or more, from
/// `TETHER_FUZZ_SCALE` (a long run by hand: `TETHER_FUZZ_SCALE=20 swift test --filter …`).
public enum FuzzScale {
  public static let factor: Int = {
    let value = ProcessInfo.processInfo.environment["TETHER_FUZZ_SCALE"].flatMap { Int($0) } ?? 1
    return max(1, value)
  }()
}
