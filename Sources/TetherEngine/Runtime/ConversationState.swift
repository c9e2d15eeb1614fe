/// Everything a conversation remembers between turns.
public struct ConversationState: Sendable, Equatable {
  /// Meter values, by name.
  public var meters: [String: Int] = [:]
  public var variables: [String: String] = [:]
  public var phase = "default"
  /// User lines so far.
  public var lines = 0
  /// Records so far (lines, nudges), for numbering.
  public var records = 0
  public var lastRule: String?
  /// ELIZA-style memory: remembered replies, oldest first.
  public var memory: [String] = []
  public var ended = false
  /// True when the user's last line showed a crisis signal (an `after_crisis` signal then counts).
  public var lastLineCrisis = false
  var cycles: [Int: Int] = [:]
  var lastPick: [Int: Int] = [:]
  var memoryCycles: [Int: Int] = [:]
  var random: SplitMix64

  init(seed: UInt64) {
    random = SplitMix64(seed: seed)
  }
}
