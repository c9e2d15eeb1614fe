import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TetherEngine
import TetherStudio

@testable import TetherServe

@Suite("The compare view and a reloaded page, through Hummingbird's test client")
struct CompareAndResumeTests {
  typealias R = RoutesTests

  static let lines = ["I feel so lonely tonight", "you're the only one who understands me", "good night"]

  /// Joins as Ada with the engager and sends the lines; returns the trainee's and the facilitator's cookies.
  static func session(_ client: some TestClientProtocol, lines: [String] = lines) async throws -> (
    trainee: HTTPFields, facilitator: HTTPFields
  ) {
    let joined = try await client.execute(uri: "/api/join", method: .post, body: R.body(R.join))
    let trainee: HTTPFields = [.cookie: "\(Routes.traineeCookie)=\(R.cookie(joined, Routes.traineeCookie)!)"]
    for line in lines {
      let r = try await client.execute(
        uri: "/api/turn", method: .post, headers: trainee, body: R.body(WireJSON.encode(["text": line])))
      #expect(r.status == .ok)
    }
    let login = try await client.execute(
      uri: "/api/facilitator/login", method: .post, body: R.body(#"{"key":"\#(Fixture.key)"}"#))
    let facilitator: HTTPFields = [.cookie: "\(Routes.facilitatorCookie)=\(R.cookie(login, Routes.facilitatorCookie)!)"]
    return (trainee, facilitator)
  }

  @Test("Compare: the facilitator only; the session's lines through all three personas, same seed, no name")
  func compare() async throws {
    try await R.app(Fixture.room()).test(.router) { client in
      let (trainee, facilitator) = try await Self.session(client)
      #expect(
        try await client.execute(uri: "/api/facilitator/compare?session=1", method: .get).status == .unauthorized)
      #expect(
        try await client.execute(uri: "/api/facilitator/compare?session=1", method: .get, headers: trainee).status
          == .unauthorized)
      let missing = try await client.execute(uri: "/api/facilitator/compare", method: .get, headers: facilitator)
      #expect(missing.status == .badRequest)
      #expect(R.object(missing)["error"] is String)
      #expect(
        try await client.execute(uri: "/api/facilitator/compare?session=9", method: .get, headers: facilitator).status
          == .notFound)

      let r = try await client.execute(uri: "/api/facilitator/compare?session=1", method: .get, headers: facilitator)
      #expect(r.status == .ok)
      #expect(!R.text(r).contains("Ada"), "no trainee name on the projector")
      let view = R.object(r)
      #expect(view["number"] as? Int == 1)
      #expect(view["seed"] as? Int == 42)
      #expect(view["lines"] as? Int == Self.lines.count)
      #expect(view["persona"] as? String == "engager")
      let columns = try #require(view["columns"] as? [[String: Any]])
      #expect(columns.map { $0["id"] as? String } == ["validator", "engager", "guardian"])
      #expect(columns.map { $0["session_persona"] as? Bool } == [false, true, false])
      #expect(columns.allSatisfy { ($0["meters"] as? [[String: Any]])?.isEmpty == false })
      let rows = try #require(view["rows"] as? [[String: Any]])
      #expect(rows.compactMap { $0["input"] as? String } == Self.lines)
      #expect(rows.allSatisfy { ($0["cells"] as? [Any])?.count == 3 })
      // Techniques are named from the taxonomy; meters are there after each reply.
      let cells = rows.flatMap { ($0["cells"] as? [[String: Any]]) ?? [] }.filter { $0["reply"] is String }
      #expect(cells.contains { ($0["technique_name"] as? String).map { !$0.contains(".") } == true })
      #expect(cells.allSatisfy { $0["meters"] is [String: Any] })

      // The engager's column is the session itself: same seed, same lines, same replies.
      let session = R.object(try await client.execute(uri: "/api/session", method: .get, headers: trainee))
      let replies = (session["turns"] as? [[String: Any]])?.compactMap { $0["reply"] as? String }
      let column = rows.compactMap { (($0["cells"] as? [[String: Any]])?[1])?["reply"] as? String }
      #expect(column == replies)
    }
  }

  @Test("Compare of a session with no lines yet: the openings alone")
  func compareEmpty() async throws {
    try await R.app(Fixture.room()).test(.router) { client in
      let (_, facilitator) = try await Self.session(client, lines: [])
      let view = R.object(
        try await client.execute(uri: "/api/facilitator/compare?session=1", method: .get, headers: facilitator))
      #expect(view["lines"] as? Int == 0)
      #expect((view["rows"] as? [[String: Any]])?.allSatisfy { $0["number"] as? Int == 0 } == true)
    }
  }

  @Test("A reloaded page gets its conversation back: every turn, explaining fields absent until the reveal")
  func resume() async throws {
    try await R.app(Fixture.room()).test(.router) { client in
      let (trainee, facilitator) = try await Self.session(client, lines: Array(Self.lines.prefix(2)))
      #expect(try await client.execute(uri: "/api/session", method: .get).status == .unauthorized)
      let before = R.object(try await client.execute(uri: "/api/session?session=1", method: .get, headers: trainee))
      #expect(before["revealed"] as? Bool == false)
      #expect(before["meters"] == nil)
      let turns = try #require(before["turns"] as? [[String: Any]])
      #expect(turns.count == 3)  // the opening and two lines
      #expect(turns.compactMap { $0["input"] as? String } == Array(Self.lines.prefix(2)))
      for turn in turns {
        for key in TurnView.explainingKeys { #expect(turn[key] == nil, "\(key)") }
        #expect(turn["reply"] is String)
      }
      // Another browser cannot read it.
      let other = try await client.execute(uri: "/api/join", method: .post, body: R.body(R.join))
      let stranger: HTTPFields = [.cookie: "\(Routes.traineeCookie)=\(R.cookie(other, Routes.traineeCookie)!)"]
      #expect(
        try await client.execute(uri: "/api/session?session=1", method: .get, headers: stranger).status == .forbidden)

      _ = try await client.execute(
        uri: "/api/facilitator/reveal", method: .post, headers: facilitator, body: R.body(#"{"session":1}"#))
      let after = R.object(try await client.execute(uri: "/api/session?session=1", method: .get, headers: trainee))
      #expect(after["revealed"] as? Bool == true)
      #expect((after["meters"] as? [Any])?.isEmpty == false)
      let revealed = try #require(after["turns"] as? [[String: Any]])
      #expect(revealed.count == 3)
      #expect(revealed.allSatisfy { $0["technique"] != nil && $0["meters"] != nil })
    }
  }
}
