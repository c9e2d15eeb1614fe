import CLibYAML

/// Reads YAML text into a flat ``YAMLTree`` from libyaml's parse events.
///
/// Aliases are expanded as they are read, against a budget: a "billion laughs" file is refused
/// at the alias that would pass it, in time linear in the file's size.
package struct YAMLReader {
  /// The most nodes a document's aliases may add when expanded (the written nodes are not limited).
  package static let nodeBudget = 100_000

  /// A YAML syntax error or a refused document, with its place.
  package struct Failure: Error, Sendable {
    package var message: String
    package var location: SourceLocation
  }

  package let file: String

  package init(file: String) {
    self.file = file
  }

  /// Reads the first document of `text`; an empty document gives `nil`.
  package func read(_ text: String) throws(Failure) -> YAMLNode? {
    if text.utf8.isEmpty { return nil }
    // A native string's bytes are read in place (10,000 rules are about 2.6 MB of text that
    // was copied here); a bridged one is copied.
    if let tree = text.utf8.withContiguousStorageIfAvailable({ bytes in Result { () throws(Failure) in try read(bytes) } }) {
      return try tree.get()
    }
    return try Array(text.utf8).withUnsafeBufferPointer { (bytes) throws(Failure) in try read(bytes) }
  }

  /// Reads the first document of the text `buffer` (not empty).
  private func read(_ buffer: UnsafeBufferPointer<UInt8>) throws(Failure) -> YAMLNode? {
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else {
      throw Failure(message: "could not start the YAML reader", location: at(1, 1))
    }
    defer { yaml_parser_delete(&parser) }
    yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
    var builder = Builder(file: file)
    while true {
      var event = yaml_event_t()
      guard yaml_parser_parse(&parser, &event) == 1 else {
        let problem = parser.problem.map { String(cString: $0) } ?? "not valid YAML"
        let context = parser.context.map { String(cString: $0) }
        let mark = parser.problem_mark
        var message = "YAML syntax: \(problem)"
        if let context { message += " (\(context))" }
        let (line, column) = Self.inside(buffer, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
        throw Failure(message: message, location: at(line, column))
      }
      defer { yaml_event_delete(&event) }
      let done = try builder.consume(&event)
      if done { break }
    }
    return builder.tree()
  }

  /// A 1-based place put back inside the text: at the end of a file with no final line break,
  /// libyaml moves its mark to a line after the last one; that is the end of the last line.
  static func inside(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, column: Int) -> (Int, Int) {
    var breaks = 0
    var lastLineStart = 0
    var k = 0
    let n = bytes.count
    while k < n {
      let b = bytes[k]
      var width = 0  // bytes of a line break here
      if b == 0x0A {
        width = 1
      } else if b == 0x0D {
        width = k + 1 < n && bytes[k + 1] == 0x0A ? 2 : 1
      } else if b == 0xC2, k + 1 < n, bytes[k + 1] == 0x85 {
        width = 2
      } else if b == 0xE2, k + 2 < n, bytes[k + 1] == 0x80, bytes[k + 2] == 0xA8 || bytes[k + 2] == 0xA9 {
        width = 3
      }
      if width > 0 {
        breaks += 1
        k += width
        lastLineStart = k
      } else {
        k += 1
      }
    }
    guard line > breaks + 1 else { return (line, column) }
    var characters = 0
    for i in lastLineStart..<max(lastLineStart, n) where bytes[i] & 0xC0 != 0x80 { characters += 1 }
    return (breaks + 1, characters + 1)
  }

  private func at(_ line: Int, _ column: Int) -> SourceLocation {
    SourceLocation(file: file, line: line, column: column)
  }

  /// Builds the flat tree from events, one open collection at a time.
  private struct Builder {
    /// An open collection: its record (whose children are filled in at its end) and where its
    /// children start on the `pending` stack.
    struct Open {
      var record: Int32
      var firstPending: Int
      var isMapping: Bool
      var keys: Set<String> = []
      var anchor: String?
    }

    let file: String
    var records: [YAMLTree.Record] = []
    var children: [Int32] = []
    var text: [UInt8] = []
    /// The finished children of every open collection, innermost last.
    var pending: [Int32] = []
    var stack: [Open] = []
    var root: Int32?
    var anchors: [String: (node: Int32, size: Int)] = [:]
    var sizes: [Int] = []  // node counts of the open collections
    var aliasTotal = 0
    var documents = 0

    init(file: String) { self.file = file }

    func tree() -> YAMLNode? {
      guard let root else { return nil }
      return YAMLNode(YAMLTree(file: file, records: records, children: children, text: text), root)
    }

    func location(_ mark: yaml_mark_t) -> SourceLocation {
      SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    func location(_ r: YAMLTree.Record) -> SourceLocation {
      SourceLocation(file: file, line: Int(r.line), column: Int(r.column))
    }

    static func cString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
      guard let pointer else { return nil }
      return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
    }

    /// A new record at `place`; a file too big for 32-bit offsets is refused.
    mutating func record(_ kind: YAMLTree.Kind, at place: SourceLocation, plain: Bool = false, oneLine: Bool = true)
      throws(Failure) -> Int32
    {
      guard records.count < Int32.max, text.count < Int32.max, children.count < Int32.max else {
        throw Failure(message: "this file is too large to read as a scenario", location: place)
      }
      records.append(
        YAMLTree.Record(
          kind: kind, plain: plain, oneLine: oneLine, line: Int32(clamping: place.line),
          column: Int32(clamping: place.column), start: 0, count: 0))
      return Int32(records.count - 1)
    }

    /// Returns true when the first document is complete.
    mutating func consume(_ event: inout yaml_event_t) throws(Failure) -> Bool {
      let here = location(event.start_mark)
      switch event.type {
      case YAML_STREAM_END_EVENT:
        return true
      case YAML_DOCUMENT_START_EVENT:
        documents += 1
        if documents > 1 {
          throw Failure(message: "a scenario file holds one YAML document; remove the second '---'", location: here)
        }
      case YAML_SCALAR_EVENT:
        let s = event.data.scalar
        let tag = Self.cString(s.tag)
        if let tag, tag != "tag:yaml.org,2002:str", tag != "!" {
          throw Failure(message: "YAML tags (\(tag)) are not used in scenario files; remove it", location: here)
        }
        // A quoted scalar's text starts one column after its quote: offsets into it then line up.
        var start = here
        if s.style == YAML_SINGLE_QUOTED_SCALAR_STYLE || s.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE { start.column += 1 }
        let node = try record(
          .scalar, at: start, plain: s.style == YAML_PLAIN_SCALAR_STYLE && tag == nil,
          oneLine: event.end_mark.line == event.start_mark.line)
        records[Int(node)].start = Int32(text.count)
        records[Int(node)].count = Int32(clamping: Int(s.length))
        if let value = s.value { text.append(contentsOf: UnsafeBufferPointer(start: value, count: Int(s.length))) }
        try add(node, size: 1, anchor: Self.cString(s.anchor))
      case YAML_ALIAS_EVENT:
        let name = Self.cString(event.data.alias.anchor) ?? ""
        guard let anchored = anchors[name] else {
          throw Failure(message: "unknown YAML alias '*\(name)'", location: here)
        }
        aliasTotal += anchored.size
        if aliasTotal > YAMLReader.nodeBudget {
          throw Failure(
            message: "this file's aliases expand to more than \(YAMLReader.nodeBudget) YAML nodes; refused",
            location: here)
        }
        try add(anchored.node, size: anchored.size, anchor: nil)
      case YAML_SEQUENCE_START_EVENT:
        let node = try record(.sequence, at: here)
        sizes.append(1)
        stack.append(Open(record: node, firstPending: pending.count, isMapping: false, anchor: Self.cString(event.data.sequence_start.anchor)))
      case YAML_MAPPING_START_EVENT:
        let node = try record(.mapping, at: here)
        sizes.append(1)
        stack.append(Open(record: node, firstPending: pending.count, isMapping: true, anchor: Self.cString(event.data.mapping_start.anchor)))
      case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
        let size = sizes.removeLast()
        let open = stack.removeLast()
        let node = Int(open.record)
        records[node].start = Int32(children.count)
        records[node].count = Int32(pending.count - open.firstPending)
        children.append(contentsOf: pending[open.firstPending...])
        pending.removeSubrange(open.firstPending...)
        try add(open.record, size: size, anchor: open.anchor)
      default:
        break
      }
      return false
    }

    mutating func add(_ node: Int32, size: Int, anchor: String?) throws(Failure) {
      if let anchor { anchors[anchor] = (node, size) }
      guard !stack.isEmpty else {
        if root == nil { root = node }
        return
      }
      let top = stack.count - 1
      sizes[sizes.count - 1] += size
      if stack[top].isMapping, (pending.count - stack[top].firstPending) % 2 == 0 {
        let r = records[Int(node)]
        guard r.kind == .scalar else {
          let kind = r.kind == .mapping ? "a mapping" : "a list"
          throw Failure(message: "a mapping key must be a plain name, not \(kind)", location: location(r))
        }
        if repeatsKey(r, of: top) {
          let key = String(decoding: text[Int(r.start)..<Int(r.start + r.count)], as: UTF8.self)
          throw Failure(message: "duplicate key '\(key)' in this mapping", location: location(r))
        }
      }
      pending.append(node)
    }

    /// True when the key `r` is already a key of the open mapping `top`. Its first keys are
    /// compared as bytes with the new one (most mappings have a few, and a set of strings per
    /// mapping cost about a third of reading 10,000 rules into records, by callgrind); from the
    /// 17th key on, they are filed in a set, so that a mapping of many keys stays linear.
    mutating func repeatsKey(_ r: YAMLTree.Record, of top: Int) -> Bool {
      let first = stack[top].firstPending
      let count = (pending.count - first) / 2
      func bytes(_ r: YAMLTree.Record) -> ArraySlice<UInt8> { text[Int(r.start)..<Int(r.start + r.count)] }
      if count < Self.comparedKeys {
        let new = bytes(r)
        var k = first
        while k < pending.count {
          let o = records[Int(pending[k])]
          if o.count == r.count && bytes(o).elementsEqual(new) { return true }
          k += 2
        }
        return false
      }
      if count == Self.comparedKeys {
        var k = first
        while k < pending.count {
          stack[top].keys.insert(String(decoding: bytes(records[Int(pending[k])]), as: UTF8.self))
          k += 2
        }
      }
      return !stack[top].keys.insert(String(decoding: bytes(r), as: UTF8.self)).inserted
    }

    /// How many keys of a mapping are compared one by one before they go into a set.
    static let comparedKeys = 16
  }
}
