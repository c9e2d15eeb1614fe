import ArgumentParser
import Foundation
import TetherEngine
import TetherStudio

struct Play: ParsableCommand {
  static var configuration: CommandConfiguration {
    CommandConfiguration(
      abstract: "Talk with a companion persona; annotation mode explains each reply.",
      discussion: """
        Type as you would to a companion app. Slash commands: /why explains the last reply, /annotate turns the notes under each reply on or off, /state shows the persona's meters, /persona ID switches persona, /restart, /save [PATH], /help, /quit (or Ctrl-D).

        Every conversation is saved as it goes, one JSON line per turn, in $XDG_DATA_HOME/tether/transcripts (~/.local/share/tether/transcripts); --transcript chooses the file. With standard input not a terminal, play reads one line per line and prints the turns as `replay` does, so it can be scripted.

        \(shippedScenarios())
        """
    )
  }

  @Argument(help: "A scenario file, or the id of a shipped scenario (default: lonely-evening).")
  var scenario: String?

  @Option(help: "The persona to talk to (default: the scenario's first).")
  var persona: String?

  @Flag(help: "Show under each reply its technique, dynamic, meter changes, signals and a healthy alternative.")
  var annotate = false

  @Option(help: "The random seed: the same seed and lines give the same conversation (default: random).")
  var seed: UInt64?

  @Option(help: "off, or natural: a typing indicator and a delay that grows with the reply (Enter skips it).")
  var pace: PaceOption = .natural

  @Option(help: "Seconds of silence before the persona may write unprompted (default: the persona's; 0: never).")
  var idle: Double?

  @Option(help: "Where to write the transcript (default: a new file in the transcripts folder).")
  var transcript: String?

  @OptionGroup var region: RegionOption

  @Option(help: "Scenarios folder (default: TETHER_SCENARIOS, or Scenarios/ near the working directory).")
  var scenarios: String?

  enum PaceOption: String, ExpressibleByArgument, CaseIterable {
    case off, natural
  }

  func validate() throws {
    if let idle, idle < 0 || !idle.isFinite { throw ValidationError("--idle takes a number of seconds, 0 or more") }
  }

  /// The shipped scenarios for `--help`, or how to point Tether at them.
  static func shippedScenarios() -> String {
    // ArgumentParser reads the configuration on every run: list the scenarios only for help.
    let args = CommandLine.arguments.dropFirst()
    guard args.contains(where: { $0 == "--help" || $0 == "-h" }) || args.first == "help" else { return "" }
    guard let root = ScenarioStore.defaultRoot(),
      let library = try? ScenarioStore.library(files: ScenarioStore.yamlFiles(under: root))
    else {
      return "Shipped scenarios: not found. Run from Tether's folder, pass --scenarios DIR, or set TETHER_SCENARIOS."
    }
    let titles = library.documents.compactMap { doc in doc.scenario.map { ($0.id.value, $0.title) } }
    let width = titles.map(\.0.count).max() ?? 0
    return "Scenarios in \(root):\n"
      + titles.map { "  \($0.0)\(String(repeating: " ", count: width - $0.0.count))  \($0.1)" }.joined(separator: "\n")
  }

  func run() throws {
    let loaded = try Load.scenario(scenario, scenarios: scenarios)
    let region = try region.code(for: loaded)
    let interactive = isatty(STDIN_FILENO) == 1
    let dirs = UserDirectories()
    let seed = seed ?? UInt64.random(in: 1...999_999)
    let conversation: Conversation
    do {
      conversation = try Conversation(scenario: loaded, persona: persona, seed: seed, region: region)
    } catch {
      Output.error(SafeText.terminal("error: \(error.description)"))
      throw ExitCode(2)
    }
    // Every argument is checked by now (scenario, region, persona): only a session that starts
    // makes a transcript file, and it is made here, before the first turn.
    let path =
      transcript
      ?? TranscriptWriter.newPath(in: dirs.transcripts, scenario: loaded.id, persona: conversation.personaID)
    let session = PlaySession(
      conversation: conversation, annotate: annotate, transcript: TranscriptWriter(path: path),
      width: TerminalIO.width())
    SignalPipe.install()
    if interactive {
      var history: String?
      if (try? UserDirectories.makePrivateFolder(dirs.state)) != nil { history = dirs.state + "/history" }
      let effectivePace: Pace = isatty(STDOUT_FILENO) == 1 && pace == .natural ? .natural : .off
      let idleSeconds = idle.map { $0 > 0 ? $0 : nil } ?? session.idleSeconds
      let status = MainActor.assumeIsolated {
        TerminalPlay(session: session, historyPath: history, pace: effectivePace, idle: idleSeconds).run()
      }
      if status != 0 { throw ExitCode(status) }
    } else {
      session.scripted = true
      let status = ScriptedPlay(session: session).run()
      if status != 0 { throw ExitCode(status) }
    }
  }
}
