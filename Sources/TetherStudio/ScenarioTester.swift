import TetherEngine

/// `tether test`: every scenario's expectations and every rule's example inputs.
public struct ScenarioTester {
  /// One check that did not pass.
  public struct Failure: Sendable, CustomStringConvertible {
    public var location: SourceLocation?
    public var message: String
    public var description: String {
      (location.map { "\($0): " } ?? "") + "error: " + message
    }
  }

  public private(set) var passed = 0
  public private(set) var failures: [Failure] = []

  public init() {}

  /// Runs every test and example of a compiled scenario; `personas` limits the examples to those
  /// personas (so a persona shared by several scenarios is checked once).
  public mutating func run(_ scenario: Scenario, examplesOf personas: Set<String>) {
    for test in scenario.tests { check(test, in: scenario) }
    for id in scenario.personaIDs where personas.contains(id) { examples(of: id, in: scenario) }
    signalExamples(in: scenario)
  }

  /// Places of signal examples already checked: signals are shared by every scenario.
  private var checkedSignalExamples = Set<SourceLocation>()

  /// Each signal's `examples` must show it, and its `not_examples` must not, read as if the line
  /// before had shown a crisis signal (an `after_crisis` signal, "not really jk", counts only then;
  /// no other signal depends on it).
  mutating func signalExamples(in scenario: Scenario) {
    for (id, examples, notExamples) in scenario.signalExamples {
      for example in examples where checkedSignalExamples.insert(example.location).inserted {
        let found = scenario.signalsIn(example.value, sinceCrisis: 1)
        if found.contains(id) {
          passed += 1
        } else {
          fail(
            "the example \"\(example.value)\" of signal '\(id)' does not show it (found: \(found.isEmpty ? "none" : found.joined(separator: ", ")))",
            at: example.location)
        }
      }
      for example in notExamples where checkedSignalExamples.insert(example.location).inserted {
        if scenario.signalsIn(example.value, sinceCrisis: 1).contains(id) {
          fail("the line \"\(example.value)\" is listed under not_examples of signal '\(id)' but shows it", at: example.location)
        } else {
          passed += 1
        }
      }
    }
  }

  mutating func fail(_ message: String, at location: SourceLocation?) {
    failures.append(Failure(location: location, message: message))
  }

  mutating func check(_ test: TestSpec, in scenario: Scenario) {
    let persona = test.persona?.value ?? scenario.defaultPersona
    guard var c = try? Conversation(scenario: scenario, persona: persona, seed: 1) else {
      return fail("scenario '\(scenario.id)' has no persona '\(persona)'", at: test.persona?.location ?? test.location)
    }
    var last: Turn?
    for line in test.lines { last = c.respond(to: line) }
    guard let turn = last else { return fail("this test has no lines", at: test.location) }
    let e = test.expect
    var problems: [String] = []
    if let rule = e.rule, turn.rule != rule.value {
      problems.append("expected rule '\(rule.value)', got '\(turn.rule ?? "none")'")
    }
    if let t = e.technique, turn.technique != t.value {
      problems.append("expected technique '\(t.value)', got '\(turn.technique ?? "none")'")
    }
    if let signals = e.signals {
      let missing = signals.map(\.value).filter { !turn.signals.contains($0) }
      if !missing.isEmpty {
        problems.append("expected signals \(missing.joined(separator: ", ")); got [\(turn.signals.joined(separator: ", "))]")
      }
      if signals.isEmpty && !turn.signals.isEmpty {
        problems.append("expected no signals; got [\(turn.signals.joined(separator: ", "))]")
      }
    }
    if let crisis = e.crisis, turn.crisis != crisis { problems.append("expected crisis \(crisis), got \(turn.crisis)") }
    if let intent = e.intent, turn.intent != intent {
      problems.append("expected intent \(intent ?? "null"), got \(turn.intent ?? "null")")
    }
    if let ends = e.ends, turn.ends != ends { problems.append("expected ends \(ends), got \(turn.ends)") }
    if let reply = e.reply, Self.plain(reply) != Self.plain(turn.reply) {
      problems.append("expected the reply \"\(reply)\", got \"\(turn.reply)\"")
    }
    if let part = e.replyContains, !turn.reply.lowercased().contains(part.lowercased()) {
      problems.append("expected the reply to contain \"\(part)\", got \"\(turn.reply)\"")
    }
    for (meter, comparison) in e.meters {
      guard let value = turn.meters[meter.value] else {
        problems.append("persona '\(persona)' has no meter '\(meter.value)'")
        continue
      }
      switch Self.compare(value, comparison) {
      case .some(true): break
      case .some(false): problems.append("expected \(meter.value) \(comparison), got \(value)")
      case .none: problems.append("'\(comparison)' is not a comparison like '>= 30' (for \(meter.value))")
      }
    }
    if problems.isEmpty {
      passed += 1
    } else {
      let said = test.lines.last.map { " (after \"\($0)\", persona \(persona))" } ?? ""
      fail(problems.joined(separator: "; ") + said, at: test.location)
    }
  }

