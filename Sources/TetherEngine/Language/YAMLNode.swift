/// One file's YAML document, stored flat: a record per node, the children of every collection in
/// one list, and every scalar's text in one byte buffer. A 10,000-rule file is about 180,000
/// nodes; as separate Swift values with their own arrays and strings they took four times the
/// memory, and the tree is alive at the same time as the specs decoded from it.
package final class YAMLTree: Sendable {
  package enum Kind: UInt8, Sendable {
    case scalar, sequence, mapping
  }

  /// A node: its kind, its place, and either its text (`start`, `count` into `text`) or its
  /// children (`start`, `count` into `children`; a mapping's children are key, value, key, value…).
  package struct Record: Sendable {
    var kind: Kind
    var plain: Bool
    var oneLine: Bool
    var line: Int32
    var column: Int32
    var start: Int32
    var count: Int32
  }

  package let file: String
  let records: [Record]
  let children: [Int32]
  let text: [UInt8]

  init(file: String, records: [Record], children: [Int32], text: [UInt8]) {
    self.file = file
    self.records = records
    self.children = children
    self.text = text
  }
}

/// A YAML node with the place it was written: a view into a ``YAMLTree``, which the scenario
/// decoder walks.
package struct YAMLNode: Sendable {
  package enum Value: Sendable {
    /// A scalar; `plain` is false for quoted and block scalars (so `"yes"` stays text).
    case scalar(String, plain: Bool)
    case sequence([YAMLNode])
    /// Key–value pairs in the order written.
    case mapping([(key: YAMLNode, value: YAMLNode)])
  }

  let tree: YAMLTree
  let index: Int32

  init(_ tree: YAMLTree, _ index: Int32) {
    self.tree = tree
    self.index = index
  }

  private var record: YAMLTree.Record { tree.records[Int(index)] }

  /// The node's content, made on demand from the flat tree.
  package var value: Value {
    let r = record
    switch r.kind {
    case .scalar:
      return .scalar(text(r), plain: r.plain)
    case .sequence:
      return .sequence(tree.children[Int(r.start)..<Int(r.start + r.count)].map { YAMLNode(tree, $0) })
    case .mapping:
      let c = tree.children
      return .mapping(
        stride(from: Int(r.start), to: Int(r.start + r.count), by: 2).map {
          (key: YAMLNode(tree, c[$0]), value: YAMLNode(tree, c[$0 + 1]))
        })
    }
  }

  package var location: SourceLocation {
    let r = record
    return SourceLocation(file: tree.file, line: Int(r.line), column: Int(r.column))
  }

  /// False for a scalar written over several lines (folded, or a block scalar): a place inside
  /// its text cannot be found by counting columns from its start.
  package var oneLine: Bool { record.oneLine }

  /// The scalar's text, if this is a scalar.
  package var scalar: String? {
    let r = record
    return r.kind == .scalar ? text(r) : nil
  }

  /// True for a plain `~`, `null` or empty scalar.
  package var isNull: Bool {
    let r = record
    guard r.kind == .scalar, r.plain else { return false }
    let s = text(r)
    return s.isEmpty || s == "~" || s == "null" || s == "Null" || s == "NULL"
  }

  /// What kind of node this is, for messages: "a list", "a mapping", "text".
  package var kindName: String {
    switch record.kind {
    case .scalar: return "a single value"
    case .sequence: return "a list"
    case .mapping: return "a mapping"
    }
  }

  private func text(_ r: YAMLTree.Record) -> String {
    tree.text.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[Int(r.start)..<Int(r.start + r.count)]), as: UTF8.self)
    }
  }
}
