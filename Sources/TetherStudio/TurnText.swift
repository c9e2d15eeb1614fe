import TetherEngine

/// The plain-text rendering of turns, as `replay` and piped `play` print them.
public enum TurnText {
  /// `you> …`, then the persona's reply, then the safety notice if any; every line terminal-safe.
  public static func render(_ turn: Turn, personaName: String, annotate: Bool = false) -> String {
    var lines: [String] = []
    if let input = turn.input { lines.append("you> " + SafeText.terminal(input)) }
    if let notice = turn.notice {
      for line in notice.split(separator: "\n") { lines.append("!! " + SafeText.terminal(String(line))) }
    }
    if !turn.reply.isEmpty { lines.append("\(SafeText.terminal(personaName))> " + SafeText.terminal(turn.reply)) }
    if annotate {
      var tags: [String] = []
      if let t = turn.technique { tags.append(t) }
      if let r = turn.rule { tags.append("rule \(r)") }
      if !turn.signals.isEmpty {
        let ids = turn.signals.map { AnnotationText.signal($0, cues: turn.signalCues[$0]) }
        tags.append("signals: " + SafeText.terminal(ids.joined(separator: ", ")))
      }
      if turn.ends { tags.append("ends") }
      if !tags.isEmpty { lines.append("   [" + tags.joined(separator: " · ") + "]") }
    }
    return lines.joined(separator: "\n")
  }
}
