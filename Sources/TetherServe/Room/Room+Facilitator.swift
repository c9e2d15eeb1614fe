import Foundation
import TetherStudio

extension Room {
  /// Swaps the facilitator's key for a token for the facilitator's cookie. Wrong keys count
  /// against the address as wrong room codes do.
  public func login(key: String, address: String) throws(RoomError) -> String {
    let now = clock()
    if limiter.isBlocked(address, now: now) { throw .tooManyAttempts }
    guard Secret.equal(String(key.prefix(128)), settings.facilitatorKey) else {
      limiter.fail(address, now: now)
      throw .wrongKey
    }
    let token = Secret.token()
    facilitators.insert(token)
    return token
  }

  /// True when the token is a facilitator cookie this room made.
  public func isFacilitator(_ token: String?) -> Bool {
    guard let token, Secret.isToken(token) else { return false }
    return facilitators.contains(token)
  }

  func requireFacilitator(_ token: String?) throws(RoomError) {
    if !isFacilitator(token) { throw .notFacilitator }
  }

  /// Every session, for the dashboard.
  public func sessions(facilitator token: String?) throws(RoomError) -> String {
    try requireFacilitator(token)
    return WireJSON.encode(roomView())
  }

  /// The summaries of every session, in the order they joined.
  public func summaries() -> [SessionSummary] {
    seats.keys.sorted().compactMap(summary)
  }

  func roomView() -> RoomView {
    RoomView(
      title: scenario.title, scenario: scenario.id, room: settings.code.value, revealed: revealedRoom, paused: paused,
      closed: closed, sessions: summaries())
  }

  func summary(_ id: Int) -> SessionSummary? {
    guard let seat = seats[id] else { return nil }
    let last = seat.turns.last
    return SessionSummary(
      id: seat.key, number: seat.number, name: seat.name, label: seat.label, persona: seat.conversation.personaID,
      personaName: seat.personaName, turns: seat.conversation.state.lines, meters: seat.conversation.state.meters,
      meterInfo: meters(of: seat), lastTechnique: seat.turns.last(where: { $0.technique != nil })?.technique,
      lastInput: seat.turns.last(where: { $0.input != nil })?.input, lastReply: last?.reply, crisis: seat.crisis,
      leaveAttempts: seat.leaveAttempts, revealed: isRevealed(id), ended: seat.ended, connected: traineeSockets(id),
      transcript: seat.transcript.isWriting ? seat.transcript.path : nil)
  }

  /// Reveals the annotations of one session, or of the whole room (`session` nil). Each trainee
  /// page not yet revealed gets every turn so far, whole, and the meters.
  public func reveal(session: String?, facilitator token: String?) throws(RoomError) -> String {
    try requireFacilitator(token)
    try reveal(session: session)
    return WireJSON.encode(roomView())
  }

  /// Reveals without checking who asks (the routes check; tests call it directly).
  public func reveal(session: String?) throws(RoomError) {
    var ids: [Int]
    if let session {
      guard let id = Int(session), seats[id] != nil else { throw .noSuchSession }
      ids = isRevealed(id) ? [] : [id]
      seats[id]?.revealed = true
    } else {
      ids = seats.keys.sorted().filter { !isRevealed($0) }
      revealedRoom = true
    }
    for id in ids {
      guard let seat = seats[id] else { continue }
      send(
        toSession: id,
        WireJSON.encode(
          Event.Reveal(
            session: seat.key, turns: seat.turns.map { TurnView($0, revealed: true) }, meters: meters(of: seat))))
      publishSummary(id)
    }
    send(toFacilitators: WireJSON.encode(Event.Reveal(session: session.flatMap { Int($0) }.map(String.init))))
  }

  /// Pauses (or resumes) every trainee's input: lines get 409 and no nudges are sent meanwhile.
  public func pause(_ on: Bool, facilitator token: String?) throws(RoomError) -> String {
    try requireFacilitator(token)
    setPaused(on)
    return WireJSON.encode(roomView())
  }

  func setPaused(_ on: Bool) {
    guard paused != on else { return }
    paused = on
    for id in seats.keys.sorted() {
      send(toSession: id, WireJSON.encode(Event.SessionEvent(id: String(id), paused: paused, revealed: isRevealed(id))))
    }
    // A silence does not run on while the room is paused.
    if !on {
      let now = clock()
      for id in seats.keys { seats[id]?.lastActivity = now }
    }
    for id in seats.keys.sorted() { publishSummary(id) }
  }

  /// Ends one session or every session: the transcript gets its end record (`facilitator`) and
  /// the pages are told.
  public func end(session: String?, facilitator token: String?) async throws(RoomError) -> String {
    try requireFacilitator(token)
    var ids = seats.keys.sorted()
    if let session {
      guard let id = Int(session), seats[id] != nil else { throw .noSuchSession }
      ids = [id]
    }
    for id in ids { finish(id, by: "facilitator") }
    let json = WireJSON.encode(roomView())
    for id in ids { await seats[id]?.transcript.flushed() }
    return json
  }

  /// Ends a session if it is still going: end record, `ended` to its pages and the dashboard.
  func finish(_ id: Int, by reason: String) {
    guard let seat = seats[id], seat.ended == nil else { return }
    seat.end(reason)
    send(toSession: id, WireJSON.encode(Event.Ended(session: seat.key, by: reason)))
    publishSummary(id)
  }

  /// Closes the room (the server is stopping): every open session's transcript gets its end
  /// record, every page is told, and every event stream finishes. Later requests get 503.
  public func close(reason: String = "signal") async {
    guard !closed else { return }
    closed = true
    for id in seats.keys.sorted() { finish(id, by: reason) }
    send(toFacilitators: WireJSON.encode(Event.Ended(session: nil, by: reason)))
    for (_, s) in subscribers { s.continuation.finish() }
    subscribers.removeAll()
    for seat in seats.values { await seat.transcript.flushed() }
  }

  /// The transcript files written so far, in the order the sessions joined.
  public func transcriptPaths() -> [String] {
    seats.keys.sorted().compactMap { seats[$0]?.transcript.path }
  }
}
