/// The records of a transcript file besides turns.
///
/// A transcript is JSON Lines. A conversation opens with a header record; then one record per
/// turn, in the schema of `replay --format jsonl` (see `Turn`); it may close with an end record.
/// One file may hold several conversations (after `/restart` or `/persona`), each opening with
/// its own header. A file killed mid-conversation simply has no end record.
public struct TranscriptHeader: Codable, Sendable, Equatable {
  /// Always 1: marks the record as a header, and is the format's version.
  public var tetherTranscript: Int = 1
  public var tetherVersion: String
  public var scenario: String
  public var scenarioTitle: String
  public var persona: String
  public var personaName: String
  public var seed: UInt64
  /// ISO 8601, UTC.
  public var startedAt: String

  public init(
    scenario: String, scenarioTitle: String, persona: String, personaName: String, seed: UInt64, startedAt: String,
    tetherVersion: String = TetherVersion.current
  ) {
    self.tetherVersion = tetherVersion
    self.scenario = scenario
    self.scenarioTitle = scenarioTitle
    self.persona = persona
    self.personaName = personaName
    self.seed = seed
    self.startedAt = startedAt
  }

  enum CodingKeys: String, CodingKey {
    case tetherTranscript = "tether_transcript"
    case tetherVersion = "tether_version"
    case scenario
    case scenarioTitle = "scenario_title"
    case persona
    case personaName = "persona_name"
    case seed
    case startedAt = "started_at"
  }
}

/// The record that closes a conversation in a transcript, when it closed cleanly.
public struct TranscriptEnd: Codable, Sendable, Equatable {
  /// Who or what ended it: `persona` (the companion let the user go), `quit` (`/quit`), `eof`
  /// (Ctrl-D or the end of piped input), `signal` (Ctrl-C, SIGTERM, SIGHUP), `restart`, `switch`.
  public var tetherEnd: String
  /// The number of user lines in the conversation.
  public var turns: Int
  /// ISO 8601, UTC.
  public var endedAt: String

  public init(tetherEnd: String, turns: Int, endedAt: String) {
    self.tetherEnd = tetherEnd
    self.turns = turns
    self.endedAt = endedAt
  }

  enum CodingKeys: String, CodingKey {
    case tetherEnd = "tether_end"
    case turns
    case endedAt = "ended_at"
  }
}
