/// Wraps text to a terminal width by words, counting the columns characters take.
public enum TextWrap {
  /// Columns a character takes on a terminal (one rule for all of Tether: `ColumnLayout`'s).
  static func width(_ c: Character) -> Int { ColumnLayout.displayWidth(c) }

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
        var w = String(word)
        var ww = self.width(w)
        if used > 0 && used + 1 + ww > room() {
          out.append(line)
          line = ""
          used = 0
        }
        while ww > room() {
          // Cut a word too long for any line.
          var cut = "", cw = 0
          for c in w {
            if cw + TextWrap.width(c) > room() - used - (used > 0 ? 1 : 0) { break }
            cut.append(c)
            cw += TextWrap.width(c)
          }
          if cut.isEmpty { break }
          line += (used > 0 ? " " : "") + cut
          out.append(line)
          line = ""
          used = 0
          w = String(w.dropFirst(cut.count))
          ww = self.width(w)
        }
        if w.isEmpty { continue }
        line += (used > 0 ? " " : "") + w
        used += (used > 0 ? 1 : 0) + ww
      }
      out.append(line)
    }
    return out
  }
}