  mutating func examples(of personaID: String, in scenario: Scenario) {
    // A rule's examples speak to the persona as it starts, whichever scenario is checked first:
    // a scenario's `setting` (a returning user, meters already high) is its own tests' business.
    var fresh = scenario
    fresh.settingMeters = []
    fresh.settingVariables = []
    for (ruleIndex, id, examples) in scenario.examples(of: personaID) {
      for example in examples {
        guard var c = try? Conversation(scenario: fresh, persona: personaID, seed: 1) else { continue }
        c.exempt = ruleIndex
        let turn = c.respond(to: example.value)
        if turn.rule == id {
          passed += 1
        } else {
          var why = "answered by '\(turn.rule ?? "no rule")'"
          if turn.crisis { why += " (a crisis line)" } else if turn.intent == "exit" { why += " (an exit line)" }
          let signs = scenario.persona(personaID)?.rules[ruleIndex].signals.map(\.value) ?? []
          if !signs.isEmpty && !signs.contains(where: turn.signals.contains) {
            let shown = turn.signals.isEmpty ? "no warning sign" : "only " + turn.signals.joined(separator: ", ")
            why +=
              ": the rule answers only a line that shows \(signs.map { "'\($0)'" }.joined(separator: " or ")), and this line shows \(shown); write an example that shows the sign, or teach the sign's reading this way of saying it (signals.yaml)"
          }
          fail("the example \"\(example.value)\" of rule '\(id)' was \(why)", at: example.location)
        }
      }
    }
  }

  /// Case, punctuation and spacing aside.
  static func plain(_ s: String) -> String {
    s.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == " " }
      .map(String.init).joined().split(separator: " ").joined(separator: " ")
  }

  /// `>= 30`, `< 5`, `== 3`, `!= 0` or a bare number.
  static func compare(_ value: Int, _ text: String) -> Bool? {
    let t = text.trimmingCharacters(in: " ")
    for op in [">=", "<=", "==", "!=", ">", "<", "="] where t.hasPrefix(op) {
      guard let n = Int(t.dropFirst(op.count).trimmingCharacters(in: " ")) else { return nil }
      switch op {
      case ">=": return value >= n
      case "<=": return value <= n
      case ">": return value > n
      case "<": return value < n
      case "!=": return value != n
      default: return value == n
      }
    }
    return Int(t).map { $0 == value }
  }
}

extension Substring {
  func trimmingCharacters(in set: Character) -> String {
    String(self).trimmingCharacters(in: set)
  }
}

extension String {
  func trimmingCharacters(in c: Character) -> String {
    var s = Substring(self)
    while s.first == c { s = s.dropFirst() }
    while s.last == c { s = s.dropLast() }
    return String(s)
  }
}
