import TetherEngine

/// A turn as a page receives it.
///
/// Revealed, it is the turn record of `replay --format jsonl`, every field. Before the reveal the
/// fields that explain the reply (`rule`, `technique`, `dynamic`, `note`, `healthy`, `signals`,
/// `signal_cues`, `meters`, `intent`, and `event`, `seed` and `why`, which give the same away)
/// are absent from the JSON, not hidden by the page: `turn`, `input`, `reply`, `persona`, `ends`, `crisis` and
/// the crisis safety `notice` are always there.
public struct TurnView: Encodable, Sendable {
  public var turn: Turn
  public var revealed: Bool

  public init(_ turn: Turn, revealed: Bool) {
    self.turn = turn
    self.revealed = revealed
  }

  /// The keys a turn keeps before the reveal.
  public static let alwaysKeys = ["crisis", "ends", "input", "notice", "persona", "reply", "turn"]
  /// The keys the issue names as explaining: absent before the reveal.
  public static let explainingKeys = [
    "dynamic", "healthy", "intent", "meters", "note", "rule", "signal_cues", "signals", "technique",
  ]

  enum Keys: String, CodingKey {
    case turn, input, reply, persona, ends, crisis, notice
  }

  public func encode(to encoder: any Encoder) throws {
    if revealed {
      try turn.encode(to: encoder)
      return
    }
    var c = encoder.container(keyedBy: Keys.self)
    try c.encode(turn.turn, forKey: .turn)
    try c.encode(turn.input, forKey: .input)
    try c.encode(turn.reply, forKey: .reply)
    try c.encode(turn.persona, forKey: .persona)
    try c.encode(turn.ends, forKey: .ends)
    try c.encode(turn.crisis, forKey: .crisis)
    try c.encode(turn.notice, forKey: .notice)
  }
}
