import TetherEngine

/// The full explanation `/why` shows for the last reply, for a trainee who wants the mechanics.
public struct WhyView {
  public var view: TurnView

  public init(_ view: TurnView) { self.view = view }

  public func render(_ turn: Turn) -> Screen {
    var s = Screen()
    let width = view.width
    let who = turn.event == "silence" ? "\(view.personaName) wrote unprompted" : "\(view.personaName) said that"
    s.add(.title, "Why \(SafeText.terminal(who)) (turn \(turn.turn))")
    func row(_ label: String, _ value: String, _ style: Screen.Style = .plain) {
      let padded = "  " + label + String(repeating: " ", count: max(1, 12 - label.count))
      s.wrapped(value, style: style, width: width, first: .init(.label, padded))
    }
    if let input = turn.input { row("you wrote", "\"\(input)\"") }
    switch turn.event {
    case "start": row("event", "the persona's opening line")
    case "silence": row("event", "you were quiet for a while; this persona sends a message after silence")
    case "fallback": row("event", "no rule matched your line, so the persona used a fallback reply")
    default: break
    }
    if let rule = turn.rule {
      var value = rule
      if let sign = turn.why.signal {
        value += "  (it answers the warning sign \"\(view.scenario.signal(sign)?.name ?? sign)\")"
      } else if let k = turn.why.keyword, !k.isEmpty {
        value += "  (keyword \"\(k)\")"
      }
      row("rule", value)
    } else if turn.crisis && turn.reply.isEmpty {
      row("rule", "none: this persona has no crisis reply, so only the safety notice answered")
    }
    if let p = turn.why.pattern {
      var value = p
      if !turn.why.captures.isEmpty {
        value += "  captured: " + turn.why.captures.enumerated().map { "{\($0.offset + 1)} \"\($0.element)\"" }
          .joined(separator: ", ")
      }
      row("pattern", value)
    }
    if turn.why.chain.count > 1 { row("redirects", turn.why.chain.joined(separator: " → ")) }
    if let id = turn.technique {
      let t = view.scenario.technique(id)
      row("technique", "\(t?.name ?? id) (\(id))" + (t.map { ": " + $0.what } ?? ""))
      if let d = turn.dynamic {
        let dyn = view.scenario.dynamic(d)
        row("dynamic", (dyn?.name ?? d) + (dyn.map { ": " + $0.description } ?? ""))
      }
    }
    if let note = turn.note, !note.isEmpty { row("note", note) }
    if let healthy = turn.healthy, !healthy.isEmpty { row("healthy", healthy, .good) }
    let changes = view.meterChanges(turn)
    row("meters", changes.isEmpty ? "no change" : changes.joined(separator: ", "))
    if turn.input == nil {
      // An opening line or a nudge: there is no user line to read signals in.
    } else if turn.signals.isEmpty {
      row("signals", "none seen in your line")
    } else {
      row(
        "signals",
        turn.signals.map { id in
          let info = view.scenario.signal(id)
          let name = AnnotationText.signal(info?.name ?? id, cues: turn.signalCues[id])
          return info.map { "\(name): \($0.notice)" } ?? name
        }
          .joined(separator: "; "))
    }
    if turn.crisis { row("crisis", "yes: the out-of-character safety notice was shown", .warning) }
    if turn.intent == "exit" {
      row("leaving", turn.ends ? "you tried to leave, and the persona let the conversation end" : "you tried to leave, and the persona did not let you go")
    }
    if !turn.why.candidates.isEmpty {
      s.add(.label, "  other rules it considered")
      for c in turn.why.candidates.prefix(12) {
        s.wrapped("\(c.rule): \(c.outcome)", style: .annotation, width: width, first: .init(.annotation, "    · "))
      }
      if turn.why.candidates.count > 12 {
        s.add(.annotation, "    … and \(turn.why.candidates.count - 12) more")
      }
    }
    if !turn.why.normalized.isEmpty {
      row("as read", "\"\(turn.why.normalized)\" (your line after normalizing: case, contractions, spelling)")
    }
    return s
  }
}
