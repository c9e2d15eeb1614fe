import ArgumentParser
import TetherEngine
import TetherStudio

struct Test: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check every scenario's expectations and every rule's examples.",
    discussion: """
      For each scenario under PATH: its `tests` (given user lines, which rule, technique, signals, crisis, intent, ends and meters to expect), and every rule's `examples` (each must make that rule answer, not another). Prints each failure with its file and line, then a last line `N passed, N failed`. Exits 1 on any failure.
      """
  )

  @Argument(help: "Scenario folders or files (default: the shipped Scenarios folder).")
  var paths: [String] = []

  func run() throws {
    var targets = paths
    if targets.isEmpty, let root = ScenarioStore.defaultRoot() { targets = [root] }
    if targets.isEmpty {
      Output.error("error: no path given and no Scenarios folder found")
      throw ExitCode(2)
    }
    var tester = ScenarioTester()
    var errors = 0
    for path in targets {
      let files = ScenarioStore.isFolder(path) ? ScenarioStore.yamlFiles(under: path) : [path]
      let library: ScenarioLibrary
      do {
        library = try ScenarioStore.library(files: files)
      } catch {
        Output.error(error.description)
        throw ExitCode(1)
      }
      var checked = Set<String>()
      let ids: [String?] = library.scenarioIDs.map { $0 } + [nil]
      let signals = library.sharedSignals()
      for id in ids {
        let (scenario, diagnostics) = library.compile(id, signals: signals)
        guard let scenario else {
          for d in (library.diagnostics + diagnostics) where d.severity == .error {
            Output.error(SafeText.terminal(d.description))
            errors += 1
          }
          continue
        }
        let fresh = Set(scenario.personaIDs).subtracting(checked)
        checked.formUnion(fresh)
        tester.run(scenario, examplesOf: fresh)
      }
    }
    for f in tester.failures { Output.error(SafeText.terminal(f.description)) }
    let failed = tester.failures.count + errors
    Output.line("\(tester.passed) passed, \(failed) failed")
    if failed > 0 { throw ExitCode(1) }
  }
}
