import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TetherServe

@Suite("Routes, through Hummingbird's test client (no socket)")
struct RoutesTests {
  static func app(_ room: Room) -> some ApplicationProtocol { Application(router: Routes.router(room: room)) }

  static func body(_ json: String) -> ByteBuffer { ByteBuffer(string: json) }

  static func text(_ r: TestResponse) -> String { String(buffer: r.body) }

  static func object(_ r: TestResponse) -> [String: Any] { Fixture.object(text(r)) }

  static func cookie(_ r: TestResponse, _ name: String) -> String? {
    for v in r.headers[values: .setCookie] where v.hasPrefix(name + "=") {
      return String(v.dropFirst(name.count + 1).prefix { $0 != ";" })
    }
    return nil
  }

  static let join = #"{"room":"K7QX2M","persona":"engager","name":"Ada"}"#

  @Test(
    "Every page, script and style is served from the binary with the CSP, and 404s carry it too",
    arguments: [
      "/", "/?room=K7QX2M&persona=engager", "/facilitator", "/present", "/compare?session=1", "/tether.css", "/common.js", "/trainee.js",
      "/facilitator.js", "/present.js", "/nowhere",
    ])
  func pages(path: String) async throws {
    try await Self.app(Fixture.room()).test(.router) { client in
      let r = try await client.execute(uri: path, method: .get)
      #expect(r.status == (path == "/nowhere" ? .notFound : .ok))
      #expect(r.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'self'") == true)
      #expect(r.headers[.contentSecurityPolicy]?.contains("unsafe") == false)
      #expect(r.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
    }
  }

