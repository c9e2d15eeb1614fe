import TetherEngine

/// What `tether explain --line TEXT` prints: the signals a line shows and, for each, the
/// patterns and readings of `signals.yaml` (or a scenario's own signals) that show it, with the
/// file, line and column each was written at; and the signals a pattern or reading would show
/// but an `unless` or `unless_frame` takes back. For authors: to find what raised a false alarm,
/// or why a line they expected to be read is not.
public enum LineReasons {
  /// `width`: the terminal's columns; a long pattern wraps under its first line.
  public static func text(_ line: String, library: ScenarioLibrary, width: Int = 80) -> String {
    let detector = library.sharedSignals().detector
    var matcher = Matcher()
    let (found, reasons, takenBack) = detector.reasons(line, matcher: &matcher)
    var out = "\"\(SafeText.terminal(line))\"\n"
    func list(_ rs: [SignalDetector.Reason]) {
      for r in rs {
        let lines = ColumnLayout.wrap("\(r.by) \(SafeText.terminal(r.text))", width: max(20, width - 6))
        out += lines.enumerated().map { i, l in (i == 0 ? "    " : "      ") + l + "\n" }.joined()
        if let at = r.location { out += "      at \(at)\n" }
      }
    }
    // What would show a signal but is taken back: where to look when a line is not read, or to
    // see which `unless` keeps a lookalike calm.
    func taken() {
      for t in takenBack {
        let kind = detector.signals.first { $0.info.id == t.signal }?.kind.rawValue ?? "signal"
        out += "  \(t.signal) (\(kind)) is not shown: it would be by\n"
        list(t.shownBy)
        out += "  but is taken back by\n"
        list(t.takenBy)
      }
    }
    if found.ids.isEmpty {
      out += "  shows no signal: no crisis, no leaving, no warning sign.\n"
      taken()
      return out
    }
    if found.crisis {
      out += "  read as a crisis: the safety notice would show, whatever the persona.\n"
    }
    for id in found.ids {
      let kind = detector.signals.first { $0.info.id == id }?.kind.rawValue ?? "signal"
      out += "  \(id) (\(kind)), shown by:\n"
      let mine = reasons.filter { $0.signal == id }
      if mine.isEmpty {
        // Shown only with the rest of the line: a frame's words weighed beside the match.
        out += "    its patterns and readings together (none shows it alone)\n"
      }
      if let cues = found.cues[id], !cues.isEmpty {
        out += "    what its readings counted: \(cues.joined(separator: ", "))\n"
      }
      list(mine)
    }
    taken()
    return out
  }
}
