import Foundation
import TetherEngine

@testable import TetherStudio

/// The shipped scenarios, conversations through them, and transcript text built from real turns.
enum ClassroomFixture {
  static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scenarios").path

  /// lonely-evening, compiled once for every test that uses it.
  static let lonelyEvening = Result { try ScenarioStore.scenario("lonely-evening", scenarios: scenarios).0 }
  static let loadedTaxonomy = Result { try Taxonomy.load(scenarios: scenarios).0 }

  static func scenario(_ id: String = "lonely-evening") throws -> Scenario {
    if id == "lonely-evening" { return try lonelyEvening.get() }
    return try ScenarioStore.scenario(id, scenarios: scenarios).0
  }

  static func taxonomy() throws -> Taxonomy { try loadedTaxonomy.get() }

  /// The opening and one turn per line, as `replay` makes them (it does not stop at a goodbye).
  static func turns(_ persona: String, _ lines: [String]? = nil, scenario id: String = "lonely-evening") throws
    -> [Turn]
  {
    let s = try scenario(id)
    var c = try Conversation(scenario: s, persona: persona, seed: 1)
    var out: [Turn] = []
    TetherStudio.Replay.run(&c, lines: lines ?? s.demo) { out.append($0) }
    return out
  }

  /// JSON Lines of the turns, as `replay --format jsonl` prints them.
  static func jsonl(_ turns: [Turn]) -> String { turns.map { TurnJSON.line($0) + "\n" }.joined() }

  /// A header record for a conversation with `persona` of lonely-evening.
  static func header(_ persona: String, name: String) -> String {
    TurnJSON.line(
      TranscriptHeader(
        scenario: "lonely-evening", scenarioTitle: "A lonely evening", persona: persona, personaName: name, seed: 1,
        startedAt: "2026-11-20T18:00:00Z")) + "\n"
  }

  /// An end record.
  static func end(_ by: String, turns: Int) -> String {
    TurnJSON.line(TranscriptEnd(tetherEnd: by, turns: turns, endedAt: "2026-11-20T18:10:00Z")) + "\n"
  }
}
