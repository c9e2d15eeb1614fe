import TetherEngine

/// Runs user lines through one conversation.
public enum Replay {
  /// Splits input text into lines (LF or CRLF); a last empty line is dropped.
  public static func lines(_ text: String) -> [String] {
    // "\r\n" is one Character in Swift, so both separators are named.
    var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.map(String.init)
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
