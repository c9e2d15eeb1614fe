/// What may never reach a terminal, written out here on its own rather than taken from
/// `SafeText`, so the probes check the promise and not the code that keeps it.
public enum TerminalText {
  /// C0 controls, DEL, C1 controls (the 8-bit CSI and OSC among them) and the bidi controls
  /// that can make a line read differently from what it holds.
  public static func isControl(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x00...0x1F, 0x7F...0x9F: return true
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
    default: return false
    }
  }

  /// The first control character of a block of terminal text, newlines between its lines
  /// allowed; nil when the text is clean.
  public static func firstControl(in text: String) -> Unicode.Scalar? {
    text.unicodeScalars.first { $0 != "\n" && isControl($0) }
  }

  /// A short, printable picture of text for a failure message.
  public static func excerpt(_ text: String, limit: Int = 160) -> String {
    let cut = text.unicodeScalars.count > limit
    let head = String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit)))
    return head.debugDescription + (cut ? "… (\(text.utf8.count) bytes)" : "")
  }
}
