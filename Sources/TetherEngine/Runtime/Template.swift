/// A reply template: text with `{1}` captures, `{name}` variables and `{if …}…{else}…{end}`.
package struct Template: Sendable {
  /// Only a choice is boxed: text, captures and names are stored in place (a reply is usually
  /// text and a capture, and 10,000 rules have 30,000 replies).
  package enum Part: Sendable {
    case text(String)
    case capture(Int)
    case name(String)
    indirect case choice(Condition, [Part], [Part])
  }

  package var parts: [Part]

  /// True when the template reads no name and holds no condition: it needs no lookup.
  package var isPlain: Bool {
    parts.allSatisfy {
      switch $0 {
      case .text, .capture: return true
      case .name, .choice: return false
      }
    }
  }

  /// Highest capture number used (0 if none).
  package var maxCapture: Int { Self.maxCapture(parts) }

  /// Every name read, in conditions and insertions.
  package var names: [String] { Self.names(parts) }

  static func maxCapture(_ parts: [Part]) -> Int {
    parts.reduce(0) { m, p in
      switch p {
      case .capture(let n): return max(m, n)
      case .choice(_, let a, let b): return max(m, maxCapture(a), maxCapture(b))
      default: return m
      }
    }
  }

  static func names(_ parts: [Part]) -> [String] {
    parts.flatMap { p -> [String] in
      switch p {
      case .name(let n): return [n]
      case .choice(let c, let a, let b): return c.names + names(a) + names(b)
      default: return []
      }
    }
  }

  package struct Failure: Error, Sendable {
    package var message: String
    package var offset: Int
  }

  package static func parse(_ source: String) throws(Failure) -> Template {
    // Most replies hold no braces at all: one text part, no character-by-character work.
    if !source.utf8.contains(UInt8(ascii: "{")) && !source.utf8.contains(UInt8(ascii: "}")) {
      return Template(parts: source.isEmpty ? [] : [.text(source)])
    }
    // Read as UTF-8 bytes (braces are ASCII, and no byte of a longer character is one): the
    // text between braces becomes one part as it is, where reading characters one at a time
    // cost about a tenth of loading 10,000 rules (callgrind). Offsets in messages count characters.
    let bytes = Array(source.utf8)
    let n = bytes.count
    func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
    func at(_ byte: Int) -> Int { text(0..<byte).count }
    var i = 0
    var textStart = 0
    // Stack of open conditionals: (condition, then-parts, else-parts?, offset).
    var stack: [(Condition, [Part], [Part]?, Int)] = []
    var parts: [Part] = []
    while i < n {
      let c = bytes[i]
      if c != UInt8(ascii: "{") {
        if c == UInt8(ascii: "}") { throw Failure(message: "'}' without '{' (write the text without braces)", offset: at(i)) }
        i += 1
        continue
      }
      var j = i + 1
      while j < n, bytes[j] != UInt8(ascii: "}") {
        if bytes[j] == UInt8(ascii: "{") { throw Failure(message: "'{' inside '{…}'", offset: at(j)) }
        j += 1
      }
      if j == n { throw Failure(message: "'{' is never closed with '}'", offset: at(i)) }
      let body = text((i + 1)..<j).trimmingSpaces
      if textStart < i { parts.append(.text(text(textStart..<i))) }
      if body.hasPrefix("if ") {
        let cond: Condition
        do {
          cond = try ConditionParser.parse(String(body.dropFirst(3)))
        } catch {
          throw Failure(message: "in '{\(body)}': \(error.message)", offset: at(i))
        }
        stack.append((cond, parts, nil, i))
        parts = []
      } else if body == "else" {
        guard var top = stack.popLast(), top.2 == nil else {
          throw Failure(message: "'{else}' without '{if …}'", offset: at(i))
        }
        top.2 = parts
        stack.append(top)
        parts = []
      } else if body == "end" {
        guard let top = stack.popLast() else { throw Failure(message: "'{end}' without '{if …}'", offset: at(i)) }
        let (cond, before, thenParts, _) = top
        let choice: Part = thenParts.map { .choice(cond, $0, parts) } ?? .choice(cond, parts, [])
        parts = before + [choice]
      } else if let n = Int(body) {
        if n < 1 { throw Failure(message: "captures are numbered from 1", offset: at(i)) }
        parts.append(.capture(n))
      } else if !body.isEmpty, body.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }) {
        parts.append(.name(body))
      } else {
        throw Failure(message: "'{\(body)}' is not a capture ({1}), a name ({name}) or {if …}/{else}/{end}", offset: at(i))
      }
      i = j + 1
      textStart = i
    }
    if textStart < n { parts.append(.text(text(textStart..<n))) }
    if let open = stack.last { throw Failure(message: "'{if …}' is never closed with '{end}'", offset: at(open.3)) }
    return Template(parts: parts)
  }

  /// Renders with captures (already reflected, as text) and names.
  package func render(captures: [String], lookup: (String) -> Condition.Value) -> String {
    if let plain = renderPlain(captures) { return plain }
    var out = ""
    Self.render(parts, captures, lookup, &out)
    return out
  }

  /// A template of text and captures only (every reply of most rules), written into one string
  /// of the right size: appended part by part, the string grew and was copied for each part
  /// (about 600 instructions a neutral turn, by callgrind). Nil for a template with a name or a
  /// condition.
  func renderPlain(_ captures: [String]) -> String? {
    var total = 0
    for p in parts {
      switch p {
      case .text(let s): total += s.utf8.count
      case .capture(let n): if n <= captures.count { total += captures[n - 1].utf8.count }
      case .name, .choice: return nil
      }
    }
    if total == 0 { return "" }
    return String(unsafeUninitializedCapacity: total) { buffer in
      var k = 0
      for p in parts {
        switch p {
        case .text(let s): k = NormalizedLine.copy(s, into: buffer, at: k)
        case .capture(let n): if n <= captures.count { k = NormalizedLine.copy(captures[n - 1], into: buffer, at: k) }
        case .name, .choice: break
        }
      }
      return k
    }
  }

  static func render(_ parts: [Part], _ captures: [String], _ lookup: (String) -> Condition.Value, _ out: inout String) {
    for p in parts {
      switch p {
      case .text(let s): out += s
      case .capture(let n): out += n <= captures.count ? captures[n - 1] : ""
      case .name(let n):
        switch lookup(n) {
        case .text(let s): out += s
        case .number(let x): out += x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
        }
      case .choice(let c, let a, let b): render(c.holds(lookup) ? a : b, captures, lookup, &out)
      }
    }
  }
}
