import Foundation

/// Runs the built `tether` binary and collects what it prints.
struct Binary {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static var repository: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  }

  static var path: URL {
    Bundle.main.bundleURL.appendingPathComponent("tether")
  }

  /// Runs `tether ARGS` in the repository with `input` on standard input.
  ///
  /// Transcripts and history of `play` go to a scratch folder of this run's own, never the user's,
  /// and that folder is removed when the run ends: a test that wants to look at what `play` wrote
  /// passes XDG_DATA_HOME (or --transcript) of its own in `environment`.
  static func run(
    _ arguments: [String], input: Data = Data(), directory: URL? = nil, environment extra: [String: String] = [:],
    executable: URL? = nil
  ) throws -> Result {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tether-test-run-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let process = Process()
    process.executableURL = executable ?? path
    process.arguments = arguments
    process.currentDirectoryURL = directory ?? repository
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    env["COLUMNS"] = "80"
    env.removeValue(forKey: "TETHER_SCENARIOS")
    env["XDG_DATA_HOME"] = scratch.appendingPathComponent("data").path
    env["XDG_STATE_HOME"] = scratch.appendingPathComponent("state").path
    for (k, v) in extra { env[k] = v }
    process.environment = env
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    // Write input and read output concurrently so large data cannot deadlock the pipes.
    let writer = Thread {
      stdin.fileHandleForWriting.write(input)
      try? stdin.fileHandleForWriting.close()
    }
    writer.start()
    let errData = ErrReader(stderr.fileHandleForReading)
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
      stderr: String(decoding: errData.finish(), as: UTF8.self))
  }
}

/// Reads a pipe to its end on a thread of its own.
final class ErrReader: @unchecked Sendable {
  // Written once by the reading thread before `done` is signalled, read after: no data race.
  private var data = Data()
  private let done = DispatchSemaphore(value: 0)

  init(_ handle: FileHandle) {
    Thread {
      self.data = handle.readDataToEndOfFile()
      self.done.signal()
    }.start()
  }

  func finish() -> Data {
    done.wait()
    return data
  }
}
