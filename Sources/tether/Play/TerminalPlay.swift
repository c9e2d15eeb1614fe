import Foundation
import TetherStudio

/// `play` on a terminal: readline for the user's lines, the typing pace, unprompted messages
/// after silence, Ctrl-C as in a shell, and a clean end on Ctrl-D, `/quit`, SIGTERM or SIGHUP.
@MainActor
final class TerminalPlay {
  let session: PlaySession
  let editor: LineEditor
  let pace: Pace
  let color: Bool
  /// Seconds of silence before a nudge (nil: none).
  let idle: Double?
  /// At most this many unprompted messages in a row while the user stays silent.
  static let nudgesPerSilence = 3

  private var lastActivity = Date()
  private var nudgesInSilence = 0
  private var finished = false
  private var exitStatus: Int32 = 0
  private var hintedCtrlC = false

  init(session: PlaySession, historyPath: String?, pace: Pace, idle: Double?) {
    self.session = session
    self.editor = LineEditor(historyPath: historyPath)
    self.pace = pace
    self.idle = idle
    self.color = TerminalIO.colorAllowed
    LineEditor.commandNames = SlashCommand.names
    editor.personaIDs = session.scenario.personaIDs
  }

  /// Runs until the conversation ends; returns the exit status.
  func run() -> Int32 {
    session.width = TerminalIO.width()
    start()
    var fds = [
      pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
      pollfd(fd: SignalPipe.fds.read, events: Int16(POLLIN), revents: 0),
    ]
    while !finished {
      let timeout = msUntilNudge()
      let r = poll(&fds, 2, timeout)
      if r < 0 {
        if errno == EINTR { continue }
        break
      }
      if r == 0 {
        nudge()
        continue
      }
      if fds[1].revents & Int16(POLLIN) != 0 { handleSignals() }
      if finished { break }
      if fds[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
        lastActivity = Date()
        nudgesInSilence = 0
        editor.readKeys()
        for line in editor.take() { handle(line) }
        if fds[0].revents & Int16(POLLHUP | POLLERR) != 0 && fds[0].revents & Int16(POLLIN) == 0 {
          // The terminal is gone.
          end("signal", quietly: true)
        }
      }
    }
    editor.remove()
    editor.saveHistory()
    return exitStatus
  }

  func msUntilNudge() -> Int32 {
    guard let idle, nudgesInSilence < Self.nudgesPerSilence else { return -1 }
    // Each further nudge waits longer, as companion apps space theirs.
    let wait = idle * Double(1 << nudgesInSilence)
    let left = wait - Date().timeIntervalSince(lastActivity)
    return Int32(max(0, min(left * 1000, Double(Int32.max / 2))).rounded(.up))
  }

  func nudge() {
    nudgesInSilence += 1
    lastActivity = Date()
    guard let response = session.silence() else {
      nudgesInSilence = Self.nudgesPerSilence  // this persona has nothing to say after silence
      return
    }
    editor.printAbove(response.screen.render(color: color))
  }

  func handle(_ line: String?) {
    guard let line else {
      // Ctrl-D on an empty line.
      TerminalIO.write("\n")
      end("eof")
      return
    }
    let response = session.input(line)
    show(response)
    if response.ended {
      finished = true
      editor.saveHistory()
      return
    }
    resumeTyping()
  }

  /// Text typed while a reply was pending (not yet sent), and a line sent with Enter meanwhile.
  private var typedDuringWait = ""
  private var sentDuringWait: String?

  /// Shows the prompt again, with what the user typed while the persona was "typing".
  func resumeTyping() {
    if let line = sentDuringWait {
      sentDuringWait = nil
      typedDuringWait = ""
      TerminalIO.write(editor.prompt + SafeText.terminal(line) + "\n")
      editor.remember(line)
      handle(line)
      return
    }
    editor.install()
    if !typedDuringWait.isEmpty {
      editor.insert(typedDuringWait)
      typedDuringWait = ""
    }
  }

