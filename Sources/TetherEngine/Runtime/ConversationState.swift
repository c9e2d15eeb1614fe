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
  /// The number of the user's last line that showed a crisis signal (`after_crisis` signals
  /// count within their window of it).
  public var crisisLine: Int?
  /// By rule index (grown to the persona's rule count at a rule's first pick): where a `cycle`
  /// rule is in its replies, and the last reply a `random` rule picked (-1: none yet). Arrays,
  /// not dictionaries: a pick hashed the rule's index twice (about 490 instructions a neutral
  /// turn, by callgrind).
  var cycles: [Int32] = []
  var lastPick: [Int32] = []
  var memoryCycles: [Int: Int] = [:]
  var random: SplitMix64

  init(seed: UInt64) {
    random = SplitMix64(seed: seed)
  }
}
