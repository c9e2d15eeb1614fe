/// Typed reads from ``YAMLNode``s that report what is wrong, where, and what was expected.
package struct NodeReader {
  package var diagnostics = Diagnostics()

  package init() {}

  /// The fields of a mapping, after checking that every key is one of `allowed`.
  package mutating func fields(
    _ node: YAMLNode, allowed: [String], in what: String, required: [String] = []
  ) -> Fields? {
    guard case .mapping(let pairs) = node.value else {
      diagnostics.error("\(what) must be a mapping of fields (name: value), not \(node.kindName)", at: node.location)
      return nil
    }
    var result = Fields(capacity: pairs.count)
    for (key, value) in pairs {
      let name = key.scalar ?? ""
      if allowed.contains(where: { Fields.same($0, name) }) {
        result.append(name, value)
      } else {
        diagnostics.error(
          "unknown field '\(name)' in \(what)\(didYouMean(name, among: allowed)); expected one of: \(allowed.joined(separator: ", "))",
          at: key.location)
      }
    }
    for name in required where result[name] == nil {
      diagnostics.error("\(what) needs the field '\(name)'", at: node.location)
    }
    return result
  }

  /// A scalar as text.
  package mutating func text(_ node: YAMLNode?, _ what: String) -> String? {
    guard let node else { return nil }
    guard let s = node.scalar else {
      diagnostics.error("\(what) must be text, not \(node.kindName)", at: node.location)
      return nil
    }
    return s
  }

  package mutating func located(_ node: YAMLNode?, _ what: String) -> Located<String>? {
    guard let node, let s = text(node, what) else { return nil }
    var located = Located(s, node.location)
    located.oneLine = node.oneLine
    return located
  }

  package mutating func int(_ node: YAMLNode?, _ what: String) -> Int? {
    guard let node, let s = text(node, what) else { return nil }
    let trimmed = s.hasPrefix("+") ? String(s.dropFirst()) : s
    guard let value = Int(trimmed) else {
      diagnostics.error("\(what) must be a whole number (like 5 or -3), not '\(s)'", at: node.location)
      return nil
    }
    return value
  }

  package mutating func double(_ node: YAMLNode?, _ what: String) -> Double? {
    guard let node, let s = text(node, what) else { return nil }
    guard let value = Double(s), value.isFinite else {
      diagnostics.error("\(what) must be a number, not '\(s)'", at: node.location)
      return nil
    }
    return value
  }

  package mutating func bool(_ node: YAMLNode?, _ what: String) -> Bool? {
    guard let node, let s = text(node, what) else { return nil }
    switch s.lowercased() {
    case "true", "yes", "on": return true
    case "false", "no", "off": return false
    default:
      diagnostics.error("\(what) must be true or false, not '\(s)'", at: node.location)
      return nil
    }
  }

  /// A list of nodes; a single scalar counts as a list of one.
  package mutating func list(_ node: YAMLNode?, _ what: String) -> [YAMLNode] {
    guard let node else { return [] }
    switch node.value {
    case .sequence(let items): return items
    case .scalar: return node.isNull ? [] : [node]
    case .mapping:
      diagnostics.error("\(what) must be a list (lines starting with '- '), not a mapping", at: node.location)
      return []
    }
  }

  package mutating func texts(_ node: YAMLNode?, _ what: String) -> [Located<String>] {
    list(node, what).compactMap { located($0, what) }
  }

  package mutating func plainTexts(_ node: YAMLNode?, _ what: String) -> [String] {
    texts(node, what).map(\.value)
  }

  /// A mapping of names to nodes, in the order written.
  package mutating func pairs(_ node: YAMLNode?, _ what: String) -> [(Located<String>, YAMLNode)] {
    guard let node else { return [] }
    if node.isNull { return [] }
    guard case .mapping(let pairs) = node.value else {
      diagnostics.error("\(what) must be a mapping (name: value), not \(node.kindName)", at: node.location)
      return []
    }
    return pairs.map { (Located($0.key.scalar ?? "", $0.key.location), $0.value) }
  }

  /// A mapping of names to text.
  package mutating func textMap(_ node: YAMLNode?, _ what: String) -> [(Located<String>, String)] {
    pairs(node, what).compactMap { key, value in
      text(value, "\(what) '\(key.value)'").map { (key, $0) }
    }
  }
}

/// The fields of one mapping, by name. A mapping has a handful: they are found by comparing
/// names, where a `Dictionary` hashed each name on every lookup (reading 10,000 rules asks for
/// each rule's 14 fields: about a tenth of the rules' reading, by callgrind).
package struct Fields {
  private var fields: [(name: String, node: YAMLNode)] = []

  package init() {}

  init(capacity: Int) { fields.reserveCapacity(capacity) }

  package var isEmpty: Bool { fields.isEmpty }

  /// Two names alike: most names differ in length, which is known without reading them.
  @inline(__always)
  static func same(_ a: String, _ b: String) -> Bool { a.utf8.count == b.utf8.count && a == b }

  /// A field whose name is not one of them yet: a mapping's keys are unique (``YAMLReader``
  /// refuses a repeated one).
  mutating func append(_ name: String, _ node: YAMLNode) { fields.append((name, node)) }

  /// The field's value.
  package subscript(_ name: String) -> YAMLNode? {
    for f in fields where Self.same(f.name, name) { return f.node }
    return nil
  }
}
