import ArgumentParser
import TetherEngine
import TetherStudio

extension CatalogList.Kind: ExpressibleByArgument {}

struct ListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List the scenarios, personas, techniques, signals or dynamics.",
    discussion: "With no kind, lists them all. `tether explain ID` tells more about a technique, signal or dynamic."
  )

  @Argument(help: "scenarios, personas, techniques, signals or dynamics (default: all).")
  var kind: CatalogList.Kind?

  @Option(help: "Scenarios folder (default: TETHER_SCENARIOS, or Scenarios/ near the working directory).")
  var scenarios: String?

  func run() throws {
    let (taxonomy, library) = try Load.taxonomy(scenarios: scenarios)
    let kinds = kind.map { [$0] } ?? CatalogList.Kind.allCases
    let text = CatalogList.text(
      kinds, library: library, taxonomy: taxonomy, width: TerminalIO.width(), colour: TerminalIO.colorAllowed)
    try ReportFile.emit(text, to: nil, what: "the list")
  }
}
