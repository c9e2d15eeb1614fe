import ArgumentParser
import Foundation
import TetherEngine
import TetherStudio

struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Send the same user lines to every persona of a scenario and show the replies side by side.",
    discussion: """
      Uses the scenario's demo script, or the lines of --lines FILE (one user line per line). Each reply is shown with its technique and the meters it moved, in columns fitted to the terminal (COLUMNS). A persona that lets the conversation end hears no more lines. --format html writes one self-contained page (inline styles and charts, nothing loaded from elsewhere); jsonl prints each persona's turns in the schema of `replay --format jsonl`, which `report` reads.
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, html, jsonl
  }

  @Argument(help: "A scenario file, or the id of a shipped scenario.")
  var scenario: String

  @Option(help: ArgumentHelp("A file of user lines (default: the scenario's demo script).", valueName: "file"))
  var lines: String?

  @Option(
    help: ArgumentHelp("The personas to compare, comma-separated (default: all of the scenario's).", valueName: "a,b,c")
  )
  var personas: String?

  @Option(help: "The random seed: the same seed and lines give the same comparison.")
  var seed: UInt64 = 1

  @Option(help: "Output format: text, markdown, html or jsonl.")
  var format: Format = .text

  @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
  var output: String?

  @Option(help: "Scenarios folder (default: TETHER_SCENARIOS, or Scenarios/ near the working directory).")
  var scenarios: String?

  func run() throws {
    let loaded = try Load.scenario(scenario, scenarios: scenarios)
    let wanted = (personas ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
      !$0.isEmpty
    }
    let ids: [String]
    do {
      ids = try TetherStudio.Compare.personas(wanted, in: loaded)
    } catch {
      Output.error("error: " + SafeText.terminal(error.description))
      throw ExitCode(2)
    }
    let userLines: [String]
    let source: String
    if let lines {
      guard let data = FileManager.default.contents(atPath: lines) else {
        Output.error("error: cannot read the lines file '\(SafeText.terminal(lines))'")
        throw ExitCode(1)
      }
      userLines = TetherStudio.Replay.lines(String(decoding: data, as: UTF8.self))
      source = "the lines of \((lines as NSString).lastPathComponent)"
    } else {
      guard !loaded.demo.isEmpty else {
        Output.error("error: scenario '\(loaded.id)' has no demo script; give the user's lines with --lines FILE")
        throw ExitCode(2)
      }
      userLines = loaded.demo
      source = "the demo script"
    }
    let taxonomy = (try? Taxonomy.load(scenarios: ScenarioStore.root(of: loaded.file) ?? scenarios).0) ?? Taxonomy()
    let comparison: Comparison
    do {
      comparison = try TetherStudio.Compare.run(
        loaded, personas: ids, lines: userLines, seed: seed, source: source, taxonomy: taxonomy)
    } catch {
      Output.error("error: " + SafeText.terminal(error.description))
      throw ExitCode(1)
    }
    let toTerminal = output == nil
    let text: String
    switch format {
    case .text:
      text = comparison.text(width: TerminalIO.width(), colour: toTerminal && TerminalIO.colorAllowed)
    case .markdown: text = comparison.markdown()
    case .html: text = HTMLReport.comparison(comparison)
    case .jsonl: text = comparison.jsonl()
    }
    try ReportFile.emit(text, to: output, what: "the comparison")
  }
}
