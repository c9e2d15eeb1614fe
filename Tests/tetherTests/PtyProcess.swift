import Foundation

/// The `tether` binary run on a pseudo-terminal, as a person at a terminal runs it: a test types
/// keys, waits for text to appear, and sends signals. One instance belongs to one test.
final class PtyProcess {
  let pid: pid_t
  let master: Int32
  private(set) var output = ""
  /// Bytes of a character cut off at the end of a read, kept for the next one.
  private var partial: [UInt8] = []
  /// Where the next `expect` starts searching, as in pexpect.
  private var searchFrom: String.Index
  private var exited: Int32?

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Starts `tether ARGS` in the repository, with a terminal of `columns` × `rows`.
  /// `wrapper` runs the binary under another program (`["/usr/bin/strace", "-o", "log"]`).
  init(
    _ arguments: [String], environment extra: [String: String] = [:], columns: UInt16 = 80, rows: UInt16 = 40,
    wrapper: [String] = []
  ) throws {
    var master: Int32 = -1, slave: Int32 = -1
    var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
    guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw Failure(description: "openpty failed") }
    var name = [CChar](repeating: 0, count: 128)
    guard ttyname_r(slave, &name, name.count) == 0 else { throw Failure(description: "ttyname_r failed") }
    let ttyName = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    // Opened after setsid, the terminal becomes the child's controlling terminal, so Ctrl-C is a signal.
    posix_spawn_file_actions_addopen(&actions, 0, ttyName, O_RDWR, 0)
    posix_spawn_file_actions_adddup2(&actions, 0, 1)
    posix_spawn_file_actions_adddup2(&actions, 0, 2)
    posix_spawn_file_actions_addclose(&actions, master)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigdefault(&attributes, &all)
    var none = sigset_t()
    sigemptyset(&none)
    // The test runner's threads block SIGINT; without this the child would inherit that.
    posix_spawnattr_setsigmask(&attributes, &none)
    let setsid: Int32 = 0x80  // POSIX_SPAWN_SETSID, hidden behind _GNU_SOURCE
    posix_spawnattr_setflags(&attributes, Int16(setsid | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

    var variables = ["TERM": "xterm", "INPUTRC": "/dev/null", "HOME": "/tmp", "LANG": "C.UTF-8", "NO_COLOR": "1"]
    for (k, v) in extra { variables[k] = v }  // a test's own value replaces the default
    let env = variables.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    let path = wrapper.first ?? Binary.path.path
    let argv: [UnsafeMutablePointer<CChar>?] =
      (wrapper.isEmpty ? [path] + arguments : wrapper + [Binary.path.path] + arguments).map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup($0) } + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }
    var child: pid_t = 0
    let rc = posix_spawn(&child, path, &actions, &attributes, argv, envp)
    close(slave)
    guard rc == 0 else {
      close(master)
      throw Failure(description: "posix_spawn failed: \(rc)")
    }
    self.pid = child
    self.master = master
    self.searchFrom = output.startIndex
  }

  deinit {
    stop()
    close(master)
  }

  /// Ends the program if it is still running: SIGKILL to its whole process group (a wrapper
  /// such as strace and the binary under it), then reaps it, so nothing of it writes any more.
  func stop() {
    guard exited == nil else { return }
    kill(-pid, SIGKILL)  // the child is a session leader (setsid): its process group is `pid`
    kill(pid, SIGKILL)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    exited = Self.code(status)
  }

  /// An exit status as a shell reports it (128+N for signal N).
  private static func code(_ status: Int32) -> Int32 {
    status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
  }

  /// Types text (control characters included: "\u{03}" is Ctrl-C, "\r" is Enter).
  func send(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
  }

  /// Reads what the program printed until `needle` appears after the last match; fails after `timeout`.
  @discardableResult
  func expect(_ needle: String, timeout: Double = 10) throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      if let range = output.range(of: needle, range: searchFrom..<output.endIndex) {
        let seen = String(output[searchFrom..<range.upperBound])
        searchFrom = range.upperBound
        return seen
      }
      let left = deadline.timeIntervalSinceNow
      if left <= 0 || !readSome(timeout: left) {
        throw Failure(description: "timed out waiting for \(needle.debugDescription); the screen ended with:\n\(output.suffix(1500))")
      }
    }
  }

  /// Reads for `seconds`, returning what arrived (for checking that something did NOT appear).
  func drain(for seconds: Double) -> String {
    let start = output.endIndex
    let deadline = Date().addingTimeInterval(seconds)
    while deadline.timeIntervalSinceNow > 0 { if !readSome(timeout: deadline.timeIntervalSinceNow) { break } }
    searchFrom = output.endIndex
    return String(output[start...])
  }

  /// Waits for the program to exit and returns its exit status (128+N for signal N).
  func wait(timeout: Double = 10) throws -> Int32 {
    if let exited { return exited }
    let deadline = Date().addingTimeInterval(timeout)
    while deadline.timeIntervalSinceNow > 0 {
      _ = readSome(timeout: 0.05)
      var status: Int32 = 0
      if waitpid(pid, &status, WNOHANG) == pid {
        let code = Self.code(status)
        exited = code
        return code
      }
    }
    throw Failure(description: "the program did not exit; the screen ended with:\n\(output.suffix(800))")
  }

  func signal(_ signo: Int32) { kill(pid, signo) }

  private func readSome(timeout: Double) -> Bool {
    var fds = [pollfd(fd: master, events: Int16(POLLIN), revents: 0)]
    let r = poll(&fds, 1, Int32(max(1, timeout * 1000)))
    if r <= 0 { return r == 0 }
    var buffer = [UInt8](repeating: 0, count: 4096)
    let n = read(master, &buffer, buffer.count)
    if n <= 0 { return false }  // EIO: the child has closed the terminal
    var bytes = partial + buffer[0..<n]
    partial = []
    // Keep an incomplete UTF-8 sequence at the end for the next read.
    for back in 1...min(3, bytes.count) {
      let b = bytes[bytes.count - back]
      if b & 0xC0 == 0x80 { continue }
      let need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
      if need > back {
        partial = Array(bytes[(bytes.count - back)...])
        bytes.removeLast(back)
      }
      break
    }
    output += String(decoding: bytes, as: UTF8.self)
    return true
  }
}
