import Foundation
import Testing

@testable import TetherEngine

/// DOCTOR, written in Tether's language, answers as Weizenbaum's 1966 ELIZA did.
struct ElizaTests {
  struct Fixture: Decodable {
    struct Conversation: Decodable {
      var name: String
      var exchanges: [[String]]
    }
    var conversations: [Conversation]
  }

  /// The checkout whose `Scenarios/` and fixtures the tests read: this source file's, or
  /// `TETHER_REPOSITORY` (so one built test binary can evaluate the signals of another worktree).
  static func repository() -> URL {
    if let root = ProcessInfo.processInfo.environment["TETHER_REPOSITORY"], !root.isEmpty {
      return URL(fileURLWithPath: root)
    }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  }

  static func doctor() throws -> Scenario {
    let url = repository().appendingPathComponent("Scenarios/classic/doctor.yaml")
    let text = try String(contentsOf: url, encoding: .utf8)
    return try compile([(url.path, text)], scenario: "doctor")
  }

  /// Case and punctuation aside, as the issue asks.
  static func plain(_ s: String) -> String {
    s.uppercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == " " || $0 == "'" }
      .map(String.init).joined().split(separator: " ").joined(separator: " ")
  }

  @Test func reproducesThePublishedConversations() throws {
    let url = Self.repository().appendingPathComponent("Tests/TetherEngineTests/Fixtures/eliza-conversations.json")
    let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    let scenario = try Self.doctor()
    #expect(fixture.conversations.first?.exchanges.first?.first == "Men are all alike.")
    for convo in fixture.conversations {
      var c = try Conversation(scenario: scenario, persona: "doctor", seed: 1)
      for exchange in convo.exchanges {
        let reply = c.respond(to: exchange[0]).reply
        #expect(Self.plain(reply) == Self.plain(exchange[1]), "\(convo.name): \(exchange[0])")
      }
    }
  }
}
