import FuzzProbes
import Foundation

/// The repository and its shipped scenarios, read once for the reliability suites: this source
/// file's checkout, or `TETHER_REPOSITORY` (as the signal evaluation reads it), so that the crisis
/// safety suite of one built test binary can check the scenarios of another worktree.
enum Repository {
  static let root: URL = {
    if let root = ProcessInfo.processInfo.environment["TETHER_REPOSITORY"], !root.isEmpty {
      return URL(fileURLWithPath: root)
    }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
  }()

  static let scenariosFolder = root.appendingPathComponent("Scenarios").path

  /// Every shipped scenario compiled (nil, with the reason recorded by the caller, if they do not load).
  static let shipped: Result<ShippedScenarios, ShippedScenarios.Failure> = {
    do throws(ShippedScenarios.Failure) {
      return .success(try ShippedScenarios(root: scenariosFolder))
    } catch {
      return .failure(error)
    }
  }()
}
