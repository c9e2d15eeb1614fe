import ArgumentParser
import Foundation
import TetherEngine
import TetherServe
import TetherStudio

struct Serve: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "The classroom in the browser: trainees chat on their own devices, the facilitator reveals and projects.",
    discussion: """
      Prints the trainees' address (with the room code) and the facilitator's (with a secret key: keep it to yourself). Trainees open theirs on a laptop or phone, pick a persona and talk; the annotations stay withheld until the facilitator reveals them (--reveal manual), for one session or the whole room. Every session is written as it goes, one JSON Lines transcript per session in --out, which `tether report` reads.

      It listens on 127.0.0.1 unless --host says otherwise: --host 0.0.0.0 serves the room's Wi-Fi and prints every address of this machine. It answers only to the addresses it prints (and the machine's name), so a page of another site cannot reach it by pointing its own name at this machine. It is plain HTTP, for role-play: never type real patient data. Ctrl-C or SIGTERM stops it after closing every transcript.
      """
  )

  @Argument(help: "A scenario file, or the id of a shipped scenario (default: lonely-evening).")
  var scenario: String?

  @Option(help: "The address to listen on: 127.0.0.1 (this machine only) or 0.0.0.0 (the room's network).")
  var host = "127.0.0.1"

  @Option(help: "The port (0: any free port, printed and written to --ready-file).")
  var port = 8080

  @Option(help: "The folder for transcripts, one file per session (default: the transcripts folder of play).")
  var out: String?

  @Option(help: "manual: annotations appear when the facilitator reveals them; immediate: from the first reply.")
  var reveal: RevealOption = .manual

  enum RevealOption: String, ExpressibleByArgument, CaseIterable {
    case manual, immediate
  }

  @Option(help: "The room code: 6 characters of \(String(RoomCode.alphabet)) (default: a random one).")
  var room: String?

  @Option(
    help: "Write the port, room code, addresses and transcript folder as one JSON object to this file once listening.")
  var readyFile: String?

  @OptionGroup var region: RegionOption

  @Option(help: "Scenarios folder (default: TETHER_SCENARIOS, or Scenarios/ near the working directory).")
  var scenarios: String?

  func validate() throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port takes a number from 0 to 65535") }
    if let room, RoomCode(room) == nil {
      throw ValidationError(
        "--room takes \(RoomCode.length) characters of \(String(RoomCode.alphabet)) (no 0, O, 1, I, L or U)")
    }
  }

  func run() throws {
    let loaded = try Load.scenario(scenario, scenarios: scenarios)
    let region = try region.code(for: loaded)
    let folder = URL(fileURLWithPath: out ?? UserDirectories().transcripts).standardizedFileURL.path
    do {
      try UserDirectories.makePrivateFolder(folder)
    } catch {
      Output.error(
        SafeText.terminal("error: cannot create the transcripts folder \(folder): \(error.localizedDescription)"))
      throw ExitCode(1)
    }
    var roomSettings = Room.Settings(
      code: room.flatMap(RoomCode.init), reveal: reveal == .manual ? .manual : .immediate, out: folder)
    roomSettings.region = region
    let settings = roomSettings
    let server = ClassroomServer(room: Room(scenario: loaded, settings: settings), host: host, port: port)
    let host = host
    let readyFile = readyFile
    let title = loaded.title
    let failure = Blocking.run {
      try await server.run { port in
        let announcement = ServeAnnouncement(
          host: host, port: port, room: settings.code, facilitatorKey: settings.facilitatorKey, out: folder)
        for line in announcement.lines(title: SafeText.terminal(title)) { Output.line(line) }
        if let readyFile { Self.writeReady(announcement.json, to: readyFile) }
      }
    }
    if let failure {
      let why = failure.contains("errno: 98") ? "the address is already in use" : failure
      Output.error(SafeText.terminal("error: cannot serve on \(host):\(port): \(why)"))
      if port != 0 {
        Output.error("Another program may be using that port: try another --port, or --port 0 for any free one.")
      }
      throw ExitCode(1)
    }
    let paths = Blocking.value { await server.room.transcriptPaths() }
    Output.line("Stopped. \(paths.count) transcript\(paths.count == 1 ? "" : "s") in \(folder)")
  }

  /// Writes the ready file whole (a new file renamed into place), private to the user: it holds
  /// the facilitator's key.
  static func writeReady(_ json: String, to path: String) {
    let temporary = path + ".tmp"
    guard
      FileManager.default.createFile(
        atPath: temporary, contents: Data((json + "\n").utf8), attributes: [.posixPermissions: 0o600]),
      rename(temporary, path) == 0
    else {
      Output.error(SafeText.terminal("warning: cannot write the ready file \(path)"))
      return
    }
  }
}

/// Runs async work from the synchronous command (its `main` is not async) and waits for it.
enum Blocking {
  final class Box<T>: @unchecked Sendable {
    var value: T?
  }

  /// Runs `work`; returns why it failed, or nil.
  static func run(_ work: @escaping @Sendable () async throws -> Void) -> String? {
    let box = Box<String>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
      do { try await work() } catch { box.value = String(describing: error) }
      done.signal()
    }
    done.wait()
    return box.value
  }

  static func value<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
    let box = Box<T>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
      box.value = await work()
      done.signal()
    }
    done.wait()
    return box.value!
  }
}