  /// Shows a response: what comes at once, then the typing indicator, then the reply.
  func show(_ response: PlaySession.Response) {
    if !response.before.lines.isEmpty { TerminalIO.write(response.before.render(color: color) + "\n") }
    if !response.reply.lines.isEmpty {
      let delay = pace.delay(characters: response.replyLength)
      if delay > 0 { typing(for: delay) }
      TerminalIO.write(response.reply.render(color: color) + "\n")
    }
    if let summary = response.summary {
      TerminalIO.write(Screen.line(.system, summary).render(color: color) + "\n")
    }
  }

  /// Shows the opening, then the prompt.
  func start() {
    show(session.open())
    resumeTyping()
  }

  /// "Name is typing…" for `seconds`, or until the user presses Enter.
  func typing(for seconds: Double) {
    let indicator = Screen.line(.system, "\(session.personaName) is typing…").render(color: color)
    TerminalIO.write(indicator)
    let raw = RawInput()
    defer {
      raw.restore()
      TerminalIO.write("\r\u{1B}[K")
    }
    let deadline = Date().addingTimeInterval(seconds)
    var fds = [
      pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
      pollfd(fd: SignalPipe.fds.read, events: Int16(POLLIN), revents: 0),
    ]
    while !finished {
      let left = deadline.timeIntervalSinceNow
      if left <= 0 { return }
      let r = poll(&fds, 2, Int32((left * 1000).rounded(.up)))
      if r < 0 && errno == EINTR { continue }
      if r <= 0 { return }
      if fds[1].revents & Int16(POLLIN) != 0 {
        let signals = SignalPipe.drain()
        if signals.contains(where: { $0 != SIGWINCH }) {
          handleSignals(signals)
          return
        }
      }
      if fds[0].revents & Int16(POLLIN) != 0 {
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = read(STDIN_FILENO, &buffer, buffer.count)
        if n <= 0 { return }
        var text = [UInt8]()
        var enter = false
        for b in buffer[0..<n] {
          if b == 13 || b == 10 {
            enter = true
            break
          }
          if b == 27 { break }  // an arrow or other key sequence: ignored while waiting
          if b == 127 || b == 8 {
            if !text.isEmpty { text.removeLast() } else if !typedDuringWait.isEmpty { typedDuringWait.removeLast() }
          } else if b >= 32 {
            text.append(b)
          }
        }
        typedDuringWait += String(decoding: text, as: UTF8.self)
        if enter {
          // Enter skips the wait; a line typed before it is sent once the reply has shown.
          if !typedDuringWait.trimmingCharacters(in: .whitespaces).isEmpty { sentDuringWait = typedDuringWait }
          typedDuringWait = ""
          return
        }
      }
    }
  }

  func handleSignals(_ given: [Int32]? = nil) {
    for s in given ?? SignalPipe.drain() {
      switch s {
      case SIGINT:
        editor.interrupt()
        if !hintedCtrlC {
          hintedCtrlC = true
          editor.printAbove(Screen.line(.system, "(Ctrl-C clears the line. To leave: /quit or Ctrl-D.)").render(color: color))
        }
      case SIGWINCH:
        session.width = TerminalIO.width()
        editor.resized()
      case SIGTERM:
        end("signal")
        exitStatus = 128 + SIGTERM
      case SIGHUP:
        end("signal", quietly: true)
        exitStatus = 128 + SIGHUP
      default: break
      }
    }
  }

  func end(_ reason: String, quietly: Bool = false) {
    guard !finished else { return }
    finished = true
    let summary = session.close(reason)
    editor.remove()
    if !quietly { TerminalIO.write(Screen.line(.system, summary).render(color: color) + "\n") }
  }
}

/// Standard input without line buffering or echo, while a reply is "being typed".
struct RawInput {
  var saved = termios()
  var ok = false

  init() {
    guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return }
    var raw = saved
    raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
    _ = tcsetattr(STDIN_FILENO, TCSANOW, &raw)
    ok = true
  }

  func restore() {
    guard ok else { return }
    var s = saved
    _ = tcsetattr(STDIN_FILENO, TCSANOW, &s)
  }
}
