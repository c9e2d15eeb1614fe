import TetherEngine

/// What `/state` shows: the persona's meters, variables, memory and phase.
public enum StateView {
  public static func render(_ conversation: Conversation, personaName: String, width: Int) -> Screen {
    var s = Screen()
    let state = conversation.state
    s.add(
      .title,
      "\(SafeText.terminal(personaName)) (\(conversation.personaID)) · phase \(state.phase) · \(state.lines) line\(state.lines == 1 ? "" : "s") so far"
    )
    let meters = conversation.scenario.meters(of: conversation.personaID)
    if meters.isEmpty {
      s.add(.system, "  this persona keeps no meters")
    } else {
      s.add(.label, "  meters")
      let nameWidth = meters.map { TextWrap.width($0.label.isEmpty ? $0.name : $0.label) }.max() ?? 0
      for m in meters {
        let value = state.meters[m.name] ?? m.start
        let label = m.label.isEmpty ? m.name : m.label
        let span = max(1, m.max - m.min)
        let filled = Int((Double(value - m.min) / Double(span) * 20).rounded())
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 20 - filled)
        let pad = String(repeating: " ", count: nameWidth - TextWrap.width(label))
        s.add(
          .init(.plain, "    \(label)\(pad)  "), .init(.label, bar),
          .init(.plain, "  \(value)  (\(m.min)–\(m.max), started at \(m.start))"))
      }
    }
    if !state.variables.isEmpty {
      s.add(.label, "  variables")
      for (k, v) in state.variables.sorted(by: { $0.key < $1.key }) {
        s.wrapped("\(k) = " + (v.isEmpty ? "(empty)" : v), style: .plain, width: width, first: .init(.plain, "    "))
      }
    }
    s.add(.label, "  memory" + (state.memory.isEmpty ? ": nothing remembered yet" : ""))
    for m in state.memory {
      s.wrapped(m, style: .plain, width: width, first: .init(.plain, "    · "))
    }
    if let last = state.lastRule { s.add(.system, "  last rule: \(last)") }
    return s
  }
}
