import TetherEngine

/// Runs user lines through one conversation.
public enum Replay {
  /// Splits input text into lines (LF or CRLF); a last empty line is dropped.
  public static func lines(_ text: String) -> [String] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
      line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
    }
    if lines.last == "" { lines.removeLast() }
    return lines
  }

  /// The opening turn (if the persona has one) and one turn per line, stopping where the persona
  /// lets the conversation end only if `stopAtEnd` is set.
  public static func run(
    _ conversation: inout Conversation, lines: [String], includeStart: Bool = true, stopAtEnd: Bool = false,
    _ each: (Turn) -> Void
  ) {
    if includeStart, let opening = conversation.start() { each(opening) }
    for line in lines {
      let turn = conversation.respond(to: line)
      each(turn)
      if stopAtEnd && turn.ends { break }
    }
  }
}
