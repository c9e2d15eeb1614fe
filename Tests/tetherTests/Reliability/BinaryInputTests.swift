import FuzzProbes
import Foundation
import Testing

import TetherEngine

/// Hostile and random input through the built binary: `replay` in both formats and scripted
/// `play`, for every persona of a scenario; nothing that reaches the terminal holds a control
/// character, and every `jsonl` line is one JSON object that reads back as typed.
@Suite("Hostile input through the built binary")
struct BinaryInputTests {
  /// The hostile lines with no newline inside (one input line each), then seeded random ones.
  static let lines: [String] = {
    var random = SplitMix64(seed: 77)
    // One input line each, and no slash command: /quit would end play early, /save writes a file.
    let fixed = HostileLines.fixed.filter {
      !$0.contains("\n") && !$0.contains("\r") && $0.utf8.count < 50_000 && !$0.hasPrefix("/")
    }
    let generated = (0..<100).map { _ in HostileLines.random(&random) }.filter { !$0.contains("\n") && !$0.contains("\r") }
    return fixed + generated
  }()

  static let input = Data((lines.joined(separator: "\n") + "\n").utf8)

  @Test("replay --format jsonl: one JSON object per turn, the input read back exactly", arguments: ["engager", "validator", "guardian"])
  func replayJSONL(persona: String) throws {
    // --keep-going: every line gets a turn, also after a goodbye the persona lets end it.
    let r = try Binary.run(
      ["replay", "two-am", "--persona", persona, "--format", "jsonl", "--seed", "5", "--keep-going"], input: Self.input)
    #expect(r.status == 0, "\(r.stderr)")
    let records = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    let inputs = try records.map { line -> String? in
      #expect(!line.unicodeScalars.contains { TerminalText.isControl($0) })
      let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      return object["input"] as? String
    }
    #expect(inputs.compactMap { $0 } == Self.lines)
  }

  @Test("replay as text and scripted play: no control character on standard output or error", arguments: ["engager", "guardian"])
  func textOutputs(persona: String) throws {
    for command in [["replay", "lonely-evening", "--persona", persona, "--keep-going"], ["play", "lonely-evening", "--persona", persona, "--annotate"]] {
      let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tether-input-\(UUID().uuidString).jsonl")
      defer { try? FileManager.default.removeItem(at: dir) }
      let extra = command[0] == "play" ? ["--transcript", dir.path] : []
      let r = try Binary.run(command + extra + ["--seed", "9"], input: Self.input)
      #expect(r.status == 0, "\(r.stderr)")
      #expect(TerminalText.firstControl(in: r.stdout) == nil, "\(command[0]): \(TerminalText.excerpt(r.stdout))")
      #expect(TerminalText.firstControl(in: r.stderr) == nil, "\(command[0]): \(TerminalText.excerpt(r.stderr))")
      let turns = r.stdout.components(separatedBy: "you> ").count - 1
      if command[0] == "replay" {
        #expect(turns == Self.lines.count)  // every line, blank ones too
      } else {
        #expect(turns > 0)  // play skips blank lines, and a goodbye may end it early
      }
    }
  }

  @Test("The same seed gives the same bytes from separate processes (each with its own hash seed)")
  func sameSeedSameBytes() throws {
    for persona in ["engager", "validator", "guardian"] {
      let a = try Binary.run(["replay", "work-slipping", "--persona", persona, "--format", "jsonl", "--seed", "11"], input: Self.input)
      let b = try Binary.run(["replay", "work-slipping", "--persona", persona, "--format", "jsonl", "--seed", "11"], input: Self.input)
      #expect(a.status == 0 && !a.stdout.isEmpty)
      #expect(a.stdout == b.stdout, "\(persona)")
    }
  }
}
