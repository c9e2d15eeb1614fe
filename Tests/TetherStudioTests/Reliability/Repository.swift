import FuzzProbes
import Foundation

/// The repository and its shipped scenarios, read once for the reliability suites.
enum Repository {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

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
