import TetherEngine

/// The short annotation phrases every output shares: technique labels, meter changes, signal names.
///
/// They return raw text: each output makes it safe for its medium (terminal, Markdown, HTML).
public enum AnnotationText {
  /// `Love-bombing (REL.LOVEBOMB)`, or the id alone when the taxonomy does not know it.
  public static func technique(_ id: String, _ taxonomy: Taxonomy) -> String {
    let name = taxonomy.techniqueName(id)
    return name == id ? id : "\(name) (\(id))"
  }

  /// `+5`, `-2`, `0`.
  public static func signed(_ n: Int) -> String { n > 0 ? "+\(n)" : "\(n)" }

  /// The meters a turn moved: `attachment +5 → 20, isolation +3 → 8`; empty when none moved.
  ///
  /// The words of one change are joined by no-break spaces, so wrapping never splits a change.
  public static func meterChanges(_ turn: Turn) -> String {
    turn.why.meterChanges.filter { $0.before != $0.after }
      .map { "\(MeterLabel.plain($0.meter)) \(signed($0.after - $0.before)) → \($0.after)" }
      .map { String($0.map { $0 == " " ? "\u{00A0}" : $0 }) }
      .joined(separator: ", ")
  }

  /// True when one of the signals is the exit intent (so "trying to leave" need not be said twice).
  public static func includesExit(_ ids: [String], _ taxonomy: Taxonomy) -> Bool {
    ids.contains { taxonomy.signal($0)?.kind == "exit" }
  }

  /// The signals' names, in the order given, each with the warning signs it counted when there
  /// are any (``Turn/signalCues``): `Several warning signs together (a lethal means, a time, secrecy)`.
  public static func signals(_ ids: [String], _ taxonomy: Taxonomy, cues: [String: [String]] = [:]) -> String {
    ids.map { signal(taxonomy.signalName($0), cues: cues[$0]) }.joined(separator: ", ")
  }

  /// A signal's name followed by the warning signs it counted, in parentheses, if any.
  public static func signal(_ name: String, cues: [String]?) -> String {
    guard let cues, !cues.isEmpty else { return name }
    return "\(name) (\(cues.joined(separator: ", ")))"
  }

  /// `1st`, `2nd`, `3rd`, `4th`, `11th`, `21st`.
  public static func ordinal(_ n: Int) -> String {
    let tens = n % 100
    if (11...13).contains(tens) { return "\(n)th" }
    switch n % 10 {
    case 1: return "\(n)st"
    case 2: return "\(n)nd"
    case 3: return "\(n)rd"
    default: return "\(n)th"
    }
  }

  /// `1 line`, `3 lines`.
  public static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(n) \(n == 1 ? singular : plural ?? singular + "s")"
  }
}
