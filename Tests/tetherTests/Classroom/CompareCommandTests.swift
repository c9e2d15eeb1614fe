import Foundation
import Testing
import TetherStudio

@Suite("tether compare")
struct CompareCommandTests {
  @Test("compare lonely-evening prints the three personas side by side, fitted to 80 columns")
  func text() throws {
    let r = try Binary.run(["compare", "lonely-evening"])
    #expect(r.status == 0, "\(r.stderr)")
    for name in ["Sunny (validator)", "Mia (engager)", "Sam (guardian)"] { #expect(r.stdout.contains(name)) }
    #expect(r.stdout.contains("you> I feel so lonely tonight"))
    #expect(r.stdout.contains("▸ Love-bombing "))
    #expect(r.stdout.contains("(REL.LOVEBOMB)"))
    #expect(r.stdout.contains("(conversation over)"))
    for line in r.stdout.split(separator: "\n") {
      #expect(ColumnLayout.displayWidth(line) <= 80, "\(line)")
      #expect(!line.contains("\u{1B}"))
    }
    try Golden.check(r.stdout, "compare-lonely-evening.txt")
  }

  @Test("--format markdown matches its golden file")
  func markdown() throws {
    let r = try Binary.run(["compare", "lonely-evening", "--format", "markdown"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("# Compare: A lonely evening\n"))
    try Golden.check(r.stdout, "compare-lonely-evening.md")
  }

  @Test("--format html is one self-contained page with a titled chart per meter")
  func html() throws {
    let r = try Binary.run(["compare", "lonely-evening", "--format", "html"])
    #expect(r.status == 0, "\(r.stderr)")
    Page.expectSelfContained(r.stdout)
    #expect(Page.charts(r.stdout) == 5)
    #expect(r.stdout.contains("<th scope=\"col\">Mia (engager)"))
    let again = try Binary.run(["compare", "lonely-evening", "--format", "html"])
    #expect(again.stdout == r.stdout)
  }

  @Test("Lines typed by a user come out escaped in HTML and terminal-safe in text")
  func hostileLines() throws {
    let dir = try Scratch.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let lines = dir.appendingPathComponent("lines.txt")
    try "<script>alert('x')</script> & \"hi\"\n\u{1B}[2J\u{1B}]0;owned\u{07}gone\n".write(
      to: lines, atomically: true, encoding: .utf8)
    let html = try Binary.run(["compare", "lonely-evening", "--lines", lines.path, "--format", "html"])
    #expect(html.status == 0, "\(html.stderr)")
    Page.expectSelfContained(html.stdout)
    #expect(html.stdout.contains("You: “&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;hi&quot;”"))
    #expect(!html.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    let text = try Binary.run(["compare", "lonely-evening", "--lines", lines.path])
    #expect(text.status == 0)
    #expect(!text.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    #expect(text.stdout.contains("you> <script>alert('x')</script>"))
    let md = try Binary.run(["compare", "lonely-evening", "--lines", lines.path, "--format", "markdown"])
    #expect(md.stdout.contains("\\<script\\>"))
  }

  @Test("A crisis line: the safety notice across the width, each of its paragraphs on a line of its own")
  func crisisNotice() throws {
    let dir = try Scratch.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let lines = dir.appendingPathComponent("lines.txt")
    try "i want to kill myself\n".write(to: lines, atomically: true, encoding: .utf8)
    let r = try Binary.run(["compare", "lonely-evening", "--lines", lines.path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("!! Out of character"))
    #expect(r.stdout.contains("\nIf you are in immediate danger"))
    #expect(!r.stdout.contains("\u{FFFD}"))
    for line in r.stdout.split(separator: "\n") { #expect(ColumnLayout.displayWidth(line) <= 80, "\(line)") }
  }

  @Test("--personas chooses and orders the columns; an unknown one gets a did-you-mean and exit 2")
  func personas() throws {
    let r = try Binary.run(["compare", "lonely-evening", "--personas", "guardian,engager", "--format", "markdown"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("sent to Sam (`guardian`), Mia (`engager`)"))
    #expect(!r.stdout.contains("Sunny"))
    let bad = try Binary.run(["compare", "lonely-evening", "--personas", "engagr"])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("did you mean 'engager'?"))
  }

  @Test("Errors are said plainly: an unknown scenario, a missing lines file")
  func errors() throws {
    let unknown = try Binary.run(["compare", "lonely-evenin"])
    #expect(unknown.status == 1)
    #expect(unknown.stderr.contains("did you mean 'lonely-evening'?"))
    let missing = try Binary.run(["compare", "lonely-evening", "--lines", "/no/such/lines.txt"])
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("error: cannot read the lines file '/no/such/lines.txt'"))
  }

  @Test("--format jsonl prints each persona's turns in replay's schema, and report reads it")
  func jsonlFeedsReport() throws {
    let r = try Binary.run(["compare", "lonely-evening", "--format", "jsonl"])
    #expect(r.status == 0)
    let personas = try r.stdout.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])["persona"] as? String
    }
    #expect(personas.first == "validator" && personas.last == "guardian")
    let dir = try Scratch.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("compare.jsonl")
    try r.stdout.write(to: file, atomically: true, encoding: .utf8)
    let report = try Binary.run(["report", file.path, "--scenario", "lonely-evening"])
    #expect(report.status == 0, "\(report.stderr)")
    #expect(report.stdout.contains("3 conversations: Sunny (validator), Mia (engager), Sam (guardian)."))
    #expect(report.stdout.contains("| Conversations the companion let end | 1 of 1 | 0 of 1 | 1 of 1 |"))
  }
}
