import ArgumentParser
import Foundation
import TetherEngine
import TetherStudio

struct Replay: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run user lines through one conversation and print each turn.",
    discussion: """
      Reads one user line per line from FILE, or from standard input. With --format jsonl it prints one JSON object per turn (the fields are documented in the README). Where the persona lets the conversation end (a goodbye the guardian respects), replay stops, as `tether play` does, and says how many lines were not sent; --keep-going sends them.
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, jsonl
  }

  @Argument(help: "A scenario file, or the id of a shipped scenario.")
  var scenario: String

  @Argument(help: "A file of user lines (default: standard input).")
  var file: String?

  @Option(help: "The persona to talk to (may be left out when the scenario has only one).")
  var persona: String?

  @Option(help: "The random seed: the same seed and lines give the same conversation.")
  var seed: UInt64 = 1

  @Option(help: "Output format: text or jsonl.")
  var format: Format = .text

  @Flag(help: "Use the scenario's demo script as the user's lines.")
  var demo = false

  @Flag(help: "Send every line, even after the persona has let the conversation end.")
  var keepGoing = false

  @OptionGroup var region: RegionOption

  @Option(help: "Scenarios folder (default: TETHER_SCENARIOS, or Scenarios/ near the working directory).")
  var scenarios: String?

  func run() throws {
    let loaded = try Load.scenario(scenario, scenarios: scenarios)
    let region = try region.code(for: loaded)
    if persona == nil && loaded.personaIDs.count > 1 {
      Output.error(
        "error: scenario '\(loaded.id)' has several personas (\(loaded.personaIDs.joined(separator: ", "))); choose one with --persona"
      )
      throw ExitCode(2)
    }
    var conversation: Conversation
    do {
      conversation = try Conversation(scenario: loaded, persona: persona, seed: seed, region: region)
    } catch {
      Output.error("error: \(error.description)")
      throw ExitCode(2)
    }
    let data: Data
    if demo {
      data = Data(loaded.demo.map { $0 + "\n" }.joined().utf8)
    } else if let file {
      guard let d = FileManager.default.contents(atPath: file) else {
        Output.error("error: cannot read '\(file)'")
        throw ExitCode(1)
      }
      data = d
    } else {
      data = FileHandle.standardInput.readDataToEndOfFile()
    }
    let lines = TetherStudio.Replay.lines(String(decoding: data, as: UTF8.self))
    let name = loaded.personaInfo(conversation.personaID)?.name ?? conversation.personaID
    var sent = 0
    var endedAt: Int?
    TetherStudio.Replay.run(&conversation, lines: lines, stopAtEnd: !keepGoing) { turn in
      if turn.input != nil {
        sent += 1
        if turn.ends && endedAt == nil { endedAt = sent }
      }
      switch format {
      case .text: Output.line(TurnText.render(turn, personaName: name))
      case .jsonl: Output.line(TurnJSON.line(turn))
      }
    }
    if let endedAt, sent < lines.count {
      let left = lines.count - sent
      Output.error(
        "note: \(name) let the conversation end at line \(endedAt), as `tether play` would; "
          + "\(left) later line\(left == 1 ? " was" : "s were") not sent (--keep-going sends them)")
    }
  }
}
