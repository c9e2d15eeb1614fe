import TetherEngine

/// The bodies of the libFuzzer targets: each input checked, and any broken promise a trap
/// (libFuzzer then saves the input as a `crash-…` artifact).
public enum FuzzTargets {
  /// Bytes → scenario files (split at ``ScenarioProbe/fileSeparator``) → `tether check`, then
  /// every scenario that passes played for a few turns.
  public static func scenario(_ data: UnsafeBufferPointer<UInt8>) {
    let text = String(decoding: data, as: UTF8.self)
    let outcome = ScenarioProbe.check(ScenarioProbe.files(fromFuzzInput: text))
    if !outcome.problems.isEmpty { fatalError(outcome.problems.prefix(5).joined(separator: "\n")) }
  }

  /// The shipped scenarios, compiled once for all inputs.
  static let shipped: ShippedScenarios = {
    do {
      return try ShippedScenarios()
    } catch {
      fatalError("FuzzUserLine: \(error)")
    }
  }()

  /// Compiles the shipped scenarios now (libFuzzer's `LLVMFuzzerInitialize`), not in the first input.
  public static func prepareUserLine() {
    _ = shipped.scenarios.count
  }

  /// Bytes → up to 8 user lines (split at newlines) → every persona of every shipped scenario
  /// answers each in turn, then a crisis line; every turn is checked (every check on each
  /// persona's first scenario, the safety notice, meters and text on the others).
  public static func userLine(_ data: UnsafeBufferPointer<UInt8>) {
    let text = String(decoding: data, as: UTF8.self)
    let lines = text.split(separator: "\n", maxSplits: 7, omittingEmptySubsequences: false).map(String.init)
    let outcome = shipped.feed(lines, light: true)
    if !outcome.problems.isEmpty { fatalError(outcome.problems.prefix(5).joined(separator: "\n")) }
  }
}
