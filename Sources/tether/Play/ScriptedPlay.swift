import Foundation
import TetherStudio

/// `play` with standard input not a terminal: one user line per input line, turns printed as
/// `replay` prints them, the closing summary on standard error.
struct ScriptedPlay {
  let session: PlaySession

  func run() -> Int32 {
    let color = TerminalIO.colorAllowed
    show(session.open(), color: color)
    while let line = readLine(strippingNewline: true) {
      for s in SignalPipe.drain() where s == SIGINT || s == SIGTERM || s == SIGHUP {
        Output.error(session.close("signal"))
        return 128 + s
      }
      let response = session.input(line)
      show(response, color: color)
      if response.ended { return 0 }
    }
    Output.error(session.close("eof"))
    return 0
  }

  func show(_ response: PlaySession.Response, color: Bool) {
    var screen = response.before
    screen.append(response.reply)
    if !screen.lines.isEmpty { Output.line(screen.render(color: color)) }
    if let summary = response.summary { Output.error(summary) }
  }
}
