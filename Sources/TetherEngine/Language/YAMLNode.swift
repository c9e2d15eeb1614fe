/// A YAML node with the place it was written: the tree the scenario decoder walks.
package struct YAMLNode: Sendable {
  package enum Value: Sendable {
    /// A scalar; `plain` is false for quoted and block scalars (so `"yes"` stays text).
    case scalar(String, plain: Bool)
    case sequence([YAMLNode])
    /// Key–value pairs in the order written.
    case mapping([(key: YAMLNode, value: YAMLNode)])
  }

  package var value: Value
  package var location: SourceLocation
  /// False for a scalar written over several lines (folded, or a block scalar): a place inside
  /// its text cannot be found by counting columns from its start.
  package var oneLine = true

  package init(_ value: Value, at location: SourceLocation) {
    self.value = value
    self.location = location
  }

  /// The scalar's text, if this is a scalar.
  package var scalar: String? {
    if case .scalar(let s, _) = value { return s }
    return nil
  }

  /// True for a plain `~`, `null` or empty scalar.
  package var isNull: Bool {
    if case .scalar(let s, let plain) = value, plain { return s.isEmpty || s == "~" || s == "null" || s == "Null" || s == "NULL" }
    return false
  }

  /// What kind of node this is, for messages: "a list", "a mapping", "text".
  package var kindName: String {
    switch value {
    case .scalar: return "a single value"
    case .sequence: return "a list"
    case .mapping: return "a mapping"
    }
  }
}
