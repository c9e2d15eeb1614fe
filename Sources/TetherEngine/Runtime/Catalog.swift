/// A technique of the taxonomy, as annotations and `explain` show it.
public struct Technique: Sendable, Equatable, Codable {
  public var id: String
  public var name: String
  public var family: String
  public var dynamic: String
  public var what: String
  public var why: String
  public var notice: String
  public var healthy: String
  public var sources: [String]
  public var analogy: Bool
}

/// A psychological dynamic a technique leans on.
public struct Dynamic: Sendable, Equatable, Codable {
  public var id: String
  public var name: String
  public var description: String
}

/// A user-side signal, as `list` and `explain` show it.
public struct SignalInfo: Sendable, Equatable, Codable {
  public var id: String
  public var name: String
  public var kind: String
  public var description: String
  public var notice: String
  public var source: String
}
