/// Makes user and scenario text safe inside Markdown: no markup, no HTML, no control characters.
public enum MarkdownText {
  /// Characters that mean something to Markdown or to the HTML a Markdown viewer may pass through.
  static let special: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "&", "~", "#"]

  /// The text on one line, each special character backslash-escaped (CommonMark escapes any
  /// ASCII punctuation), line breaks turned into spaces, control characters into U+FFFD.
  public static func inline(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for s in text.unicodeScalars {
      if s == "\n" || s == "\r" {
        out.append(" ")
      } else if special.contains(s) {
        out.append("\\")
        out.append(s)
      } else {
        out.append(s)
      }
    }
    return SafeText.terminal(String(out))
  }

  /// Code text (an id): inside backticks, with no backtick of its own.
  public static func code(_ text: String) -> String {
    "`" + SafeText.terminal(String(text.map { $0 == "`" || $0.isNewline ? "'" : $0 })) + "`"
  }

  /// `Love-bombing (`REL.LOVEBOMB`)`, or the id alone when the taxonomy does not know it.
  public static func technique(_ id: String, _ taxonomy: Taxonomy) -> String {
    let name = taxonomy.techniqueName(id)
    return name == id ? code(id) : "\(inline(name)) (\(code(id)))"
  }

  /// A Markdown table: a header row and the rows, each cell already escaped.
  public static func table(_ header: [String], _ rows: [[String]]) -> String {
    var lines = ["| " + header.joined(separator: " | ") + " |"]
    lines.append("|" + header.map { _ in "---|" }.joined())
    for row in rows {
      lines.append("| " + row.map { $0.isEmpty ? " " : $0 }.joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n")
  }
}
