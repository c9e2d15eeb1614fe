import Foundation

/// Signals delivered as bytes on a pipe, so the `play` loop handles them in its own time (a
/// signal handler may do almost nothing safely). The loop polls the read end beside standard input.
enum SignalPipe {
  /// The pipe: created once, before any handler can run.
  nonisolated(unsafe) static var fds: (read: Int32, write: Int32) = (-1, -1)

  /// Routes SIGINT, SIGTERM, SIGHUP and SIGWINCH to the pipe.
  static func install() {
    var p: [Int32] = [0, 0]
    guard pipe(&p) == 0 else { return }
    for fd in p {
      _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
      _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }
    fds = (p[0], p[1])
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { signo in
      let saved = errno
      var byte = UInt8(truncatingIfNeeded: signo)
      _ = write(SignalPipe.fds.write, &byte, 1)
      errno = saved
    }
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    var set = sigset_t()
    sigemptyset(&set)
    for s in [SIGINT, SIGTERM, SIGHUP, SIGWINCH] {
      sigaction(s, &action, nil)
      sigaddset(&set, s)
    }
    // A parent (a test runner, say) may have started us with these blocked.
    sigprocmask(SIG_UNBLOCK, &set, nil)
    signal(SIGPIPE, SIG_IGN)
  }

  /// The signals that arrived since the last call, in order.
  static func drain() -> [Int32] {
    var out: [Int32] = []
    var buffer = [UInt8](repeating: 0, count: 64)
    while true {
      let n = read(fds.read, &buffer, buffer.count)
      if n <= 0 { break }
      out += buffer[0..<n].map { Int32($0) }
    }
    return out
  }
}
