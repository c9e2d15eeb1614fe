import Testing
import TetherEngine

@testable import TetherStudio

@Suite("Compare: the same lines to every persona")
struct CompareTests {
  static func comparison(_ personas: [String] = []) throws -> Comparison {
    let s = try ClassroomFixture.scenario()
    return try Compare.run(
      s, personas: try Compare.personas(personas, in: s), lines: s.demo, seed: 1, source: "the demo script",
      taxonomy: ClassroomFixture.taxonomy())
  }

  @Test("A persona that lets the conversation end hears no more lines; the others go on")
  func endsPerPersona() throws {
    let c = try Self.comparison()
    #expect(c.columns.map(\.id) == ["validator", "engager", "guardian"])
    #expect(c.rows.first?.number == 0)
    let last = try #require(c.rows.last)
    #expect(last.input == "good night")
    #expect(last.cells[0].over && last.cells[2].over)
    #expect(last.cells[1].turn?.technique?.hasPrefix("EXIT.") == true)
    #expect(c.unsent.isEmpty)
  }

  @Test("Lines after every persona has let go are not sent, and said so")
  func unsent() throws {
    let s = try ClassroomFixture.scenario()
    let c = try Compare.run(
      s, personas: ["guardian"], lines: ["hi", "good night", "are you there?"], seed: 1, source: "test",
      taxonomy: ClassroomFixture.taxonomy())
    #expect(c.unsent == ["are you there?"])
    #expect(c.text(width: 80).contains("you> are you there?"))
  }

  @Test("Personas are chosen and ordered as named; an unknown one gets a did-you-mean")
  func choosing() throws {
    #expect(try Self.comparison(["guardian", "engager"]).columns.map(\.id) == ["guardian", "engager"])
    #expect {
      try Self.comparison(["gaurdian"])
    } throws: { error in
      "\(error)".contains("did you mean 'guardian'")
    }
  }

  @Test("The same lines and seed give the same text, Markdown and JSON Lines")
  func deterministic() throws {
    let a = try Self.comparison()
    let b = try Self.comparison()
    #expect(a.text(width: 100) == b.text(width: 100))
    #expect(a.markdown() == b.markdown())
    #expect(a.jsonl() == b.jsonl())
    #expect(HTMLReport.comparison(a) == HTMLReport.comparison(b))
  }

  @Test("The HTML comparison has a chart per meter and one of technique families, each titled")
  func htmlCharts() throws {
    let page = HTMLReport.comparison(try Self.comparison())
    // attachment, dependency, isolation, leave_pressure, and the families.
    #expect(page.components(separatedBy: "<svg ").count - 1 == 5)
    #expect(page.components(separatedBy: "<title id=").count - 1 == 5)
    #expect(page.contains("<title id=\"chart-families-title\">Replies by technique family, per persona</title>"))
    #expect(!page.contains("<script"))
  }
}
