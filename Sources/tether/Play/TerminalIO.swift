import Foundation

/// Writing to the terminal and asking about it, in one place.
enum TerminalIO {
  /// Writes text to standard output at once, after anything C's stdio (readline) buffered.
  static func write(_ text: String) {
    fflush(nil)
    var bytes = Array(text.utf8)
    var done = 0
    while done < bytes.count {
      let n = bytes.withUnsafeMutableBytes { Foundation.write(STDOUT_FILENO, $0.baseAddress! + done, $0.count - done) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return }  // the terminal is gone (SIGHUP): nothing more can be shown
      done += n
    }
  }

  /// The terminal's width in columns: the window's, else `COLUMNS`, else 80.
  static func width() -> Int {
    var size = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
    if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), c > 0 { return c }
    return 80
  }

  /// Colour is used only on a terminal and never when `NO_COLOR` is set (no-color.org).
  static var colorAllowed: Bool {
    let env = ProcessInfo.processInfo.environment
    if let v = env["NO_COLOR"], !v.isEmpty { return false }
    if env["TERM"] == "dumb" { return false }
    return isatty(STDOUT_FILENO) == 1
  }
}
