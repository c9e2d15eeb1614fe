import Foundation

/// Text for the terminal, in styled spans, rendered with or without colour.
public struct Screen: Sendable, Equatable {
  /// What a span is, which decides its colour.
  public enum Style: Sendable, Equatable {
    case plain, you, speaker, reply, notice, noticeTitle, annotation, label, good, bad, system, warning, title
  }

  public struct Span: Sendable, Equatable {
    public var style: Style
    public var text: String
  }

  /// One line on screen.
  public typealias Line = [Span]

  public var lines: [Line] = []

  public init() {}

  /// Adds a line of spans.
  public mutating func add(_ spans: Span...) { lines.append(spans) }

  /// Adds a line of one span.
  public mutating func add(_ style: Style, _ text: String) { lines.append([Span(style: style, text: text)]) }

  /// Adds text wrapped to `width`, every line after a styled prefix (`first` on the first line).
  public mutating func wrapped(
    _ text: String, style: Style, width: Int, first: Span, rest: Span? = nil
  ) {
    let rest = rest ?? Span(style: first.style, text: String(repeating: " ", count: TextWrap.width(first.text)))
    // Paragraphs first (a folded YAML text ends in a newline), then each made terminal-safe.
    let clean = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n", omittingEmptySubsequences: false)
      .map { SafeText.terminal(String($0)) }.joined(separator: "\n")
    let pieces = TextWrap.lines(clean, width: width, first: TextWrap.width(first.text), rest: TextWrap.width(rest.text))
    for (i, piece) in pieces.enumerated() {
      lines.append([i == 0 ? first : rest, Span(style: style, text: piece)])
    }
  }

  public mutating func append(_ other: Screen) { lines += other.lines }

  /// The screen as text; with `color`, ANSI colours (bold, dim, …) mark each style.
  public func render(color: Bool) -> String {
    lines.map { line in
      line.map { span in
        guard color, let code = Self.code(span.style), !span.text.isEmpty else { return span.text }
        return "\u{1B}[\(code)m\(span.text)\u{1B}[0m"
      }.joined()
    }.joined(separator: "\n")
  }

  /// The plain text, no colour.
  public var text: String { render(color: false) }

  static func code(_ style: Style) -> String? {
    switch style {
    case .plain, .reply: return nil
    case .you: return "2"
    case .speaker: return "1;36"
    case .notice: return "33"
    case .noticeTitle: return "1;33"
    case .annotation: return "2"
    case .label: return "35"
    case .good: return "32"
    case .bad: return "31"
    case .system: return "2"
    case .warning: return "1;33"
    case .title: return "1"
    }
  }
}

extension Screen.Span {
  public init(_ style: Screen.Style, _ text: String) { self.init(style: style, text: text) }
}

extension Screen {
  /// A screen of one line in one style.
  public static func line(_ style: Style, _ text: String) -> Screen {
    var s = Screen()
    s.add(style, text)
    return s
  }
}
