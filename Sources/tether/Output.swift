import ArgumentParser
import Foundation
import TetherEngine
import TetherStudio

/// Writes to standard output and standard error (Swift 6 on Linux cannot use `fputs(_, stderr)`).
enum Output {
  static func line(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
  }

  static func error(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }
}

/// What several commands load first, with the same plain error and exit code 1 when they cannot.
enum Load {
  /// A scenario named by the user (a file, or the id of a shipped one), compiled.
  static func scenario(_ name: String?, scenarios: String?) throws -> Scenario {
    do {
      return try ScenarioStore.scenario(name, scenarios: scenarios).0
    } catch {
      Output.error(SafeText.terminal(error.description))
      throw ExitCode(1)
    }
  }

  /// The techniques, signals and dynamics, with the library they come from.
  static func taxonomy(scenarios: String?) throws -> (Taxonomy, ScenarioLibrary) {
    do {
      return try Taxonomy.load(scenarios: scenarios)
    } catch {
      Output.error("error: " + SafeText.terminal(error.description))
      throw ExitCode(1)
    }
  }
}

/// `--region`, shared by play, replay and serve: whose crisis line the safety notice names.
struct RegionOption: ParsableArguments {
  @Option(
    help: "Whose crisis line the safety notice names: us (988, the default), uk, ie, ca, au, nz or other (default: TETHER_REGION).")
  var region: String?

  /// `--region`, else TETHER_REGION, else none (the default line); one the scenario's safety
  /// section does not list is an error.
  func code(for scenario: Scenario) throws -> String? {
    let chosen = region ?? ProcessInfo.processInfo.environment["TETHER_REGION"].flatMap { $0.isEmpty ? nil : $0 }
    guard let chosen else { return nil }
    if let problem = scenario.regionProblem(chosen) {
      Output.error(SafeText.terminal("error: \(region == nil ? "TETHER_REGION: " : "--region: ")\(problem)"))
      throw ExitCode(2)
    }
    return chosen.lowercased()
  }
}
