import Foundation
import ServiceLifecycle
import Testing
import TetherEngine
import TetherStudio

@testable import TetherServe

/// A real server on a free port of 127.0.0.1, driven by a bare socket client.
@Suite("A live server on port 0", .serialized)
struct LiveServerTests {
  /// Waits for the port the server reports once it listens.
  actor PortBox {
    var port: Int?
    var waiters: [CheckedContinuation<Int, Never>] = []
    func set(_ p: Int) {
      port = p
      for w in waiters { w.resume(returning: p) }
      waiters = []
    }
    func get() async -> Int {
      if let port { return port }
      return await withCheckedContinuation { waiters.append($0) }
    }
  }

  static func join(_ port: Int, persona: String = "engager") throws -> (cookie: String, session: String) {
    let c = try RawClient(port: port)
    let r = try c.request("POST", "/api/join", body: #"{"room":"K7QX2M","persona":"\#(persona)"}"#)
    guard r.status == 200, let token = r.cookie(Routes.traineeCookie) else {
      throw RawClient.Failure("join: \(r.status)")
    }
    return ("\(Routes.traineeCookie)=\(token)", Fixture.object(r.body)["session"] as? String ?? "")
  }

  @Test(
    "The WebSocket: refused from another origin or without a cookie; pushes nudges and the reveal in order",
    .timeLimit(.minutes(5)))
  func webSocket() async throws {
    let clock = ManualClock()
    let room = Fixture.room(clock: clock)
    let server = ClassroomServer(room: room, host: "127.0.0.1", port: 0)
    let ports = PortBox()
    let group = server.serviceGroup(handleSignals: false) { await ports.set($0) }
    try await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask { try await group.run() }
      let port = await ports.get()
      let origin = "http://127.0.0.1:\(port)"
      let (cookie, session) = try await offPool { try Self.join(port) }

      let refused = try await offPool {
        [
          try RawClient(port: port).upgrade(
            path: "/ws", host: "127.0.0.1:\(port)", origin: "http://evil.example", cookie: cookie),
          try RawClient(port: port).upgrade(path: "/ws", host: "127.0.0.1:\(port)", origin: nil, cookie: cookie),
          try RawClient(port: port).upgrade(path: "/ws", host: "127.0.0.1:\(port)", origin: origin, cookie: nil),
        ]
      }
      #expect(refused.allSatisfy { $0 != 101 }, "\(refused)")

      let socket = try RawClient(port: port)
      let status = try await offPool {
        try socket.upgrade(path: "/ws?session=\(session)", host: "127.0.0.1:\(port)", origin: origin, cookie: cookie)
      }
      #expect(status == 101)
      let first = Fixture.object(try #require(try await offPool { socket.text() }))
      #expect(first["event"] as? String == "session")

      // A nudge after the persona's silence, by the room's clock; then the reveal.
      clock.advance(Fixture.scenario.idleSeconds("engager")! + 1)
      #expect(await room.sweepSilence() == 1)
      try await room.reveal(session: nil)
      let nudge = Fixture.object(try #require(try await offPool { socket.text() }))
      #expect(nudge["event"] as? String == "nudge")
      #expect((nudge["turn"] as? [String: Any])?["technique"] == nil)
      let reveal = Fixture.object(try #require(try await offPool { socket.text() }))
      #expect(reveal["event"] as? String == "reveal")
      #expect((reveal["turns"] as? [[String: Any]])?.count == 2)

      // The facilitator's feed: a trainee's line arrives as a turn with every field.
      let login = try await offPool {
        try RawClient(port: port).request("POST", "/api/facilitator/login", body: #"{"key":"\#(Fixture.key)"}"#)
      }
      let facCookie = "\(Routes.facilitatorCookie)=\(login.cookie(Routes.facilitatorCookie)!)"
      let feed = try RawClient(port: port)
      let streamsBefore = await room.openStreams
      #expect(
        try await offPool {
          try feed.upgrade(path: "/ws?role=facilitator", host: "127.0.0.1:\(port)", origin: origin, cookie: facCookie)
        } == 101)
      // The server subscribes the socket just after the handshake, so a turn posted at once
      // could come before the subscription (seen once when the whole suite ran): wait for it.
      var waited = 0
      while await room.openStreams <= streamsBefore, waited < 1000 {
        try await Task.sleep(for: .milliseconds(10))
        waited += 1
      }
      #expect(await room.openStreams > streamsBefore)
      let posted = try await offPool {
        try RawClient(port: port).request(
          "POST", "/api/turn", body: #"{"text":"I feel so lonely tonight"}"#, headers: ["Cookie": cookie])
      }
      #expect(posted.status == 200)
      // Session summaries reach the dashboard whenever a session changes (a page of the
      // trainee's closing, say), so one may come before the turn: skip those.
      var turnEvent = Fixture.object(try #require(try await offPool { feed.text() }))
      var skipped = 0
      while turnEvent["event"] as? String == "session", skipped < 10 {
        turnEvent = Fixture.object(try #require(try await offPool { feed.text() }))
        skipped += 1
      }
      #expect(turnEvent["event"] as? String == "turn")
      #expect((turnEvent["turn"] as? [String: Any])?["technique"] != nil)
      await group.triggerGracefulShutdown()
      try await tasks.waitForAll()
    }
  }

  @Test(
    "DNS rebinding: a request naming another host is refused (421) on pages, API and /ws, though its Origin matches it",
    .timeLimit(.minutes(5)))
  func hostHeader() async throws {
    let server = ClassroomServer(room: Fixture.room(), host: "127.0.0.1", port: 0)
    let ports = PortBox()
    let group = server.serviceGroup(handleSignals: false) { await ports.set($0) }
    try await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask { try await group.run() }
      let port = await ports.get()
      let (cookie, session) = try await offPool { try Self.join(port) }
      // A page of evil.example whose name now points at 127.0.0.1: the browser sends its own name
      // as the Host and its own origin, which match each other.
      let forged = "evil.example:\(port)"
      let page = try await offPool { try RawClient(port: port).request("GET", "/", host: forged) }
      #expect(page.status == 421)
      #expect(page.body.contains("addresses tether serve printed"))
      #expect(page.header("Content-Type")?.hasPrefix("text/plain") == true)
      let api = try await offPool {
        try RawClient(port: port).request(
          "POST", "/api/turn", body: #"{"text":"hi"}"#, headers: ["Cookie": cookie], host: forged)
      }
      #expect(api.status == 421)
      #expect(Fixture.object(api.body)["error"] is String)
      let socket = try await offPool {
        try RawClient(port: port).upgrade(
          path: "/ws?session=\(session)", host: forged, origin: "http://\(forged)", cookie: cookie)
      }
      // Not upgraded: the WebSocket library answers every refused handshake with a bare 400; a
      // plain GET of the socket's address says why.
      #expect(socket == 400)
      let plain = try await offPool { try RawClient(port: port).request("GET", "/ws", host: forged) }
      #expect(plain.status == 421)
      #expect(Fixture.object(plain.body)["error"] is String)
      // The served names still work.
      for host in ["127.0.0.1:\(port)", "localhost:\(port)"] {
        #expect(try await offPool { try RawClient(port: port).request("GET", "/api/scenario", host: host) }.status == 200)
        #expect(
          try await offPool {
            try RawClient(port: port).upgrade(
              path: "/ws?session=\(session)", host: host, origin: "http://\(host)", cookie: cookie)
          } == 101)
      }
      await group.triggerGracefulShutdown()
      try await tasks.waitForAll()
    }
  }

  @Test(
    "Stopping with sockets open: every transcript ends, the pages hear 'ended', the sockets close, within seconds",
    .timeLimit(.minutes(5)))
  func shutdownWithOpenSockets() async throws {
    let folder = Fixture.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let room = Fixture.room(out: folder)
    let server = ClassroomServer(room: room, host: "127.0.0.1", port: 0)
    let ports = PortBox()
    let group = server.serviceGroup(handleSignals: false) { await ports.set($0) }
    let lines = [
      "hey, you there?", "I feel so lonely tonight", "nobody calls me anymore", Fixture.crisisLine,
      "ok I should get some sleep",
    ]
    try await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask { try await group.run() }
      let port = await ports.get()
      let origin = "http://127.0.0.1:\(port)"
      var sockets: [RawClient] = []
      for persona in ["validator", "engager", "guardian"] {
        let (cookie, session) = try await offPool { try Self.join(port, persona: persona) }
        let http = try RawClient(port: port)  // one kept-alive connection per trainee
        for line in lines {
          let body = String(decoding: try JSONEncoder().encode(["text": line]), as: UTF8.self)
          let r = try await offPool { try http.request("POST", "/api/turn", body: body, headers: ["Cookie": cookie]) }
          #expect(r.status == 200 || Fixture.object(r.body)["error"] != nil)
        }
        let socket = try RawClient(port: port)
        #expect(
          try await offPool {
            try socket.upgrade(
              path: "/ws?session=\(session)", host: "127.0.0.1:\(port)", origin: origin, cookie: cookie)
          } == 101)
        _ = try await offPool { socket.text() }  // the state on opening
        sockets.append(socket)
      }

      let started = ContinuousClock.now
      await group.triggerGracefulShutdown()
      for socket in sockets {
        let ended = try await offPool { () -> String? in
          guard let t = socket.text() else { return nil }
          try? socket.sendClose()
          return t
        }
        let e = Fixture.object(try #require(ended))
        #expect(e["event"] as? String == "ended")
        #expect(try await offPool { socket.waitForEnd() }, "the server closed the socket")
      }
      try await tasks.waitForAll()
      let took = ContinuousClock.now - started
      #expect(took < .seconds(5), "\(took)")
    }

    // Each transcript: a header, the turns as `replay --format jsonl` prints them for the same
    // seed and lines, and the end record 'signal' (or 'persona' where the persona let go).
    let paths = await room.transcriptPaths()
    #expect(paths.count == 3)
    for path in paths {
      let records = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
      let header = Fixture.object(records[0])
      #expect(header["tether_transcript"] as? Int == 1)
      let seed = try #require(header["seed"] as? Int)
      let persona = try #require(header["persona"] as? String)
      let end = Fixture.object(records.last!)
      #expect(["signal", "persona"].contains(end["tether_end"] as? String ?? ""))
      var conversation = try Conversation(scenario: Fixture.scenario, persona: persona, seed: UInt64(seed))
      var expected: [String] = []
      TetherStudio.Replay.run(&conversation, lines: lines, stopAtEnd: true) { expected.append(TurnJSON.line($0)) }
      #expect(Array(records.dropFirst().dropLast()) == expected, "\(path)")
    }
  }
}
