import TetherEngine

/// Seeded mutations of a scenario file, as a hand-editing author (or a damaged disk) makes
/// them: bytes changed, lines lost or doubled, indentation off, deep nesting, huge scalars,
/// anchors and aliases, tags, a second document. The same seed gives the same file.
public enum ScenarioMutator {
  /// The kinds of mutation, in the order they are drawn.
  public enum Kind: String, CaseIterable, Sendable {
    case bytes, insertBytes, deleteBytes, deleteLine, duplicateLine, swapLines, indentation, truncate
    case deepNesting, deepBlocks, hugeScalar, anchorAlias, aliasAsKey, billionLaughs, unknownAlias, mergeKey
    case tag, secondDocument, controlCharacters, duplicateKey, emptyValue
  }

  /// `text` mutated once by `kind` (random when nil).
  public static func mutate(_ text: String, _ random: inout SplitMix64, kind: Kind? = nil) -> (Kind, String) {
    let kind = kind ?? Kind.allCases[Int(random.next() % UInt64(Kind.allCases.count))]
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var bytes = Array(text.utf8)
    func pick(_ n: Int) -> Int { n <= 0 ? 0 : Int(random.next() % UInt64(n)) }
    let at = pick(lines.count)
    let indent = String(lines[at].prefix { $0 == " " })
    switch kind {
    case .bytes:
      for _ in 0..<(1 + pick(8)) where !bytes.isEmpty { bytes[pick(bytes.count)] = UInt8(truncatingIfNeeded: random.next()) }
      return (kind, String(decoding: bytes, as: UTF8.self))
    case .insertBytes:
      let chunk = (0..<(1 + pick(16))).map { _ in UInt8(truncatingIfNeeded: random.next()) }
      bytes.insert(contentsOf: chunk, at: pick(bytes.count + 1))
      return (kind, String(decoding: bytes, as: UTF8.self))
    case .deleteBytes:
      if !bytes.isEmpty {
        let from = pick(bytes.count)
        bytes.removeSubrange(from..<min(bytes.count, from + 1 + pick(32)))
      }
      return (kind, String(decoding: bytes, as: UTF8.self))
    case .truncate:
      return (kind, String(decoding: bytes.prefix(pick(bytes.count + 1)), as: UTF8.self))
    case .deleteLine:
      lines.remove(at: at)
    case .duplicateLine:
      lines.insert(lines[at], at: at)
    case .swapLines:
      lines.swapAt(at, pick(lines.count))
    case .indentation:
      let line = lines[at]
      switch random.next() % 4 {
      case 0: lines[at] = String(repeating: " ", count: 1 + pick(4)) + line
      case 1: lines[at] = String(line.drop { $0 == " " }.isEmpty ? line : String(line.dropFirst(min(indent.count, 1 + pick(4)))))
      case 2: lines[at] = "\t" + line.drop { $0 == " " }
      default: lines[at] = String(repeating: " ", count: pick(80)) + line.drop { $0 == " " }
      }
    case .deepNesting:
      let depth = 10 + pick(3_000)
      let open = random.next() % 2 == 0 ? "[" : "{a: "
      let close = open == "[" ? "]" : "}"
      let balanced = random.next() % 2 == 0
      lines.insert(
        indent + "deep: " + String(repeating: open, count: depth) + "x" + (balanced ? String(repeating: close, count: depth) : ""),
        at: at)
    case .deepBlocks:
      var block: [String] = []
      for d in 0..<(10 + pick(400)) { block.append(indent + String(repeating: "  ", count: d) + "k\(d):") }
      block.append(indent + String(repeating: "  ", count: block.count) + "- end")
      lines.insert(contentsOf: block, at: at)
    case .hugeScalar:
      let size = 1_000 + pick(1_000_000)
      let body = String(repeating: random.next() % 2 == 0 ? "a" : "word ", count: size / 5 + 1)
      switch random.next() % 3 {
      case 0: lines.insert(indent + "huge: " + body, at: at)
      case 1: lines.insert(indent + "huge: \"" + body + "\"", at: at)
      default:
        // The value of an existing key, replaced.
        if let colon = lines[at].firstIndex(of: ":") {
          lines[at] = String(lines[at][...colon]) + " " + body
        } else {
          lines.insert(indent + "- " + body, at: at)
        }
      }
    case .anchorAlias:
      if let colon = lines[at].firstIndex(of: ":") {
        lines[at] = String(lines[at][...colon]) + " &a" + lines[at][lines[at].index(after: colon)...]
      }
      let other = pick(lines.count)
      if let colon = lines[other].firstIndex(of: ":") {
        lines[other] = String(lines[other][...colon]) + " *a"
      } else {
        lines.insert(indent + "alias: *a", at: other)
      }
    case .aliasAsKey:
      lines.insert(contentsOf: [indent + "anchored: &k [x, y]", indent + "? *k", indent + ": value"], at: at)
    case .billionLaughs:
      lines.insert(contentsOf: billionLaughs(indent: indent, asKey: random.next() % 2 == 0), at: at)
    case .unknownAlias:
      lines.insert(indent + "ghost: *nowhere", at: at)
    case .mergeKey:
      lines.insert(contentsOf: [indent + "base: &b {x: 1}", indent + "merged:", indent + "  <<: *b"], at: at)
    case .tag:
      let tags = ["!!str", "!!binary", "!!int", "!custom", "!<tag:x>", "!!map", "!!python/object"]
      if let colon = lines[at].firstIndex(of: ":") {
        lines[at] = String(lines[at][...colon]) + " " + tags[pick(tags.count)] + lines[at][lines[at].index(after: colon)...]
      }
    case .secondDocument:
      lines.insert(contentsOf: ["---", "scenario: {id: second, title: Second}"], at: at)
    case .controlCharacters:
      let controls = ["\u{0}", "\u{1B}[31m", "\u{FEFF}", "\u{85}", "\u{2028}", "\r", "\u{7}", "\u{202E}"]
      var line = Array(lines[at].unicodeScalars)
      let c = controls[pick(controls.count)]
      line.insert(contentsOf: c.unicodeScalars, at: pick(line.count + 1))
      lines[at] = String(String.UnicodeScalarView(line))
    case .duplicateKey:
      if lines[at].contains(":") { lines.insert(lines[at], at: at + 1) }
    case .emptyValue:
      if let colon = lines[at].firstIndex(of: ":") { lines[at] = String(lines[at][...colon]) }
    }
    return (kind, lines.joined(separator: "\n"))
  }

  /// The "billion laughs": nine levels of ten aliases each, about 10^9 nodes if expanded.
  public static func billionLaughs(indent: String = "", asKey: Bool = false) -> [String] {
    var out = [indent + "lol0: &a0 [lol]"]
    for k in 1...9 {
      let refs = Array(repeating: "*a\(k - 1)", count: 10).joined(separator: ", ")
      out.append(indent + "lol\(k): &a\(k) [\(refs)]")
    }
    out.append(asKey ? indent + "boom: {? *a9 : 1}" : indent + "boom: *a9")
    return out
  }
}
