import TetherEngine
import TetherStudio

/// A page's event stream: the JSON texts the server pushes over its WebSocket, in order.
public struct Subscription: Sendable {
  public var id: Int
  public var events: AsyncStream<String>
}

/// Who gets a stream's events.
struct Subscriber {
  enum Audience: Equatable {
    case trainee(Int)
    case facilitator
  }

  var audience: Audience
  var continuation: AsyncStream<String>.Continuation
}

extension Room {
  /// Events a slow page may fall behind by before the oldest are dropped.
  static let eventBuffer = 512

  /// A stream of one trainee session's events (`nudge`, `reveal`, `session`, `ended`). It opens
  /// with a `session` event carrying the room's state.
  public func subscribe(browser: String?, session: String?) throws(RoomError) -> Subscription {
    if closed { throw .closed }
    let id = try owned(browser: browser, session: session)
    let s = open(.trainee(id))
    if let seat = seats[id] {
      subscribers[s.id]?.continuation.yield(
        WireJSON.encode(Event.SessionEvent(id: seat.key, paused: paused, revealed: isRevealed(id))))
      if let ended = seat.ended {
        subscribers[s.id]?.continuation.yield(WireJSON.encode(Event.Ended(session: seat.key, by: ended)))
      }
    }
    publishSummary(id)
    return s
  }

  /// A stream of every session's events for the facilitator's dashboard and the projector
  /// (`session`, `turn`, `reveal`, `ended`).
  public func subscribe(facilitator token: String?) throws(RoomError) -> Subscription {
    if closed { throw .closed }
    try requireFacilitator(token)
    return open(.facilitator)
  }

  /// Checks that a trainee could subscribe, without opening a stream (the WebSocket upgrade asks
  /// before it upgrades).
  public func mayListen(browser: String?, session: String?, facilitator token: String?) -> RoomError? {
    if closed { return .closed }
    if isFacilitator(token) { return nil }
    do {
      _ = try owned(browser: browser, session: session)
      return nil
    } catch {
      return error
    }
  }

  func open(_ audience: Subscriber.Audience) -> Subscription {
    let (stream, continuation) = AsyncStream.makeStream(
      of: String.self, bufferingPolicy: .bufferingNewest(Self.eventBuffer))
    let id = nextSubscriber
    nextSubscriber += 1
    subscribers[id] = Subscriber(audience: audience, continuation: continuation)
    return Subscription(id: id, events: stream)
  }

  /// Ends a stream (its page went away).
  public func unsubscribe(_ id: Int) {
    guard let s = subscribers.removeValue(forKey: id) else { return }
    s.continuation.finish()
    if case .trainee(let seat) = s.audience { publishSummary(seat) }
  }

  /// Open pages of a trainee session.
  func traineeSockets(_ id: Int) -> Int {
    subscribers.values.filter { $0.audience == .trainee(id) }.count
  }

  /// Open streams (for tests and the load script's report).
  public var openStreams: Int { subscribers.count }

  func send(toSession id: Int, _ text: String) {
    for key in subscribers.keys.sorted() where subscribers[key]?.audience == .trainee(id) {
      subscribers[key]?.continuation.yield(text)
    }
  }

  func send(toFacilitators text: String) {
    for key in subscribers.keys.sorted() where subscribers[key]?.audience == .facilitator {
      subscribers[key]?.continuation.yield(text)
    }
  }

  /// True while a dashboard or projector page is open.
  var facilitatorsListening: Bool { subscribers.values.contains { $0.audience == .facilitator } }

  /// A turn to the dashboard (every field: the record of `replay --format jsonl`, `line` if
  /// encoded already), then the session's new summary.
  func publish(_ turn: Turn, line: String? = nil, of id: Int) {
    guard facilitatorsListening else { return }
    // Keys in sorted order, as the encoder writes them: event, session, turn.
    send(toFacilitators: #"{"event":"turn","session":"\#(id)","turn":"# + (line ?? TurnJSON.line(turn)) + "}")
    publishSummary(id)
  }

  func publishSummary(_ id: Int) {
    guard facilitatorsListening, let summary = summary(id) else { return }
    send(toFacilitators: WireJSON.encode(Event.SessionEvent(session: summary, paused: paused, revealed: revealedRoom)))
  }
}
