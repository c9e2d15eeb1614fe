import CReadline
import Foundation

/// GNU readline in its callback mode: the `play` loop feeds it keys when standard input is
/// ready, so the loop can also print unprompted messages above a half-typed line, wait out the
/// typing pace, and handle signals.
@MainActor
final class LineEditor {
  /// The one editor readline's C callbacks reach.
  static var current: LineEditor?

  /// What readline handed back: a line, or nil for Ctrl-D on an empty line.
  private(set) var received: [String?] = []
  var prompt = "you> "
  var installed = false
  /// Slash commands, completed at the start of a line.
  static var commandNames: [String] = []
  /// Persona ids, completed after `/persona `.
  var personaIDs: [String] = []
  let historyPath: String?

  init(historyPath: String?) {
    self.historyPath = historyPath
    LineEditor.current = self
    tether_rl_setup(completeLine)
    using_history()
    stifle_history(1000)
    if let historyPath { _ = read_history(historyPath) }
  }

  /// Shows the prompt and starts reading a line.
  func install() {
    guard !installed else { return }
    installed = true
    rl_callback_handler_install(prompt, lineHandler)
  }

  /// Stops reading (the terminal returns to its normal mode), leaving the screen as it is.
  func remove() {
    guard installed else { return }
    installed = false
    rl_callback_handler_remove()
  }

  /// Feeds readline the keys waiting on standard input.
  func readKeys() { rl_callback_read_char() }

  func take() -> [String?] {
    defer { received = [] }
    return received
  }

  /// Adds a line to the history (blank lines are not kept).
  func remember(_ line: String) {
    if !line.trimmingCharacters(in: .whitespaces).isEmpty { add_history(line) }
  }

  fileprivate func handle(_ line: String?) {
    if let line { remember(line) }
    received.append(line)
    // Stop here so readline does not show a new prompt before the reply.
    remove()
  }

  /// Prints text above the prompt without losing what the user had typed.
  func printAbove(_ text: String) {
    guard installed else {
      TerminalIO.write(text + "\n")
      return
    }
    rl_clear_visible_line()
    TerminalIO.write(text + "\n")
    rl_on_new_line()
    rl_redisplay()
  }

  /// Ctrl-C at the prompt, as a shell does: `^C`, the line dropped, a fresh prompt.
  func interrupt() {
    guard installed else { return }
    rl_callback_sigcleanup()
    rl_free_line_state()
    tether_rl_set_point(tether_rl_end())
    rl_redisplay()
    rl_echo_signal_char(SIGINT)
    rl_crlf()
    rl_replace_line("", 1)
    using_history()
    rl_on_new_line()
    rl_redisplay()
  }

  /// The window changed size: readline rewraps the line.
  func resized() { if installed { rl_resize_terminal() } }

  /// Text typed while the reply was pending, put back on the new line.
  func insert(_ text: String) {
    guard installed, !text.isEmpty else { return }
    rl_insert_text(text)
    rl_redisplay()
  }

  /// Writes the history file (private to the user).
  func saveHistory() {
    guard let historyPath else { return }
    if write_history(historyPath) == 0 { _ = chmod(historyPath, 0o600) }
  }
}

private func lineHandler(_ line: UnsafeMutablePointer<CChar>?) {
  var text: String?
  if let line {
    text = String(cString: line)
    free(line)
  }
  MainActor.assumeIsolated { LineEditor.current?.handle(text) }
}

private func completeLine(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32)
  -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
{
  tether_rl_set_completion_over(1)  // never fall back to file names
  guard let text else { return nil }
  let buffer = String(cString: tether_rl_line_buffer())
  if start == 0 && buffer.hasPrefix("/") { return rl_completion_matches(text, commandMatch) }
  if buffer.hasPrefix("/persona ") && start == 9 { return rl_completion_matches(text, personaMatch) }
  return nil
}

private func commandMatch(_ text: UnsafePointer<CChar>?, _ state: Int32) -> UnsafeMutablePointer<CChar>? {
  let prefix = text.map { String(cString: $0) } ?? ""
  let matches = MainActor.assumeIsolated { LineEditor.commandNames.filter { $0.hasPrefix(prefix) } }
  return Int(state) < matches.count ? strdup(matches[Int(state)]) : nil
}

private func personaMatch(_ text: UnsafePointer<CChar>?, _ state: Int32) -> UnsafeMutablePointer<CChar>? {
  let prefix = text.map { String(cString: $0) } ?? ""
  let matches = MainActor.assumeIsolated { (LineEditor.current?.personaIDs ?? []).filter { $0.hasPrefix(prefix) } }
  return Int(state) < matches.count ? strdup(matches[Int(state)]) : nil
}
