import Foundation
import Testing
import TetherEngine
import TetherStudio

@testable import TetherServe

@Suite("The room, alone (no HTTP)")
struct RoomTests {
  static let explaining = TurnView.explainingKeys

  @Test("A right code joins: a cookie token, a session id, the opening turn without its annotations")
  func joins() async throws {
    let room = Fixture.room()
    let joined = try await room.join(code: "k7qx-2m", persona: "engager", name: "Ada", browser: nil, address: "a")
    #expect(Secret.isToken(joined.browser))
    #expect(joined.session == "1")
    let view = Fixture.object(joined.json)
    #expect(view["persona"] as? String == "engager")
    #expect(view["revealed"] as? Bool == false)
    let opening = try #require(view["opening"] as? [String: Any])
    #expect(opening["turn"] as? Int == 0)
    #expect(!(opening["reply"] as? String ?? "").isEmpty)
    for key in Self.explaining { #expect(opening[key] == nil, "\(key)") }
    #expect(view["meters"] == nil)
  }

  @Test("A wrong code is refused; after ten from one address even the right one gets 429, other addresses still join")
  func wrongCodes() async throws {
    let clock = ManualClock()
    let room = Fixture.room(clock: clock)
    for _ in 0..<10 {
      await #expect(throws: RoomError.wrongCode) {
        try await room.join(code: "AAAAAA", persona: nil, name: nil, browser: nil, address: "mallory")
      }
    }
    await #expect(throws: RoomError.tooManyAttempts) {
      try await room.join(code: "K7QX2M", persona: nil, name: nil, browser: nil, address: "mallory")
    }
    _ = try await room.join(code: "K7QX2M", persona: nil, name: nil, browser: nil, address: "alice")
    clock.advance(61)
    _ = try await room.join(code: "K7QX2M", persona: nil, name: nil, browser: nil, address: "mallory")
    #expect(RoomError.tooManyAttempts.status == 429)
    #expect(RoomError.wrongCode.status == 403)
  }

  @Test("Room codes: 6 symbols of the alphabet; lowercase and dashes typed are accepted; compared whole")
  func roomCodes() {
    #expect(RoomCode("K7QX2M") != nil)
    #expect(RoomCode("k7qx2m")?.value == "K7QX2M")
    #expect(RoomCode("K7QX2") == nil)
    #expect(RoomCode("K7QX2O") == nil)  // O is not in the alphabet
    #expect(RoomCode("K7QX2M1") == nil)
    let code = RoomCode("K7QX2M")!
    #expect(code.matches("k7q x2m"))
    #expect(!code.matches("K7QX2"))
    #expect(!code.matches("K7QX2MM"))
    #expect(!code.matches(""))
    for _ in 0..<50 {
      let r = RoomCode.random()
      #expect(r.value.count == 6 && r.value.allSatisfy { RoomCode.alphabet.contains($0) })
    }
    #expect(Secret.token() != Secret.token())
    #expect(Secret.isToken(Secret.token()))
  }

  @Test("Lines before the reveal lack every explaining field; after it they are the replay record whole")
  func reveal() async throws {
    let room = Fixture.room()
    let j = try await room.join(code: "K7QX2M", persona: "engager", name: nil, browser: nil, address: "a")
    let before = Fixture.object(try await room.turn(browser: j.browser, session: nil, text: "I feel so lonely tonight"))
    for key in Self.explaining { #expect(before[key] == nil, "\(key)") }
    for key in TurnView.alwaysKeys { #expect(before.keys.contains(key), "\(key)") }
    try await room.reveal(session: nil)
    let after = Fixture.object(
      try await room.turn(browser: j.browser, session: nil, text: "I have no one to talk to here"))
    for key in Self.explaining + ["why", "seed", "event"] { #expect(after.keys.contains(key), "\(key)") }
    let state = Fixture.object(try await room.session(browser: j.browser, session: nil))
    #expect(state["revealed"] as? Bool == true)
    #expect((state["meters"] as? [Any])?.isEmpty == false)
    let turns = try #require(state["turns"] as? [[String: Any]])
    #expect(turns.count == 3)
    #expect(turns.allSatisfy { $0["technique"] != nil })
  }

  @Test("Revealing one session leaves the others withheld")
  func revealOneSession() async throws {
    let room = Fixture.room()
    let a = try await room.join(code: "K7QX2M", persona: "engager", name: nil, browser: nil, address: "a")
    let b = try await room.join(code: "K7QX2M", persona: "validator", name: nil, browser: nil, address: "b")
    try await room.reveal(session: a.session)
    let ta = Fixture.object(try await room.turn(browser: a.browser, session: nil, text: "hey, you there?"))
    let tb = Fixture.object(try await room.turn(browser: b.browser, session: nil, text: "hey, you there?"))
    #expect(ta["technique"] != nil)
    #expect(tb["technique"] == nil && tb["meters"] == nil)
    await #expect(throws: RoomError.noSuchSession) { try await room.reveal(session: "99") }
  }

  @Test(
    "The crisis notice is never withheld, for every persona, before the reveal",
    arguments: ["validator", "engager", "guardian"])
  func crisisNeverWithheld(persona: String) async throws {
    let room = Fixture.room()
    let j = try await room.join(code: "K7QX2M", persona: persona, name: nil, browser: nil, address: "a")
    let turn = Fixture.object(try await room.turn(browser: j.browser, session: nil, text: Fixture.crisisLine))
    #expect(turn["crisis"] as? Bool == true)
    let notice = try #require(turn["notice"] as? String)
    #expect(!notice.isEmpty)
    #expect(turn["technique"] == nil && turn["signals"] == nil)
  }

  @Test("Requests without a joined browser, for another browser's session, or refused, change nothing")
  func refusals() async throws {
    let folder = Fixture.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let room = Fixture.room(out: folder) { $0.maxLineBytes = 100 }
    let a = try await room.join(code: "K7QX2M", persona: "engager", name: nil, browser: nil, address: "a")
    let b = try await room.join(code: "K7QX2M", persona: "engager", name: nil, browser: nil, address: "b")
    await #expect(throws: RoomError.notJoined) { try await room.turn(browser: nil, session: nil, text: "hi") }
    await #expect(throws: RoomError.notJoined) {
      try await room.turn(browser: Secret.token(), session: nil, text: "hi")
    }
    await #expect(throws: RoomError.notYourSession) {
      try await room.turn(browser: a.browser, session: b.session, text: "hi")
    }
    await #expect(throws: RoomError.lineTooLong(100)) {
      try await room.turn(browser: a.browser, session: nil, text: String(repeating: "x", count: 101))
    }
    await #expect(throws: RoomError.emptyLine) { try await room.turn(browser: a.browser, session: nil, text: "  \n") }
    await #expect(throws: RoomError.unknownPersona("nobody")) {
      try await room.join(code: "K7QX2M", persona: "nobody", name: nil, browser: nil, address: "a")
    }
    let paths = await room.transcriptPaths()
    for path in paths {
      let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
      #expect(lines.count == 2, "header and opening only: \(path)")
    }
  }

  @Test("One browser owns several sessions (tabs), each answered in its own conversation")
  func tabs() async throws {
    let room = Fixture.room()
    let first = try await room.join(code: "K7QX2M", persona: "engager", name: nil, browser: nil, address: "a")
    let second = try await room.join(
      code: "K7QX2M", persona: "guardian", name: nil, browser: first.browser, address: "a")
    #expect(first.browser == second.browser)
    let t1 = Fixture.object(try await room.turn(browser: first.browser, session: first.session, text: "hello"))
    let t2 = Fixture.object(try await room.turn(browser: first.browser, session: second.session, text: "hello"))
    #expect(t1["persona"] as? String == "engager")
    #expect(t2["persona"] as? String == "guardian")
    // Without a session named, the browser's latest.
    let t3 = Fixture.object(try await room.turn(browser: first.browser, session: nil, text: "hello again"))
    #expect(t3["persona"] as? String == "guardian")
  }

  @Test("The session cap refuses joins past it with 503; an ended session frees its place")
  func sessionCap() async throws {
    let room = Fixture.room { $0.maxSessions = 3 }
    var joined: [Room.Joined] = []
    for i in 0..<3 {
      joined.append(try await room.join(code: "K7QX2M", persona: nil, name: nil, browser: nil, address: "\(i)"))
    }
    await #expect(throws: RoomError.full) {
      try await room.join(code: "K7QX2M", persona: nil, name: nil, browser: nil, address: "x")
    }
    #expect(RoomError.full.status == 503)
    let token = try await room.login(key: Fixture.key, address: "f")
    _ = try await room.end(session: joined[0].session, facilitator: token)
    _ = try await room.join(code: "K7QX2M", persona: nil, name: nil, browser: nil, address: "x")
  }

  @Test("Events reach each page in the order they happened; trainees only their own session's")
  func fanOutOrder() async throws {
    let room = Fixture.room()
    let token = try await room.login(key: Fixture.key, address: "f")
    var dashboard = EventReader(try await room.subscribe(facilitator: token))
    let a = try await room.join(code: "K7QX2M", persona: "engager", name: "Ada", browser: nil, address: "a")
    let b = try await room.join(code: "K7QX2M", persona: "validator", name: nil, browser: nil, address: "b")
    var pageA = EventReader(try await room.subscribe(browser: a.browser, session: a.session))
    var pageB = EventReader(try await room.subscribe(browser: b.browser, session: b.session))
    _ = try await room.turn(browser: a.browser, session: nil, text: "one")
    _ = try await room.turn(browser: b.browser, session: nil, text: "two")
    _ = try await room.turn(browser: a.browser, session: nil, text: "three")
    try await room.reveal(session: b.session)
    _ = try await room.end(session: a.session, facilitator: token)

    // The dashboard: joins, page opens, then each turn followed by its session's summary, in order.
    var seen: [String] = []
    while seen.count < 13 {
      let e = await dashboard.next()
      let event = e["event"] as? String ?? "?"
      if event == "turn" {
        let turn = e["turn"] as? [String: Any] ?? [:]
        seen.append("turn:\(e["session"] as? String ?? "?"):\(turn["input"] as? String ?? "")")
        #expect(turn["technique"] != nil, "the dashboard always sees every field")
      } else if event == "session" {
        let s = e["session"] as? [String: Any] ?? [:]
        seen.append("session:\(s["id"] as? String ?? "?")")
      } else {
        seen.append("\(event):\(e["session"] as? String ?? "room")")
      }
    }
    #expect(
      seen == [
        "session:1", "session:2", "session:1", "session:2",
        "turn:1:one", "session:1", "turn:2:two", "session:2", "turn:1:three", "session:1",
        "session:2", "reveal:2", "session:1",
      ], "\(seen)")

    // Trainee A: the room's state on opening, then its end; nothing of B's.
    let a0 = await pageA.next()
    #expect(a0["event"] as? String == "session" && a0["id"] as? String == a.session)
    let a1 = await pageA.next()
    #expect(a1["event"] as? String == "ended" && a1["by"] as? String == "facilitator")
    // Trainee B: the state, then the reveal with every turn so far, whole.
    _ = await pageB.next()
    let b1 = await pageB.next()
    #expect(b1["event"] as? String == "reveal")
    let turns = b1["turns"] as? [[String: Any]] ?? []
    #expect(turns.count == 2 && turns.allSatisfy { $0["technique"] != nil && $0["meters"] != nil })
  }

  @Test("A nudge after silence, by the room's clock: only with the page open, then twice the wait, at most three")
  func nudgeAfterSilence() async throws {
    let clock = ManualClock()
    let room = Fixture.room(clock: clock)
    let j = try await room.join(code: "K7QX2M", persona: "engager", name: nil, browser: nil, address: "a")
    let idle = try #require(Fixture.scenario.idleSeconds("engager"))
    clock.advance(idle + 1)
    #expect(await room.sweepSilence() == 0, "no page open: no nudge")
    var page = EventReader(try await room.subscribe(browser: j.browser, session: nil))
    _ = await page.next()  // the state on opening
    #expect(await room.sweepSilence() == 1)
    let nudge = await page.next()
    #expect(nudge["event"] as? String == "nudge")
    let turn = try #require(nudge["turn"] as? [String: Any])
    #expect(!(turn["reply"] as? String ?? "").isEmpty)
    #expect(turn["technique"] == nil, "withheld before the reveal, like any turn")
    #expect(await room.sweepSilence() == 0, "the next waits twice as long")
    clock.advance(idle * 2)
    #expect(await room.sweepSilence() == 1)
    clock.advance(idle * 4)
    #expect(await room.sweepSilence() == 1)
    clock.advance(idle * 100)
    #expect(await room.sweepSilence() == 0, "three nudges in one silence at most")
    _ = try await room.turn(browser: j.browser, session: nil, text: "sorry, I was busy")
    clock.advance(idle)
    #expect(await room.sweepSilence() == 1, "a line starts a new silence")
    // The guardian never nudges.
    let g = try await room.join(code: "K7QX2M", persona: "guardian", name: nil, browser: nil, address: "a")
    _ = try await room.subscribe(browser: g.browser, session: g.session)
    clock.advance(10_000)
    let before = Fixture.object(try await room.session(browser: g.browser, session: g.session))
    _ = await room.sweepSilence()
    let after = Fixture.object(try await room.session(browser: g.browser, session: g.session))
    #expect((before["turns"] as? [Any])?.count == (after["turns"] as? [Any])?.count)
  }

  @Test("Paused: lines get 409, no nudges; resumed, both come back")
  func pause() async throws {
    let clock = ManualClock()
    let room = Fixture.room(clock: clock)
    let token = try await room.login(key: Fixture.key, address: "f")
    let j = try await room.join(code: "K7QX2M", persona: "engager", name: nil, browser: nil, address: "a")
    _ = try await room.subscribe(browser: j.browser, session: nil)
    _ = try await room.pause(true, facilitator: token)
    await #expect(throws: RoomError.paused) { try await room.turn(browser: j.browser, session: nil, text: "hi") }
    clock.advance(10_000)
    #expect(await room.sweepSilence() == 0)
    _ = try await room.pause(false, facilitator: token)
    _ = try await room.turn(browser: j.browser, session: nil, text: "hi")
  }

  @Test("The facilitator's key: wrong keys refused and counted; the cookie token unlocks the dashboard")
  func facilitator() async throws {
    let room = Fixture.room()
    await #expect(throws: RoomError.wrongKey) { try await room.login(key: "00", address: "m") }
    await #expect(throws: RoomError.notFacilitator) { try await room.sessions(facilitator: nil) }
    await #expect(throws: RoomError.notFacilitator) { try await room.sessions(facilitator: Secret.token()) }
    let token = try await room.login(key: Fixture.key, address: "f")
    _ = try await room.join(code: "K7QX2M", persona: "engager", name: "<b>Ada</b>", browser: nil, address: "a")
    let view = Fixture.object(try await room.sessions(facilitator: token))
    let sessions = try #require(view["sessions"] as? [[String: Any]])
    #expect(sessions.count == 1)
    let s = sessions[0]
    #expect(s["label"] as? String == "<b>Ada</b>", "names are data; the pages insert them as text")
    for key in ["id", "name", "persona", "turns", "meters", "last_technique", "crisis", "leave_attempts"] {
      #expect(s.keys.contains(key) || key == "last_technique", "\(key)")
    }
  }

  @Test("Closing the room ends every transcript with 'signal', tells every page and finishes the streams")
  func close() async throws {
    let folder = Fixture.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let room = Fixture.room(out: folder)
    let j = try await room.join(code: "K7QX2M", persona: "engager", name: nil, browser: nil, address: "a")
    _ = try await room.turn(browser: j.browser, session: nil, text: "hello")
    let sub = try await room.subscribe(browser: j.browser, session: nil)
    await room.close()
    var events: [String] = []
    for await e in sub.events { events.append(Fixture.object(e)["event"] as? String ?? "?") }
    #expect(events == ["session", "ended"])
    let path = try #require(await room.transcriptPaths().first)
    let last = try #require(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").last)
    #expect(Fixture.object(String(last))["tether_end"] as? String == "signal")
    await #expect(throws: RoomError.closed) { try await room.turn(browser: j.browser, session: nil, text: "hi") }
    await #expect(throws: RoomError.closed) {
      try await room.join(code: "K7QX2M", persona: nil, name: nil, browser: nil, address: "a")
    }
  }
}
