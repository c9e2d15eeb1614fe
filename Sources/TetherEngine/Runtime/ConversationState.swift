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
  var cycles: [Int: Int] = [:]
  var lastPick: [Int: Int] = [:]
  var memoryCycles: [Int: Int] = [:]
  var random: SplitMix64

  init(seed: UInt64) {
    random = SplitMix64(seed: seed)
  }
}
