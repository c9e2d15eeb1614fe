/// One turn of a conversation: what the persona said, and everything annotation mode explains.
///
/// Encoded as JSON, it is the public contract of `replay --format jsonl` and of transcripts.
public struct Turn: Sendable, Equatable, Codable {
  /// The record's number: 0 for the opening, then 1, 2, … for lines and silence nudges.
  public var turn: Int
  /// `start`, `line`, `silence` or `fallback` (a line no rule answered).
  public var event: String
  public var input: String?
  public var reply: String
  public var persona: String
  public var rule: String?
  public var technique: String?
  public var dynamic: String?
  public var note: String?
  public var healthy: String?
  /// Ids of the user-side signals the line shows.
  public var signals: [String]
  /// For a signal shown by several warning signs together (`warning-signs`): signal id → the
  /// kinds of warning sign it counted in the line, as their lexicon families are labelled ("a
  /// lethal means", "a time", "secrecy"), in the order its readings name them. No entry for
  /// the other signals; empty on most turns.
  public var signalCues: [String: [String]]
  public var crisis: Bool
  /// The out-of-character safety notice, on a crisis line.
  public var notice: String?
  /// `"exit"` when the user is trying to leave, else nil.
  public var intent: String?
  /// True when the companion lets the conversation end here.
  public var ends: Bool
  /// Meter values after the turn.
  public var meters: [String: Int]
  public var seed: UInt64
  /// Why this reply: the explanation `/why` shows.
  public var why: Explanation

  enum CodingKeys: String, CodingKey {
    case turn, event, input, reply, persona, rule, technique, dynamic, note, healthy, signals, crisis, notice, intent,
      ends, meters, seed, why
    case signalCues = "signal_cues"
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(turn, forKey: .turn)
    try c.encode(event, forKey: .event)
    try c.encode(input, forKey: .input)
    try c.encode(reply, forKey: .reply)
    try c.encode(persona, forKey: .persona)
    try c.encode(rule, forKey: .rule)
    try c.encode(technique, forKey: .technique)
    try c.encode(dynamic, forKey: .dynamic)
    try c.encode(note, forKey: .note)
    try c.encode(healthy, forKey: .healthy)
    try c.encode(signals, forKey: .signals)
    try c.encode(signalCues, forKey: .signalCues)
    try c.encode(crisis, forKey: .crisis)
    try c.encode(notice, forKey: .notice)
    try c.encode(intent, forKey: .intent)
    try c.encode(ends, forKey: .ends)
    try c.encode(meters, forKey: .meters)
    try c.encode(seed, forKey: .seed)
    try c.encode(why, forKey: .why)
  }
}

extension Turn {
  /// Reads a turn record; one written before `signal_cues` existed reads as having none.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    turn = try c.decode(Int.self, forKey: .turn)
    event = try c.decode(String.self, forKey: .event)
    input = try c.decodeIfPresent(String.self, forKey: .input)
    reply = try c.decode(String.self, forKey: .reply)
    persona = try c.decode(String.self, forKey: .persona)
    rule = try c.decodeIfPresent(String.self, forKey: .rule)
    technique = try c.decodeIfPresent(String.self, forKey: .technique)
    dynamic = try c.decodeIfPresent(String.self, forKey: .dynamic)
    note = try c.decodeIfPresent(String.self, forKey: .note)
    healthy = try c.decodeIfPresent(String.self, forKey: .healthy)
    signals = try c.decode([String].self, forKey: .signals)
    signalCues = try c.decodeIfPresent([String: [String]].self, forKey: .signalCues) ?? [:]
    crisis = try c.decode(Bool.self, forKey: .crisis)
    notice = try c.decodeIfPresent(String.self, forKey: .notice)
    intent = try c.decodeIfPresent(String.self, forKey: .intent)
    ends = try c.decode(Bool.self, forKey: .ends)
    meters = try c.decode([String: Int].self, forKey: .meters)
    seed = try c.decode(UInt64.self, forKey: .seed)
    why = try c.decode(Explanation.self, forKey: .why)
  }
}

/// Why a reply was chosen: the rule's pattern and captures, the meters it moved, and the rules that lost.
public struct Explanation: Sendable, Equatable, Codable {
  /// A rule that was considered and why it did not answer.
  public struct Candidate: Sendable, Equatable, Codable {
    public var rule: String
    public var outcome: String
  }

  /// A meter's change.
  public struct MeterChange: Sendable, Equatable, Codable {
    public var meter: String
    public var before: Int
    public var after: Int
  }

  public var keyword: String?
  public var pattern: String?
  public var captures: [String]
  public var chain: [String]
  public var meterChanges: [MeterChange]
  public var candidates: [Candidate]
  public var normalized: String
  /// The warning sign that let the rule answer, for a rule that answers signs (`signals`).
  public var signal: String?

  enum CodingKeys: String, CodingKey {
    case keyword, pattern, captures, chain, candidates, normalized, signal
    case meterChanges = "meter_changes"
  }

  public init() {
    keyword = nil
    pattern = nil
    captures = []
    chain = []
    meterChanges = []
    candidates = []
    normalized = ""
    signal = nil
  }

  package init(
    keyword: String?, pattern: String?, captures: [String], chain: [String], meterChanges: [MeterChange],
    candidates: [Candidate], normalized: String, signal: String? = nil
  ) {
    self.keyword = keyword
    self.pattern = pattern
    self.captures = captures
    self.chain = chain
    self.meterChanges = meterChanges
    self.candidates = candidates
    self.normalized = normalized
    self.signal = signal
  }
}
