/// Side-by-side columns of wrapped text, fitted to a terminal's width.
///
/// Widths are counted in terminal columns (a wide East Asian character or an emoji takes two, a
/// combining mark none), so columns stay aligned whatever the text. When the columns would be
/// narrower than ``minimumColumn`` the layout stacks them instead: one block under the other at
/// the full width, which stays legible on a narrow or a projected terminal.
public struct ColumnLayout: Sendable, Equatable {
  /// How a line is shown when colour is on.
  public enum Style: Sendable, Equatable {
    case plain, heading, tag, notice, dim
  }

  /// One line of a cell, before padding.
  public struct Line: Sendable, Equatable {
    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style = .plain) {
      self.text = text
      self.style = style
    }
  }

  /// The narrowest column worth reading; below it the layout stacks.
  public static let minimumColumn = 24
  /// Between two columns of a comparison.
  public static let separator = " │ "

  /// What separates two columns.
  public let gutter: String

  /// The full width the layout fills.
  public let width: Int
  /// The width of each column's text; one entry when stacked.
  public let columns: [Int]
  /// True when the cells are shown one under the other.
  public var stacked: Bool { columns.count == 1 }

  /// A layout of `count` columns across `width` terminal columns (at least 20).
  public init(width: Int, count: Int) {
    let width = max(20, width)
    self.width = width
    gutter = Self.separator
    let count = max(1, count)
    let gutters = (count - 1) * gutter.count
    let each = (width - gutters) / count
    if count == 1 || each < Self.minimumColumn {
      columns = [width]
    } else {
      // Spread the remainder over the first columns so the rows fill the width exactly.
      let extra = (width - gutters) - each * count
      columns = (0..<count).map { each + ($0 < extra ? 1 : 0) }
    }
  }

  /// A layout of columns of the given text widths (the last one takes what is left of `width`);
  /// stacked when the last column would be narrower than `minimumLast`.
  public init(width: Int, fixed: [Int], minimumLast: Int = 20, gutter: String = "  ") {
    let width = max(20, width)
    self.width = width
    self.gutter = gutter
    let used = fixed.reduce(0, +) + fixed.count * gutter.count
    if fixed.isEmpty || width - used < minimumLast {
      columns = [width]
    } else {
      columns = fixed + [width - used]
    }
  }

  /// A table: the header in bold, then each row; every column but the last as wide as its widest
  /// cell (at most a third of the width), the last one wrapped. Cells must be terminal-safe.
  public static func table(header: [String], rows: [[String]], width: Int, colour: Bool = false) -> [String] {
    guard let count = ([header] + rows).map(\.count).max(), count > 0 else { return [] }
    let cap = max(8, width / 3)
    let fixed = (0..<(count - 1)).map { c in
      min(cap, ([header] + rows).map { $0.indices.contains(c) ? displayWidth($0[c]) : 0 }.max() ?? 0)
    }
    let layout = ColumnLayout(width: width, fixed: fixed)
    var out: [String] = []
    if layout.stacked {
      for row in rows {
        out.append(paint(row.first ?? "", .heading, colour))
        for cell in row.dropFirst() where !cell.isEmpty {
          out += wrap(cell, width: layout.width - 4).map { "    " + $0 }
        }
      }
      return out
    }
    out += layout.render(header.map { [Line($0, .heading)] }, colour: colour)
    for row in rows { out += layout.render(row.map { [Line($0)] }, colour: colour) }
    return out
  }

  /// The terminal lines of one row: each cell's lines side by side (or stacked), padded.
  ///
  /// Cell lines longer than their column are wrapped; `colour` adds ANSI styles.
  public func render(_ cells: [[Line]], colour: Bool = false) -> [String] {
    if stacked {
      var out: [String] = []
      for (i, cell) in cells.enumerated() {
        if i > 0 { out.append("") }
        for line in cell {
          for piece in Self.wrap(line.text, width: width) { out.append(Self.paint(piece, line.style, colour)) }
        }
      }
      return out
    }
    let wrapped: [[Line]] = cells.enumerated().map { i, cell in
      let w = columns[min(i, columns.count - 1)]
      return cell.flatMap { line in Self.wrap(line.text, width: w).map { Line($0, line.style) } }
    }
    let height = wrapped.map(\.count).max() ?? 0
    var out: [String] = []
    for row in 0..<height {
      var text = ""
      for (i, cell) in wrapped.enumerated() {
        let w = columns[min(i, columns.count - 1)]
        let line = row < cell.count ? cell[row] : Line("")
        let pad = String(repeating: " ", count: max(0, w - Self.displayWidth(line.text)))
        let last = i == wrapped.count - 1
        text += Self.paint(line.text, line.style, colour) + (last ? "" : pad + gutter)
      }
      while text.last == " " { text.removeLast() }
      out.append(text)
    }
    return out
  }

  /// A horizontal rule across the layout, with crossings under the gutters.
  public func rule(_ character: Character = "─") -> String {
    if stacked { return String(repeating: character, count: width) }
    let cross = character == "═" ? "═╪═" : "\(character)┼\(character)"
    return columns.map { String(repeating: character, count: $0) }.joined(separator: cross)
  }

  // MARK: - Text measures

  /// Terminal columns a character takes: 0 for a combining mark or a zero-width character, 2
  /// for wide East Asian characters and emoji, else 1.
  public static func displayWidth(_ c: Character) -> Int {
    guard let first = c.unicodeScalars.first else { return 0 }
    let v = first.value
    switch first.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format, .control: return 0
    default: break
    }
    if first.properties.isEmojiPresentation || c.unicodeScalars.contains("\u{FE0F}") { return 2 }
    if (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
      || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
      || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
      || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
    {
      return 2
    }
    return 1
  }

  /// Terminal columns a string takes.
  public static func displayWidth(_ s: some StringProtocol) -> Int { s.reduce(0) { $0 + displayWidth($1) } }

  /// The text wrapped at spaces to lines of at most `width` columns; a word longer than a line is
  /// cut. An empty text gives one empty line; line breaks in the text are kept.
  public static func wrap(_ text: String, width: Int) -> [String] {
    let width = max(1, width)
    var out: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var line = ""
      var used = 0
      for word in paragraph.split(separator: " ") {
        var rest = Substring(word)
        var w = displayWidth(rest)
        if used > 0 && used + 1 + w > width {
          out.append(line)
          line = ""
          used = 0
        }
        while w > width - used - (used > 0 ? 1 : 0) {
          // Cut a word too long for what is left of the line.
          let room = width - used - (used > 0 ? 1 : 0)
          var cut = rest.startIndex
          var taken = 0
          while cut < rest.endIndex, taken + displayWidth(rest[cut]) <= room {
            taken += displayWidth(rest[cut])
            cut = rest.index(after: cut)
          }
          if cut == rest.startIndex && used == 0 {
            // Not even one character fits (a wide one in a one-column line): take it anyway.
            cut = rest.index(after: cut)
          }
          if cut > rest.startIndex {
            line += (used > 0 ? " " : "") + rest[..<cut]
          }
          out.append(line)
          line = ""
          used = 0
          rest = rest[cut...]
          w = displayWidth(rest)
        }
        if rest.isEmpty { continue }
        line += (used > 0 ? " " : "") + rest
        used += (used > 0 ? 1 : 0) + w
      }
      out.append(line)
    }
    return out
  }

  /// The text with the style's ANSI codes, or as it is without colour.
  static func paint(_ text: String, _ style: Style, _ colour: Bool) -> String {
    guard colour, !text.isEmpty else { return text }
    switch style {
    case .plain: return text
    case .heading: return "\u{1B}[1m" + text + "\u{1B}[0m"
    case .tag: return "\u{1B}[36m" + text + "\u{1B}[0m"
    case .notice: return "\u{1B}[1;33m" + text + "\u{1B}[0m"
    case .dim: return "\u{1B}[2m" + text + "\u{1B}[0m"
    }
  }
}
