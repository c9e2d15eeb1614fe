import Foundation
import TetherStudio

/// `play` with standard input not a terminal: one user line per input line, turns printed as
/// `replay` prints them, the closing summary on standard error.
struct ScriptedPlay {
  let session: PlaySession

  func run() -> Int32 {
    let color = TerminalIO.colorAllowed
    show(session.open(), color: color)
    var input = InputLines()
    while true {
      switch input.next() {
      case .line(let line):
        let response = session.input(line)
        show(response, color: color)
        if response.ended { return 0 }
      case .end:
        Output.error(session.close("eof"))
        return 0
      case .signal(let s):
        Output.error(session.close("signal"))
        return 128 + s
      }
    }
  }

  func show(_ response: PlaySession.Response, color: Bool) {
    var screen = response.before
    screen.append(response.reply)
    if !screen.lines.isEmpty { Output.line(screen.render(color: color)) }
    if let summary = response.summary { Output.error(summary) }
  }
}

/// Standard input, line by line (LF or CR LF), read beside the signal pipe: SIGINT, SIGTERM or
/// SIGHUP end the session even while no line is coming (a script that keeps its pipe open).
struct InputLines {
  enum Event: Equatable {
    case line(String), end, signal(Int32)
  }

  private var buffer: [UInt8] = []
  /// Where the unread bytes start, and how far they have been searched for a newline.
  private var head = 0
  private var searched = 0
  private var atEnd = false

  mutating func next() -> Event {
    while true {
      for s in SignalPipe.drain() where s == SIGINT || s == SIGTERM || s == SIGHUP { return .signal(s) }
      if let newline = buffer[searched...].firstIndex(of: 10) {
        var end = newline
        if end > head, buffer[end - 1] == 13 { end -= 1 }
        let line = String(decoding: buffer[head..<end], as: UTF8.self)
        head = newline + 1
        searched = head
        if head > 65_536, head * 2 > buffer.count {
          buffer.removeSubrange(0..<head)
          head = 0
          searched = 0
        }
        return .line(line)
      }
      searched = buffer.count
      if atEnd {
        if head == buffer.count { return .end }
        defer { head = buffer.count }
        return .line(String(decoding: buffer[head...], as: UTF8.self))
      }
      var fds = [
        pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
        pollfd(fd: SignalPipe.fds.read, events: Int16(POLLIN), revents: 0),
      ]
      if poll(&fds, 2, -1) < 0 {
        if errno != EINTR { atEnd = true }
        continue
      }
      guard fds[0].revents != 0 else { continue }
      var chunk = [UInt8](repeating: 0, count: 65_536)
      let n = read(STDIN_FILENO, &chunk, chunk.count)
      if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
      if n <= 0 {
        atEnd = true
      } else {
        buffer += chunk[0..<n]
      }
    }
  }
}
