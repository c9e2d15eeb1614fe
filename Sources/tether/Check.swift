import ArgumentParser
import TetherEngine
import TetherStudio

struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check scenario files and folders for errors.",
    discussion: """
      Prints every problem as file:line:column: error: message. Exits 0 when there are no errors (warnings allowed), 1 when there are errors, 2 on a usage error.
      """
  )

  @Argument(help: "Scenario files or folders (default: the shipped Scenarios folder).")
  var paths: [String] = []

  func run() throws {
    var targets = paths
    if targets.isEmpty {
      guard let root = ScenarioStore.defaultRoot() else {
        Output.error("error: no path given and no Scenarios folder found; name a file or folder")
        throw ExitCode(2)
      }
      targets = [root]
    }
    let diagnostics: [Diagnostic]
    do {
      diagnostics = try Checker.check(paths: targets)
    } catch {
      Output.error(error.description)
      throw ExitCode(1)
    }
    for d in diagnostics { Output.error(SafeText.terminal(d.description)) }
    let errors = diagnostics.filter { $0.severity == .error }.count
    let warnings = diagnostics.filter { $0.severity == .warning }.count
    Output.error("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
    if errors > 0 { throw ExitCode(1) }
  }
}
