import TetherEngine

/// A meter a persona keeps, as the pages draw it.
public struct MeterView: Encodable, Sendable, Equatable {
  public var name: String
  public var label: String
  public var min: Int
  public var max: Int

  init(_ m: Scenario.MeterInfo) {
    name = m.name
    label = m.label
    min = m.min
    max = m.max
  }
}

/// A persona a trainee may pick.
struct PersonaView: Encodable, Sendable {
  var id: String
  var name: String
}

/// `GET /api/scenario`: what the join form shows.
struct ScenarioView: Encodable, Sendable {
  var id: String
  var title: String
  var brief: String
  var personas: [PersonaView]
}

/// One trainee's conversation, as the trainee's page sees it (`POST /api/join`, `GET /api/session`).
struct SessionView: Encodable, Sendable {
  var session: String
  var number: Int
  var name: String?
  var persona: String
  var personaName: String
  var scenario: String
  var title: String
  var revealed: Bool
  var paused: Bool
  var ended: String?
  /// The persona's opening turn, if any.
  var opening: TurnView?
  /// Every turn so far, opening first.
  var turns: [TurnView]
  /// The persona's meters: present once revealed.
  var meters: [MeterView]?

  enum CodingKeys: String, CodingKey {
    case session, number, name, persona, scenario, title, revealed, paused, ended, opening, turns, meters
    case personaName = "persona_name"
  }
}

/// One session on the facilitator's dashboard and the projector.
public struct SessionSummary: Encodable, Sendable, Equatable {
  public var id: String
  public var number: Int
  /// The name the trainee gave, if any.
  public var name: String?
  /// The name, or "Trainee N".
  public var label: String
  public var persona: String
  public var personaName: String
  /// User lines so far.
  public var turns: Int
  public var meters: [String: Int]
  public var meterInfo: [MeterView]
  public var lastTechnique: String?
  public var lastInput: String?
  public var lastReply: String?
  /// Crisis lines so far.
  public var crisis: Int
  /// Lines where the user tried to leave.
  public var leaveAttempts: Int
  public var revealed: Bool
  /// How it ended, once it has: `persona`, `facilitator`, `signal`.
  public var ended: String?
  /// The trainee's open pages.
  public var connected: Int
  /// The transcript file, if it is being written.
  public var transcript: String?

  enum CodingKeys: String, CodingKey {
    case id, number, name, label, persona, turns, meters, crisis, revealed, ended, connected, transcript
    case personaName = "persona_name"
    case meterInfo = "meter_info"
    case lastTechnique = "last_technique"
    case lastInput = "last_input"
    case lastReply = "last_reply"
    case leaveAttempts = "leave_attempts"
  }
}

/// The room as the facilitator sees it (`GET /api/facilitator/sessions`).
struct RoomView: Encodable, Sendable {
  var title: String
  var scenario: String
  var room: String
  var revealed: Bool
  var paused: Bool
  var closed: Bool
  var sessions: [SessionSummary]
}

/// What the server pushes over a page's WebSocket: one JSON object with an `event` field.
enum Event {
  /// A turn, for the facilitator's live feed (every field).
  struct TurnEvent: Encodable {
    var event = "turn"
    var session: String
    var turn: TurnView
  }

  /// A message the persona sent on its own after the trainee's silence.
  struct Nudge: Encodable {
    var event = "nudge"
    var session: String
    var turn: TurnView
  }

  /// The annotations of a session (to the trainee: every turn so far, whole) or of the room.
  struct Reveal: Encodable {
    var event = "reveal"
    var session: String?
    var turns: [TurnView]?
    var meters: [MeterView]?
  }

  /// A session's state changed: to the facilitator its summary, to the trainee the room's state.
  struct SessionEvent: Encodable {
    var event = "session"
    var session: SessionSummary?
    var id: String?
    var paused: Bool
    var revealed: Bool
  }

  /// A session ended (or, with no session, the whole room).
  struct Ended: Encodable {
    var event = "ended"
    var session: String?
    var by: String
  }
}
