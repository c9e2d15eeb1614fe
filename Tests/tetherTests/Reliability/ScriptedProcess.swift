import Foundation

/// The `tether` binary with its standard input a pipe the test writes to line by line, its
/// output collected as it comes: a scripted session that can be killed at any point.
final class ScriptedProcess: @unchecked Sendable {
  let process = Process()
  private let input = Pipe()
  private let lock = NSLock()
  private var out = Data()
  private var err = Data()

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  init(_ arguments: [String], environment extra: [String: String] = [:], directory: URL? = nil) throws {
    process.executableURL = Binary.path
    process.arguments = arguments
    process.currentDirectoryURL = directory ?? Binary.repository
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    env["COLUMNS"] = "80"
    env.removeValue(forKey: "TETHER_SCENARIOS")
    for (k, v) in extra { env[k] = v }
    process.environment = env
    let stdout = Pipe(), stderr = Pipe()
    process.standardInput = input
    process.standardOutput = stdout
    process.standardError = stderr
    stdout.fileHandleForReading.readabilityHandler = { [weak self] h in self?.append(h.availableData, error: false) }
    stderr.fileHandleForReading.readabilityHandler = { [weak self] h in self?.append(h.availableData, error: true) }
    try process.run()
  }

  /// A test that ends early (a failed wait, a thrown error) leaves no program behind, still
  /// writing into a folder the test is about to remove.
  deinit { stop() }

  /// Ends the program if it is still running (SIGKILL), and waits until it has.
  func stop() {
    guard process.isRunning else { return }
    kill(process.processIdentifier, SIGKILL)
    while process.isRunning { usleep(2_000) }
  }

  private func append(_ data: Data, error: Bool) {
    lock.lock()
    if error { err.append(data) } else { out.append(data) }
    lock.unlock()
  }

  var stdout: String {
    lock.lock()
    defer { lock.unlock() }
    return String(decoding: out, as: UTF8.self)
  }

  var stderr: String {
    lock.lock()
    defer { lock.unlock() }
    return String(decoding: err, as: UTF8.self)
  }

  /// Types one line (and Enter).
  func send(_ line: String) {
    input.fileHandleForWriting.write(Data((line + "\n").utf8))
  }

  /// Closes standard input (Ctrl-D at the end of a script).
  func closeInput() { try? input.fileHandleForWriting.close() }

  /// Waits until standard output holds `needle` at least `count` times (a guard against a hang,
  /// not a measurement).
  func waitFor(_ needle: String, count: Int, timeout: Double = 30) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while stdout.components(separatedBy: needle).count - 1 < count {
      if !process.isRunning || Date() > deadline {
        throw Failure(description: "waited for \(count)× \(needle.debugDescription); output:\n\(stdout.suffix(1500))\n\(stderr.suffix(500))")
      }
      usleep(2_000)
    }
  }

  func signal(_ signo: Int32) { kill(process.processIdentifier, signo) }

  /// Waits for the exit; returns the status (128+N for signal N).
  func wait(timeout: Double = 30) throws -> Int32 {
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning {
      if Date() > deadline {
        process.terminate()
        throw Failure(description: "did not exit; output:\n\(stdout.suffix(800))")
      }
      usleep(2_000)
    }
    closeInput()
    return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
  }
}
