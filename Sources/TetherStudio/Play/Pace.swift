/// How long a companion "types" before its reply appears, as companion apps stage it.
public enum Pace: String, Sendable, CaseIterable {
  case off, natural

  /// Seconds of typing indicator before a reply of `characters` characters: a short beat plus
  /// time that grows with the reply's length, capped so nobody waits long.
  public func delay(characters: Int) -> Double {
    switch self {
    case .off: return 0
    case .natural: return min(0.5 + Double(characters) * 0.03, 3.0)
    }
  }
}
