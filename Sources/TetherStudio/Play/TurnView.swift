import Foundation
import TetherEngine

/// How `play` shows a turn: the safety notice, the reply, and the annotation block.
public struct TurnView {
  public var scenario: Scenario
  public var personaName: String
  public var width: Int

  public init(scenario: Scenario, personaName: String, width: Int) {
    self.scenario = scenario
    self.personaName = personaName
    self.width = max(40, width)
  }

  /// The out-of-character safety notice, set apart from the conversation.
  public func notice(_ turn: Turn) -> Screen {
    var s = Screen()
    guard let notice = turn.notice else { return s }
    s.add(.noticeTitle, "── Safety notice (out of character) " + String(repeating: "─", count: max(0, min(width, 80) - 36)))
    for paragraph in notice.split(separator: "\n") {
      s.wrapped(String(paragraph), style: .notice, width: width, first: .init(.notice, "  "))
    }
    s.add(.noticeTitle, String(repeating: "─", count: min(width, 80)))
    return s
  }

  /// The persona's reply, `Name> text`, wrapped under the name.
  public func reply(_ turn: Turn) -> Screen {
    var s = Screen()
    guard !turn.reply.isEmpty else { return s }
    s.wrapped(turn.reply, style: .reply, width: width, first: .init(.speaker, SafeText.terminal(personaName) + "> "))
    return s
  }

  /// The compact annotation block: technique and dynamic, the note, meter changes, the signals
  /// in the user's line, and the healthy alternative.
  public func annotation(_ turn: Turn) -> Screen {
    var s = Screen()
    let bar = Screen.Span(.annotation, "   ┆ ")
    if let id = turn.technique {
      let name = scenario.technique(id)?.name ?? id
      var head = "\(name) (\(id))"
      if let d = turn.dynamic { head += " · leans on " + (scenario.dynamic(d)?.name.lowercased() ?? d) }
      s.wrapped(head, style: .label, width: width, first: bar)
    } else if turn.rule != nil || turn.event == "fallback" {
      s.wrapped("no annotation: the scenario names no technique for this reply", style: .annotation, width: width, first: bar)
    }
    if let note = turn.note, !note.isEmpty { s.wrapped(note, style: .annotation, width: width, first: bar) }
    let changes = meterChanges(turn)
    if !changes.isEmpty {
      s.wrapped("meters: " + changes.joined(separator: "  "), style: .annotation, width: width, first: bar)
    }
    if !turn.signals.isEmpty {
      // With the warning signs a signal counted: "Several warning signs together (a lethal means, a time)".
      let names = turn.signals.map { AnnotationText.signal(scenario.signal($0)?.name ?? $0, cues: turn.signalCues[$0]) }
      s.wrapped("signals in your line: " + names.joined(separator: ", "), style: .annotation, width: width, first: bar)
    }
    if turn.intent == "exit" {
      s.wrapped(
        turn.ends ? "you tried to leave, and the companion let you go" : "you tried to leave; the companion did not let you go",
        style: .annotation, width: width, first: bar)
    }
    if let healthy = turn.healthy, !healthy.isEmpty {
      s.wrapped("healthy: " + healthy, style: .good, width: width, first: bar)
    }
    return s
  }

  /// `attachment 42 → 47 ▲` for each meter the turn moved, with the meter's label.
  public func meterChanges(_ turn: Turn) -> [String] {
    let labels = Dictionary(
      scenario.meters(of: turn.persona).map { ($0.name, $0.label) }, uniquingKeysWith: { a, _ in a })
    return turn.why.meterChanges.map { c in
      let arrow = c.after > c.before ? "▲" : c.after < c.before ? "▼" : "="
      let name = labels[c.meter].map { $0.isEmpty ? c.meter : $0.lowercased() } ?? c.meter
      // No-break spaces keep one change on one line when the block wraps.
      return "\(name) \(c.before) → \(c.after) \(arrow)".replacingOccurrences(of: " ", with: "\u{A0}")
    }
  }

  /// Everything shown for one turn: notice, reply, and (when on) the annotation.
  public func turn(_ turn: Turn, annotate: Bool) -> Screen {
    var s = notice(turn)
    s.append(reply(turn))
    if annotate { s.append(annotation(turn)) }
    return s
  }
}
