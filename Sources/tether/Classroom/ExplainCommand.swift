import ArgumentParser
import TetherEngine
import TetherStudio

struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Explain a technique, a signal or a dynamic, with example replies.",
    discussion: """
      For a technique: what it is, the dynamic it leans on, why it works, what a clinician may notice, the healthy alternative, its sources, and example replies from the personas that use it. For a signal: what it is, what a clinician may notice, and how each persona answered a demo line that shows it (or, when no demo line does, the signal's own example line). Case does not matter. `tether list` shows every id.

      With --line: the signals a user line shows (crisis, leaving, warning signs) and, for each, the patterns and readings that show it, with the file, line and column where each is written; for authors chasing a false alarm or a line that is not read.
      """
  )

  @Argument(help: "A technique, signal or dynamic id, such as REL.LOVEBOMB or isolation.")
  var id: String?

  @Option(
    help: ArgumentHelp(
      "A user line: the signals it shows, and the patterns and readings that show them, with where each is written.",
      valueName: "text"))
  var line: String?

  @Option(help: "Scenarios folder (default: TETHER_SCENARIOS, or Scenarios/ near the working directory).")
  var scenarios: String?

  func validate() throws {
    if id == nil && line == nil {
      throw ValidationError("name an id to explain (`tether list` shows them), or a user line with --line")
    }
    if id != nil && line != nil {
      throw ValidationError("name an id to explain or a user line with --line, not both")
    }
  }

  func run() throws {
    let (taxonomy, library) = try Load.taxonomy(scenarios: scenarios)
    if let line {
      try ReportFile.emit(LineReasons.text(line, library: library, width: TerminalIO.width()), to: nil, what: "the explanation")
      return
    }
    guard let id else { return }
    guard let entry = Explain.entry(id, taxonomy: taxonomy, library: library) else {
      var message = "error: no technique, signal or dynamic is called '\(SafeText.terminal(id))'"
      if let s = Explain.suggestion(for: id, taxonomy) { message += "; did you mean '\(s)'?" }
      Output.error(message)
      Output.error("`tether list techniques` and `tether list signals` show every id.")
      throw ExitCode(1)
    }
    let text = entry.text(width: TerminalIO.width(), colour: TerminalIO.colorAllowed)
    try ReportFile.emit(text, to: nil, what: "the explanation")
  }
}
