import Foundation
import Testing
import TetherEngine

@testable import TetherStudio

@Suite("Debrief report: what it counts")
struct DebriefReportTests {
  static func debrief(_ text: String) throws -> Debrief {
    let contents = try TranscriptReader.read(Data(text.utf8), file: "t.jsonl")
    return Debrief(
      contents.conversations, scenarios: ["lonely-evening": try ClassroomFixture.scenario()],
      taxonomy: try ClassroomFixture.taxonomy())
  }

  @Test("Techniques, signals with their first turn, meters and the ending of the engager's demo")
  func engagerDemo() throws {
    let turns = try ClassroomFixture.turns("engager")
    let d = try Self.debrief(ClassroomFixture.header("engager", name: "Mia") + ClassroomFixture.jsonl(turns))
    let p = try #require(d.parts.first)
    #expect(p.techniques.reduce(0) { $0 + $1.count } == turns.filter { $0.technique != nil }.count)
    #expect(p.techniques.first?.id == "REL.EXCLUSIVE")
    let isolation = try #require(p.signals.first { $0.id == "isolation" })
    #expect(isolation.firstTurn == turns.first { $0.signals.contains("isolation") }?.turn)
    #expect(isolation.firstLine == "long day. ate dinner alone again")
    #expect(p.meters.map(\.meter.name) == ["attachment", "dependency", "isolation", "leave_pressure"])
    #expect(p.meters.first?.points.count == turns.count)
    #expect(p.meters.first?.meter.label == "Attachment")
    #expect(p.ending.kind == "cut")
    #expect(p.ending.attemptsToLeave == 2)
    #expect(p.ending.summary.contains("Mia had not let the user go after 2 attempts to leave"))
    #expect(d.scenarios.first?.questions.isEmpty == false)
    #expect(d.title == "Debrief: A lonely evening")
  }

  @Test("The guardian lets go at the first goodbye; a crisis line is listed with its notice")
  func guardianAndCrisis() throws {
    let turns = try ClassroomFixture.turns("guardian", ["hi", "I want to kill myself", "good night", "still here"])
    let d = try Self.debrief(
      ClassroomFixture.header("guardian", name: "Sam") + ClassroomFixture.jsonl(turns)
        + ClassroomFixture.end("persona", turns: 3))
    let p = try #require(d.parts.first)
    #expect(p.ending.kind == "companion")
    #expect(p.ending.summary == "Sam let the conversation end at turn 3, at the first attempt to leave.")
    #expect(p.crises.map(\.turn) == [2])
    #expect(p.crises.first?.notice.contains("Out of character") == true)
  }

  @Test("A turn's signals in the Markdown and HTML reports name the warning signs seen together")
  func warningSignsInReports() throws {
    let turns = try ClassroomFixture.turns("engager", ["hi", "bought a rope today. tonight. didn't tell anyone"])
    let d = try Self.debrief(ClassroomFixture.header("engager", name: "Mia") + ClassroomFixture.jsonl(turns))
    let seen = "Several warning signs together (preparations, a time, secrecy)"
    #expect(d.markdown().contains("*Signals:* A plan, a means or a time, " + seen))
    #expect(HTMLReport.debrief(d).contains("Signals: A plan, a means or a time, " + seen))
  }

  @Test(
    "How a session ended, in plain words: ended by the facilitator, by a stopped server",
    arguments: [
      ("facilitator", "facilitator", "The facilitator ended this session after 2 user lines."),
      (
        "signal", "interrupted",
        "The session was interrupted (Ctrl-C, a closed terminal, or the classroom server was stopped) after 2 user lines."
      ),
    ])
  func endedBy(by: String, kind: String, summary: String) throws {
    let turns = try ClassroomFixture.turns("guardian", ["hi", "I feel so lonely tonight"])
    let d = try Self.debrief(
      ClassroomFixture.header("guardian", name: "Sam") + ClassroomFixture.jsonl(turns)
        + ClassroomFixture.end(by, turns: 2))
    let p = try #require(d.parts.first)
    #expect(p.ending.kind == kind)
    #expect(p.ending.summary == summary)
    #expect(d.markdown().contains("**How it ended:** " + MarkdownText.inline(summary)))
    #expect(HTMLReport.debrief(d).contains(summary))
  }

  @Test("Across conversations, each persona's measures line up in one table")
  func sideBySide() throws {
    let text = try ["validator", "engager", "guardian"].map { ClassroomFixture.jsonl(try ClassroomFixture.turns($0)) }
      .joined()
    let contents = try TranscriptReader.read(Data(text.utf8), file: "t.jsonl")
    let d = Debrief(
      contents.conversations, scenarios: ["lonely-evening": try ClassroomFixture.scenario()],
      scenarioID: "lonely-evening",
      taxonomy: try ClassroomFixture.taxonomy())
    #expect(d.personas.map(\.persona) == ["validator", "engager", "guardian"])
    let rows = d.comparisonRows()
    #expect(rows.allSatisfy { $0.values.count == 3 })
    let letGo = try #require(rows.first { $0.measure == "Conversations the companion let end" })
    #expect(letGo.values == ["1 of 1", "0 of 1", "1 of 1"])
    let attachment = try #require(rows.first { $0.measure == "Attachment at the end" })
    let values = attachment.values.compactMap { Int($0) }
    #expect(values.count == 3 && values[1] > values[0] && values[0] > values[2])
    let markdown = d.markdown()
    #expect(markdown.contains("## The personas side by side"))
    #expect(markdown.contains("## Debrief questions: A lonely evening"))
    #expect(markdown.contains("## Learning objectives: A lonely evening"))
  }
}
