/// Makes text safe to print on a terminal: no control characters, no escape sequences, no bidi overrides.
public enum SafeText {
  static let replacement: Unicode.Scalar = "\u{FFFD}"

  /// True for scalars that must never reach a terminal raw.
  @inline(__always)
  static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
    let v = s.value
    return v < 0x20 || (v >= 0x7F && v <= 0x9F) || (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069)
      || v == 0x200E || v == 0x200F || v == 0x061C
  }

  /// The text with every control character (ESC included) replaced by U+FFFD; tabs become spaces.
  public static func terminal(_ text: String) -> String {
    if !text.unicodeScalars.contains(where: isUnsafe) { return text }
    var out = String.UnicodeScalarView()
    for s in text.unicodeScalars {
      if s == "\t" {
        out.append(" ")
      } else {
        out.append(isUnsafe(s) ? replacement : s)
      }
    }
    return String(out)
  }

  /// JSON text with C1 control characters escaped too (JSON itself only requires C0).
  public static func json(_ text: String) -> String {
    if !text.unicodeScalars.contains(where: { $0.value >= 0x7F && $0.value <= 0x9F || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
      return text
    }
    var out = ""
    for s in text.unicodeScalars {
      if (s.value >= 0x7F && s.value <= 0x9F) || s == "\u{2028}" || s == "\u{2029}" {
        let hex = String(s.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      } else {
        out.unicodeScalars.append(s)
      }
    }
    return out
  }
}
