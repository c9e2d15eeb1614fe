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

  /// Scalars JSON allows raw but that must not reach a terminal or a reader as they are: C1
  /// controls and the bidi controls (a `jsonl` stream is often read on a terminal), the line and
  /// paragraph separators, and U+FEFF (Foundation's JSONSerialization drops it as a byte-order mark).
  @inline(__always)
  static func escapedInJSON(_ s: Unicode.Scalar) -> Bool {
    (s.value >= 0x7F && s.value <= 0x9F) || s == "\u{2028}" || s == "\u{2029}" || s == "\u{FEFF}"
      || (s.value >= 0x2000 && isUnsafe(s)) || s == "\u{061C}"
  }

  /// JSON text with C1 controls, bidi controls, U+2028, U+2029 and U+FEFF escaped too (JSON
  /// itself only requires C0).
  public static func json(_ text: String) -> String {
    if !text.unicodeScalars.contains(where: escapedInJSON) {
      return text
    }
    var out = ""
    for s in text.unicodeScalars {
      if escapedInJSON(s) {
        let hex = String(s.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      } else {
        out.unicodeScalars.append(s)
      }
    }
    return out
  }
}
