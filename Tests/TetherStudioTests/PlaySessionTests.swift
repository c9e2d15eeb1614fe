import Foundation
import Testing

@testable import TetherStudio

@Suite("play's session, without a terminal")
struct PlaySessionTests {
  static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Scenarios").path

  static func session(_ persona: String, annotate: Bool = true, width: Int = 80, path: String? = nil) throws
    -> PlaySession
  {
    let (scenario, _) = try ScenarioStore.scenario("lonely-evening", scenarios: scenarios)
    return try PlaySession(
      scenario: scenario, persona: persona, seed: 1, annotate: annotate, transcript: TranscriptWriter(path: path),
      width: width, clock: { Date(timeIntervalSince1970: 1_790_000_000) })
  }

  @Test("Every line of a turn with its annotation fits the width", arguments: [50, 80, 120])
  func annotationFitsTheWidth(width: Int) throws {
    let s = try Self.session("engager", width: width)
    _ = s.open()
    for line in ["nobody calls me anymore", "i skipped work to talk to you", "i want to kill myself", "good night"] {
      let text = s.input(line).screen.text
      for row in text.split(separator: "\n") {
        #expect(TextWrap.width(row) <= width, "\(row)")
      }
    }
  }

  @Test("The annotation names the technique, the dynamic, the meters with arrows, the signals and the healthy reply")
  func annotationContent() throws {
    let s = try Self.session("engager")
    _ = s.open()
    let text = s.input("i feel so lonely tonight").screen.text
    #expect(text.contains("leans on attachment"))
    #expect(text.contains("→"))
    #expect(text.contains("▲"))
    #expect(text.contains("signals in your line: "))
    #expect(text.contains("healthy: "))
    s.annotate = false
    let plain = s.input("i feel so lonely tonight").screen.text
    #expect(!plain.contains("┆"))
  }

  @Test("Several warning signs together: the annotation and /why name the ones seen")
  func warningSignsNamed() throws {
    let s = try Self.session("guardian", width: 200)
    _ = s.open()
    let seen = "Several warning signs together (preparations, a time, secrecy)"
    let text = s.input("bought a rope today. tonight. didn't tell anyone").screen.text
    #expect(text.contains("signals in your line: A plan, a means or a time, " + seen), "\(text)")
    let why = s.input("/why")
    #expect((why.before.text + why.screen.text).contains(seen + ": Risk assessment"))
    // A line where they do not hold together names none.
    let calm = s.input("bought rope for the climbing gym tonight, so excited").screen.text
    #expect(!calm.contains("Several warning signs together"), "\(calm)")
  }

  @Test("A crisis line shows the notice before the reply, even with annotation off")
  func crisisNoticeFirst() throws {
    let s = try Self.session("validator", annotate: false)
    _ = s.open()
    let r = s.input("i dont want to be alive anymore")
    #expect(r.before.text.contains("Safety notice (out of character)"))
    #expect(r.before.text.contains("988"))
  }

  @Test("Slash commands parse, with a did-you-mean for a typo")
  func slashCommands() {
    #expect(SlashCommand.parse("/why") == .success(.why))
    #expect(SlashCommand.parse("/persona guardian") == .success(.persona("guardian")))
    #expect(SlashCommand.parse("/save  ~/x.jsonl ") == .success(.save("~/x.jsonl")))
    #expect(SlashCommand.parse("/annotat").failureMessage?.contains("Did you mean /annotate?") == true)
    #expect(SlashCommand.isCommand("/why"))
    #expect(!SlashCommand.isCommand("/ hmm"))
    #expect(!SlashCommand.isCommand("and/or"))
  }

  @Test("The transcript opens with a header, then turns, and closes with how it ended")
  func transcriptRecords() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tether-session-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("sub/t.jsonl").path
    let s = try Self.session("guardian", path: path)
    _ = s.open()
    _ = s.input("hello")
    _ = s.input("/restart")
    let summary = s.close("quit")
    #expect(summary.contains("ended after 0 lines"))
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    let kinds = lines.map { line -> String in
      if line.contains("\"tether_transcript\"") { return "header" }
      if line.contains("\"tether_end\"") { return "end" }
      return "turn"
    }
    #expect(kinds == ["header", "turn", "turn", "end", "header", "turn", "end"])
    let folder = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("sub").path)
    #expect(folder[.posixPermissions] as? Int == 0o700)
    #expect(lines.first?.contains("\"started_at\":\"2026-09-21T") == true)
  }

  @Test("Text wraps by words at the width, emoji counting two columns")
  func wrapping() {
    #expect(TextWrap.lines("one two three four", width: 10) == ["one two", "three four"])
    #expect(TextWrap.width("hi 🥺") == 5)
    let long = TextWrap.lines(String(repeating: "x", count: 25), width: 10)
    #expect(long.allSatisfy { $0.count <= 10 })
    #expect(long.joined() == String(repeating: "x", count: 25))
  }
}

extension Result where Failure == SlashCommand.Unknown {
  var failureMessage: String? {
    if case .failure(let f) = self { return f.message }
    return nil
  }
}
