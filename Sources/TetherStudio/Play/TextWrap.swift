/// Wraps text to a terminal width by words, counting the columns characters take.
public enum TextWrap {
  /// Columns a character takes on a terminal (one rule for all of Tether: `ColumnLayout`'s).
  static func width(_ c: Character) -> Int {
    // ASCII (most text) without the Unicode property lookups: the same answer, far sooner.
    if let a = c.asciiValue { return a < 0x20 || a == 0x7F ? 0 : 1 }
    return ColumnLayout.displayWidth(c)
  }

  /// Columns a string takes.
  public static func width(_ s: some StringProtocol) -> Int { s.reduce(0) { $0 + width($1) } }

  /// The lines of `text` wrapped to `width` columns; the first line after `first` columns of
  /// prefix, the rest after `rest`. Words longer than a line are cut.
  public static func lines(_ text: String, width: Int, first: Int = 0, rest: Int = 0) -> [String] {
    var out: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var line = ""
      var used = 0
      func room() -> Int { max(10, width - (out.isEmpty ? first : rest)) }
      for word in paragraph.split(separator: " ") {
        var remaining = word[...]
        var remainingWidth = self.width(word)
        if used > 0 && used + 1 + remainingWidth > room() {
          out.append(line)
          line = ""
          used = 0
        }
        while remainingWidth > room() {
          // Cut a word too long for any line, piece by piece, each character measured once
          // (a 1 MB word must not cost its length squared).
          let limit = room() - used - (used > 0 ? 1 : 0)
          var end = remaining.startIndex
          var cut = 0
          while end < remaining.endIndex {
            let cw = TextWrap.width(remaining[end])
            if cut + cw > limit { break }
            cut += cw
            end = remaining.index(after: end)
          }
          if end == remaining.startIndex { break }
          line += (used > 0 ? " " : "") + remaining[..<end]
          out.append(line)
          line = ""
          used = 0
          remaining = remaining[end...]
          remainingWidth -= cut
        }
        if remaining.isEmpty { continue }
        line += (used > 0 ? " " : "") + remaining
        used += (used > 0 ? 1 : 0) + remainingWidth
      }
      out.append(line)
    }
    return out
  }
}