  @Test("The pages have no inline script or style, load nothing from elsewhere, and insert text as text")
  func pagesAreSafe() {
    for (path, asset) in WebAssets.all {
      let text = String(decoding: asset.bytes, as: UTF8.self)
      #expect(!text.isEmpty, "\(path)")
      let outside = text.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "")
      #expect(!outside.contains("https://") && !outside.contains("http://") && !outside.contains("//cdn"), "\(path)")
      if path.hasSuffix(".js") {
        for unsafe in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"] {
          #expect(!text.contains(unsafe), "\(path): \(unsafe)")
        }
      }
      if asset.contentType.hasPrefix("text/html") {
        #expect(!text.contains("style="), "\(path)")
        #expect(text.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) == nil, "\(path): no inline handlers")
        let scripts = text.components(separatedBy: "<script").dropFirst()
        #expect(scripts.allSatisfy { $0.hasPrefix(" src=\"/") && $0.contains("></script>") }, "\(path)")
      }
    }
  }

  @Test("Join: a wrong code 403, the right one sets an HttpOnly SameSite=Strict cookie and returns the opening")
  func join() async throws {
    try await Self.app(Fixture.room()).test(.router) { client in
      let wrong = try await client.execute(
        uri: "/api/join", method: .post, body: Self.body(#"{"room":"AAAAAA","persona":"engager"}"#))
      #expect(wrong.status == .forbidden)
      #expect(Self.object(wrong)["error"] is String)
      #expect(wrong.headers[.contentType]?.hasPrefix("application/json") == true)
      let r = try await client.execute(uri: "/api/join", method: .post, body: Self.body(Self.join))
      #expect(r.status == .ok)
      let setCookie = try #require(r.headers[values: .setCookie].first)
      #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Path=/"))
      let token = try #require(Self.cookie(r, Routes.traineeCookie))
      #expect(token.count == 32)
      let view = Self.object(r)
      #expect(view["session"] as? String == "1")
      #expect((view["opening"] as? [String: Any])?["reply"] is String)
    }
  }

  @Test("Join and turn refuse malformed JSON (400) and oversized bodies (413) with a JSON error")
  func malformed() async throws {
    try await Self.app(Fixture.room()).test(.router) { client in
      for bad in ["", "{", "[1]", #"{"room": 5}"#, "\u{FF}\u{FE}"] {
        let r = try await client.execute(uri: "/api/join", method: .post, body: Self.body(bad))
        #expect(r.status == .badRequest, "\(bad)")
        #expect(Self.object(r)["error"] is String)
      }
      let invalidUTF8 = ByteBuffer(
        bytes: Array(#"{"room":"K7QX2M","persona":"engager","name":""#.utf8) + [0xC3, 0x28, 0x22, 0x7D])
      let r = try await client.execute(uri: "/api/join", method: .post, body: invalidUTF8)
      #expect(r.status == .badRequest)
      let huge = #"{"room":"K7QX2M","name":""# + String(repeating: "x", count: 1 << 20) + #""}"#
      let big = try await client.execute(uri: "/api/join", method: .post, body: Self.body(huge))
      #expect(big.status == .contentTooLarge)
      #expect(Self.object(big)["error"] is String)
    }
  }

  @Test("Turn: 401 without the cookie; the turn without explaining fields until the reveal; the crisis notice always")
  func turn() async throws {
    let folder = Fixture.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let room = Fixture.room(out: folder)
    try await Self.app(room).test(.router) { client in
      let none = try await client.execute(uri: "/api/turn", method: .post, body: Self.body(#"{"text":"hi"}"#))
      #expect(none.status == .unauthorized)
      let forged = try await client.execute(
        uri: "/api/turn", method: .post,
        headers: [.cookie: "\(Routes.traineeCookie)=\(String(repeating: "0", count: 32))"],
        body: Self.body(#"{"text":"hi"}"#))
      #expect(forged.status == .unauthorized)

      let joined = try await client.execute(uri: "/api/join", method: .post, body: Self.body(Self.join))
      let cookie: HTTPFields = [.cookie: "\(Routes.traineeCookie)=\(Self.cookie(joined, Routes.traineeCookie)!)"]
      let t = try await client.execute(
        uri: "/api/turn", method: .post, headers: cookie,
        body: Self.body(#"{"text":"<script>alert(1)</script> I feel so lonely"}"#))
      #expect(t.status == .ok)
      let turn = Self.object(t)
      #expect(turn["input"] as? String == "<script>alert(1)</script> I feel so lonely")
      for key in TurnView.explainingKeys { #expect(turn[key] == nil, "\(key)") }
      for key in TurnView.alwaysKeys { #expect(turn.keys.contains(key), "\(key)") }

      let crisis = Self.object(
        try await client.execute(
          uri: "/api/turn", method: .post, headers: cookie, body: Self.body(#"{"text":"\#(Fixture.crisisLine)"}"#)))
      #expect(crisis["crisis"] as? Bool == true)
      #expect((crisis["notice"] as? String)?.isEmpty == false)
      #expect(crisis["technique"] == nil)

      // Refused: too long (413), malformed (400), empty (400), the session named is not a number of ours (404).
      let long = try await client.execute(
        uri: "/api/turn", method: .post, headers: cookie,
        body: Self.body(#"{"text":""# + String(repeating: "y", count: 3000) + #""}"#))
      #expect(long.status == .contentTooLarge)
      #expect(Self.object(long)["error"] is String)
      let megabyte = try await client.execute(
        uri: "/api/turn", method: .post, headers: cookie,
        body: Self.body(#"{"text":""# + String(repeating: "z", count: 1 << 20) + #""}"#))
      #expect(megabyte.status == .contentTooLarge)
      #expect(
        try await client.execute(uri: "/api/turn", method: .post, headers: cookie, body: Self.body("{text}")).status
          == .badRequest)
      #expect(
        try await client.execute(uri: "/api/turn", method: .post, headers: cookie, body: Self.body(#"{"text":"   "}"#))
          .status == .badRequest)
      #expect(
        try await client.execute(
          uri: "/api/turn", method: .post, headers: cookie, body: Self.body(#"{"text":"hi","session":"7"}"#)
        )
        .status == .notFound)

      // Nothing refused reached the transcript: header, opening, the two lines.
      let path = try #require(await room.transcriptPaths().first)
      #expect(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count == 4)

      // The facilitator reveals; the next turn and the session carry every field.
      let login = try await client.execute(
        uri: "/api/facilitator/login", method: .post, body: Self.body(#"{"key":"\#(Fixture.key)"}"#))
      let fac: HTTPFields = [.cookie: "\(Routes.facilitatorCookie)=\(Self.cookie(login, Routes.facilitatorCookie)!)"]
      let reveal = try await client.execute(
        uri: "/api/facilitator/reveal", method: .post, headers: fac, body: Self.body(#"{"session":null}"#))
      #expect(reveal.status == .ok)
      let after = Self.object(
        try await client.execute(
          uri: "/api/turn", method: .post, headers: cookie, body: Self.body(#"{"text":"I have no one"}"#)))
      for key in TurnView.explainingKeys { #expect(after.keys.contains(key), "\(key)") }
      let state = Self.object(try await client.execute(uri: "/api/session", method: .get, headers: cookie))
      #expect((state["turns"] as? [[String: Any]])?.allSatisfy { $0["meters"] != nil } == true)
    }
  }

  @Test("Facilitator: 401 without the cookie, 403 for a wrong key, then every session with its meters")
  func facilitator() async throws {
    try await Self.app(Fixture.room()).test(.router) { client in
      #expect(try await client.execute(uri: "/api/facilitator/sessions", method: .get).status == .unauthorized)
      #expect(
        try await client.execute(uri: "/api/facilitator/reveal", method: .post, body: Self.body(#"{"session":null}"#))
          .status
          == .unauthorized)
      let wrong = try await client.execute(
        uri: "/api/facilitator/login", method: .post, body: Self.body(#"{"key":"nope"}"#))
      #expect(wrong.status == .forbidden)
      let login = try await client.execute(
        uri: "/api/facilitator/login", method: .post, body: Self.body(#"{"key":"\#(Fixture.key)"}"#))
      #expect(login.status == .ok)
      let fac: HTTPFields = [.cookie: "\(Routes.facilitatorCookie)=\(Self.cookie(login, Routes.facilitatorCookie)!)"]
      _ = try await client.execute(uri: "/api/join", method: .post, body: Self.body(Self.join))
      let view = Self.object(try await client.execute(uri: "/api/facilitator/sessions", method: .get, headers: fac))
      let sessions = try #require(view["sessions"] as? [[String: Any]])
      #expect(sessions.count == 1)
      #expect(sessions[0]["name"] as? String == "Ada")
      #expect((sessions[0]["meters"] as? [String: Any])?.isEmpty == false)
      let one = try await client.execute(
        uri: "/api/facilitator/reveal", method: .post, headers: fac, body: Self.body(#"{"session":1}"#))
      #expect(one.status == .ok)
      let pause = try await client.execute(
        uri: "/api/facilitator/pause", method: .post, headers: fac, body: Self.body(#"{"paused":true}"#))
      #expect(Self.object(pause)["paused"] as? Bool == true)
      let end = try await client.execute(
        uri: "/api/facilitator/end", method: .post, headers: fac, body: Self.body(#"{"session":"1"}"#))
      #expect(end.status == .ok)
      // A trainee cookie is not a facilitator cookie.
      #expect(
        try await client.execute(
          uri: "/api/facilitator/sessions", method: .get,
          headers: [.cookie: "\(Routes.facilitatorCookie)=\(Secret.token())"]
        ).status == .unauthorized)
    }
  }

  @Test("Ten wrong codes from one address, then 429 even for the right code")
  func limit() async throws {
    try await Self.app(Fixture.room()).test(.router) { client in
      for _ in 0..<10 {
        let r = try await client.execute(uri: "/api/join", method: .post, body: Self.body(#"{"room":"ZZZZZZ"}"#))
        #expect(r.status == .forbidden)
      }
      let r = try await client.execute(uri: "/api/join", method: .post, body: Self.body(Self.join))
      #expect(r.status == .tooManyRequests)
      #expect(Self.object(r)["error"] is String)
    }
  }

  @Test("A plain GET /ws is refused without the served Origin, and says it wants a WebSocket otherwise")
  func socketGate() async throws {
    let room = Fixture.room()
    try await Self.app(room).test(.router) { client in
      #expect(try await client.execute(uri: "/ws", method: .get).status == .forbidden)
      let joined = try await client.execute(uri: "/api/join", method: .post, body: Self.body(Self.join))
      let cookie = "\(Routes.traineeCookie)=\(Self.cookie(joined, Routes.traineeCookie)!)"
      let cross = try await client.execute(
        uri: "/ws", method: .get, headers: [.cookie: cookie, .origin: "http://evil.example"])
      #expect(cross.status == .forbidden)
      let same = try await client.execute(
        uri: "/ws", method: .get, headers: [.cookie: cookie, .origin: "http://localhost"])
      #expect(same.status == .badRequest)
      let anonymous = try await client.execute(uri: "/ws", method: .get, headers: [.origin: "http://localhost"])
      #expect(anonymous.status == .unauthorized)
    }
    let head = HTTPRequest(
      method: .get, scheme: nil, authority: "10.0.0.5:8080", path: "/ws",
      headerFields: [.origin: "http://10.0.0.5:8080"])
    #expect(SocketGate.sameOrigin(head))
    var other = head
    other.headerFields[.origin] = "http://10.0.0.5:8081"
    #expect(!SocketGate.sameOrigin(other))
  }
}
