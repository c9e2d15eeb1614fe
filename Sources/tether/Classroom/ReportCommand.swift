import ArgumentParser
import Foundation
import TetherStudio

struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write a debrief from saved transcripts: Markdown, or a self-contained HTML page.",
    discussion: """
      Reads transcripts written by `play` (one or more conversations per file) or the output of `replay --format jsonl`. Per conversation: the turns with their annotations, the techniques used and how often, the signals in the user's lines and where each first appeared, crisis notices, the meters over the turns, and how it ended. Across conversations: the personas side by side. Then the scenario's learning objectives and debrief questions.

      With neither --html nor --markdown, prints the Markdown. A transcript cut short (a killed session) is reported up to the cut, and the report says it was cut. Report files are readable by their owner only, like transcripts.
      """
  )

  @Argument(help: ArgumentHelp("Transcript files (JSON Lines).", valueName: "transcript"))
  var transcripts: [String]

  @Option(help: ArgumentHelp("Write the HTML page to this file.", valueName: "file"))
  var html: String?

  @Option(help: ArgumentHelp("Write the Markdown to this file.", valueName: "file"))
  var markdown: String?

  @Option(help: ArgumentHelp("The scenario of transcripts without a header (replay output).", valueName: "scenario"))
  var scenario: String?

  @Option(help: "Scenarios folder (default: TETHER_SCENARIOS, or Scenarios/ near the working directory).")
  var scenarios: String?

  func validate() throws {
    if transcripts.isEmpty { throw ValidationError("name at least one transcript file") }
  }

  func run() throws {
    let loaded: Debrief.Loaded
    do {
      loaded = try Debrief.load(paths: transcripts, scenario: scenario, scenarios: scenarios)
    } catch {
      Output.error(SafeText.terminal(error.description))
      throw ExitCode(1)
    }
    for w in loaded.warnings { Output.error(SafeText.terminal(w)) }
    guard !loaded.debrief.parts.isEmpty else {
      Output.error("error: no conversation found in \(transcripts.count == 1 ? "this file" : "these files")")
      throw ExitCode(1)
    }
    if let html {
      try ReportFile.emit(HTMLReport.debrief(loaded.debrief), to: html, what: "the HTML report", private: true)
    }
    if let markdown {
      try ReportFile.emit(loaded.debrief.markdown(), to: markdown, what: "the Markdown report", private: true)
    }
    if html == nil && markdown == nil {
      try ReportFile.emit(loaded.debrief.markdown(), to: nil, what: "the report")
    }
  }
}
