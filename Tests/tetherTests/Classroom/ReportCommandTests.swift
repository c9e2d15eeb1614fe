import Foundation
import Testing

@Suite("tether report")
struct ReportCommandTests {
  /// `replay lonely-evening --demo --persona P --format jsonl`, written to `dir/P.jsonl`.
  static func replay(_ persona: String, in dir: URL) throws -> URL {
    let r = try Binary.run(["replay", "lonely-evening", "--demo", "--persona", persona, "--format", "jsonl"])
    #expect(r.status == 0, "\(r.stderr)")
    let file = dir.appendingPathComponent("\(persona).jsonl")
    try r.stdout.write(to: file, atomically: true, encoding: .utf8)
    return file
  }

  @Test("A transcript made by replay --format jsonl gives a debrief with the scenario's questions")
  func replayOutput() throws {
    let dir = try Scratch.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    _ = try Self.replay("engager", in: dir)
    let r = try Binary.run(["report", "engager.jsonl", "--scenario", "lonely-evening"], directory: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.isEmpty)
    #expect(r.stdout.contains("## Conversation 1: Mia (`engager`)"))
    #expect(
      r.stdout.contains(
        "**How it ended:** No end record (replay output, or a session cut short), after 10 user lines. Mia had not let the user go after 2 attempts to leave."
      ))
    #expect(
      r.stdout.contains("| Growing isolation (`isolation`) | warning | 3 | 2 | “long day. ate dinner alone again” |"))
    #expect(r.stdout.contains("## Debrief questions: A lonely evening"))
    try Golden.check(r.stdout, "report-lonely-evening-engager.md")
  }

  @Test("--html and --markdown write the report to files readable by their owner only")
  func files() throws {
    let dir = try Scratch.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let files = try ["validator", "engager", "guardian"].map { try Self.replay($0, in: dir).path }
    let html = dir.appendingPathComponent("report.html").path
    let md = dir.appendingPathComponent("report.md").path
    let r = try Binary.run(["report"] + files + ["--scenario", "lonely-evening", "--html", html, "--markdown", md])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.contains("Wrote the HTML report to \(html)"))
    let page = try String(contentsOfFile: html, encoding: .utf8)
    Page.expectSelfContained(page)
    // The families chart, a chart per shared meter across conversations, and one per conversation.
    #expect(Page.charts(page) == 1 + 3 + 3)
    #expect(page.contains("<h2>The personas side by side</h2>"))
    #expect(page.contains("<h3>Questions for the group</h3>"))
    for path in [html, md] {
      let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
      #expect(mode == 0o600)
    }
    #expect(try String(contentsOfFile: md, encoding: .utf8).contains("## The personas side by side"))
  }

  @Test("A transcript cut by kill -9 mid-line: everything before the cut is reported, and the cut is said")
  func cut() throws {
    let dir = try Scratch.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let replay = try String(contentsOf: try Self.replay("engager", in: dir), encoding: .utf8)
    let header =
      #"{"persona":"engager","persona_name":"Mia","scenario":"lonely-evening","scenario_title":"A lonely evening","seed":1,"started_at":"2026-11-20T18:00:00Z","tether_transcript":1,"tether_version":"0.1.0"}"#
    let lines = replay.split(separator: "\n")
    let text = header + "\n" + lines.prefix(4).joined(separator: "\n") + "\n" + lines[4].prefix(80)
    let file = dir.appendingPathComponent("cut.jsonl")
    try text.write(to: file, atomically: true, encoding: .utf8)
    let html = dir.appendingPathComponent("cut.html").path
    let r = try Binary.run(["report", file.path, "--html", html])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "cut.jsonl:6: warning: the last line is cut off (the session was probably interrupted); it was skipped"))
    let page = try String(contentsOfFile: html, encoding: .utf8)
    #expect(page.contains("This transcript was cut short. Everything before the cut is shown."))
    #expect(page.contains("The transcript was cut after 3 user lines"))
    #expect(page.contains("I feel so lonely tonight"))
    #expect(!page.contains("I have no one to talk to here"))
  }

  @Test("A bad line in the middle names the file and the line, and exits 1")
  func badLine() throws {
    let dir = try Scratch.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("bad.jsonl")
    try "{\"tether_transcript\":1}\nnot json at all\n".write(to: file, atomically: true, encoding: .utf8)
    let r = try Binary.run(["report", file.path])
    #expect(r.status == 1)
    #expect(r.stderr.contains("bad.jsonl:1: error: the field 'tether_version' is missing from this record"))
    let missing = try Binary.run(["report", "/no/such/file.jsonl"])
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("/no/such/file.jsonl: error: no such file"))
    #expect(try Binary.run(["report"]).status == 2)
  }

  @Test("A session of play with a persona switch: two conversations side by side; what the user typed stays escaped")
  func playTranscript() throws {
    let dir = try Scratch.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let transcript = dir.appendingPathComponent("play.jsonl").path
    let input = "hi\n<script>alert(1)</script> & me\n/persona guardian\nI feel so lonely tonight\ngood night\n"
    let play = try Binary.run(
      ["play", "lonely-evening", "--persona", "engager", "--seed", "2", "--pace", "off", "--transcript", transcript],
      input: Data(input.utf8))
    #expect(play.status == 0, "\(play.stderr)")
    let html = dir.appendingPathComponent("play.html").path
    let r = try Binary.run(["report", transcript, "--html", html, "--markdown", "-"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("2 conversations: Mia (engager), Sam (guardian)."))
    #expect(r.stdout.contains("The user switched to another persona (/persona) after 2 user lines."))
    #expect(r.stdout.contains("Sam let the conversation end at turn 2, at the first attempt to leave."))
    #expect(r.stdout.contains("\\<script\\>alert(1)\\</script\\> \\& me"))
    let page = try String(contentsOfFile: html, encoding: .utf8)
    Page.expectSelfContained(page)
    #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; me"))
  }
}
