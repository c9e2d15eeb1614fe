/// A condition on conversation state: `attachment >= 40 and turn > 3`.
package indirect enum Condition: Sendable {
  case number(Double)
  case text(String)
  case name(String)
  case not(Condition)
  case binary(String, Condition, Condition)

  /// A value during evaluation.
  package enum Value: Sendable, Equatable {
    case number(Double)
    case text(String)

    var truthy: Bool {
      switch self {
      case .number(let n): return n != 0
      case .text(let s): return !s.isEmpty
      }
    }
  }

  /// Evaluates against names resolved by `lookup` (meters, variables, `turn`, `phase`).
  package func evaluate(_ lookup: (String) -> Value) -> Value {
    switch self {
    case .number(let n): return .number(n)
    case .text(let s): return .text(s)
    case .name(let n): return lookup(n)
    case .not(let c): return .number(c.evaluate(lookup).truthy ? 0 : 1)
    case .binary(let op, let l, let r):
      if op == "and" { return .number(l.evaluate(lookup).truthy && r.evaluate(lookup).truthy ? 1 : 0) }
      if op == "or" { return .number(l.evaluate(lookup).truthy || r.evaluate(lookup).truthy ? 1 : 0) }
      let a = l.evaluate(lookup), b = r.evaluate(lookup)
      switch op {
      case "==": return .number(a == b ? 1 : 0)
      case "!=": return .number(a != b ? 1 : 0)
      default: break
      }
      guard case .number(let x) = a, case .number(let y) = b else { return .number(0) }
      switch op {
      case "<": return .number(x < y ? 1 : 0)
      case "<=": return .number(x <= y ? 1 : 0)
      case ">": return .number(x > y ? 1 : 0)
      case ">=": return .number(x >= y ? 1 : 0)
      case "+": return .number(x + y)
      case "-": return .number(x - y)
      case "%": return .number(y == 0 ? 0 : x.truncatingRemainder(dividingBy: y))
      default: return .number(0)
      }
    }
  }

  package func holds(_ lookup: (String) -> Value) -> Bool { evaluate(lookup).truthy }

  /// Every name the condition reads.
  package var names: [String] {
    switch self {
    case .number, .text: return []
    case .name(let n): return [n]
    case .not(let c): return c.names
    case .binary(_, let l, let r): return l.names + r.names
    }
  }
}

/// Parses condition text.
package struct ConditionParser {
  package struct Failure: Error, Sendable {
    package var message: String
    package var offset: Int
  }

  enum Tok: Equatable {
    case number(Double), text(String), name(String), op(String), open, close
  }

  var toks: [(Tok, Int)] = []
  var i = 0

  package static func parse(_ source: String) throws(Failure) -> Condition {
    var p = ConditionParser()
    try p.lex(Array(source))
    if p.toks.isEmpty { throw Failure(message: "an empty condition", offset: 0) }
    let c = try p.or()
    if p.i < p.toks.count { throw Failure(message: "unexpected '\(p.describe(p.toks[p.i].0))'", offset: p.toks[p.i].1) }
    return c
  }

  func describe(_ t: Tok) -> String {
    switch t {
    case .number(let n): return String(n)
    case .text(let s): return "'\(s)'"
    case .name(let s), .op(let s): return s
    case .open: return "("
    case .close: return ")"
    }
  }

  mutating func lex(_ c: [Character]) throws(Failure) {
    var j = 0
    while j < c.count {
      let ch = c[j]
      if ch.isWhitespace {
        j += 1
      } else if ch.isNumber {
        var k = j
        while k < c.count, c[k].isNumber || c[k] == "." { k += 1 }
        guard let n = Double(String(c[j..<k])) else { throw Failure(message: "'\(String(c[j..<k]))' is not a number", offset: j) }
        toks.append((.number(n), j))
        j = k
      } else if ch == "'" || ch == "\"" {
        var k = j + 1
        while k < c.count, c[k] != ch { k += 1 }
        if k == c.count { throw Failure(message: "text starting with \(ch) is never closed", offset: j) }
        toks.append((.text(String(c[(j + 1)..<k])), j))
        j = k + 1
      } else if ch.isLetter || ch == "_" {
        var k = j
        while k < c.count, c[k].isLetter || c[k].isNumber || c[k] == "_" || c[k] == "-" || c[k] == "." { k += 1 }
        let word = String(c[j..<k])
        toks.append((["and", "or", "not"].contains(word) ? .op(word) : .name(word), j))
        j = k
      } else if ch == "(" {
        toks.append((.open, j))
        j += 1
      } else if ch == ")" {
        toks.append((.close, j))
        j += 1
      } else {
        let two = j + 1 < c.count ? String(c[j...(j + 1)]) : ""
        if ["==", "!=", "<=", ">="].contains(two) {
          toks.append((.op(two), j))
          j += 2
        } else if "<>+-%".contains(ch) {
          toks.append((.op(String(ch)), j))
          j += 1
        } else if ch == "=" {
          throw Failure(message: "'=' alone: write '==' to compare", offset: j)
        } else {
          throw Failure(message: "'\(ch)' is not part of a condition", offset: j)
        }
      }
    }
  }

  mutating func accept(_ ops: [String]) -> String? {
    if i < toks.count, case .op(let o) = toks[i].0, ops.contains(o) {
      i += 1
      return o
    }
    return nil
  }

  mutating func or() throws(Failure) -> Condition {
    var l = try and()
    while accept(["or"]) != nil { l = .binary("or", l, try and()) }
    return l
  }

  mutating func and() throws(Failure) -> Condition {
    var l = try not()
    while accept(["and"]) != nil { l = .binary("and", l, try not()) }
    return l
  }

  mutating func not() throws(Failure) -> Condition {
    if accept(["not"]) != nil { return .not(try not()) }
    return try comparison()
  }

  mutating func comparison() throws(Failure) -> Condition {
    let l = try sum()
    if let op = accept(["==", "!=", "<", "<=", ">", ">="]) { return .binary(op, l, try sum()) }
    return l
  }

  mutating func sum() throws(Failure) -> Condition {
    var l = try atom()
    while let op = accept(["+", "-", "%"]) { l = .binary(op, l, try atom()) }
    return l
  }

  mutating func atom() throws(Failure) -> Condition {
    guard i < toks.count else {
      throw Failure(message: "the condition ends too early", offset: toks.last.map { $0.1 + 1 } ?? 0)
    }
    let (t, at) = toks[i]
    i += 1
    switch t {
    case .number(let n): return .number(n)
    case .text(let s): return .text(s)
    case .name(let s):
      if s == "true" { return .number(1) }
      if s == "false" { return .number(0) }
      return .name(s)
    case .open:
      let c = try or()
      guard i < toks.count, toks[i].0 == .close else { throw Failure(message: "'(' is never closed", offset: at) }
      i += 1
      return c
    case .op("-"):
      return .binary("-", .number(0), try atom())
    default:
      throw Failure(message: "expected a name, a number or '(' but found '\(describe(t))'", offset: at)
    }
  }
}
