import Foundation
import Testing

/// Nothing connects out and nothing is written outside the user's data and state folders (or
/// the path the user chose): checked in the sources, in the system calls `play` makes (strace),
/// and in the file tree before and after a session.
@Suite("Privacy: no network, nothing written outside the data, state and chosen paths", .serialized)
struct PrivacyTests {
  /// The classroom web mode is the one place allowed to open sockets.
  static let networkAllowed = ["Sources/TetherServe/", "Sources/tether/ServeCommand.swift"]

  static let networkAPIs = [
    #"URLSession"#, #"URLRequest"#, #"\bsocket\("#, #"\bconnect\("#, #"getaddrinfo"#, #"gethostbyname"#,
    #"FoundationNetworking"#, #"import\s+Network\b"#, #"NWConnection"#, #"CFSocket"#, #"import\s+NIO"#,
    #"import\s+Hummingbird"#, #"AsyncHTTPClient"#, #"\bcurl_"#, #"\bsendto\("#, #"\bbind\("#,
  ]

  @Test("No networking API in the sources, outside the serve target")
  func noNetworkingInTheSources() throws {
    let root = Binary.repository
    var scanned = 0
    var found: [String] = []
    for folder in ["Sources", "Fuzz"] {
      let base = root.appendingPathComponent(folder)
      let items = FileManager.default.enumerator(atPath: base.path)?.allObjects as? [String] ?? []
      for item in items where item.hasSuffix(".swift") || item.hasSuffix(".h") || item.hasSuffix(".c") {
        let relative = "\(folder)/\(item)"
        if Self.networkAllowed.contains(where: { relative.hasPrefix($0) }) { continue }
        let text = try String(contentsOf: base.appendingPathComponent(item), encoding: .utf8)
        scanned += 1
        for api in Self.networkAPIs where text.range(of: api, options: .regularExpression) != nil {
          found.append("\(relative): \(api)")
        }
      }
    }
    #expect(scanned > 50)
    #expect(found.isEmpty, "\(found)")
  }

  @Test("Only the serve target depends on the networking packages")
  func onlyServeLinksNetworking() throws {
    let manifest = try String(contentsOf: Binary.repository.appendingPathComponent("Package.swift"), encoding: .utf8)
    for target in ["TetherEngine", "TetherStudio", "FuzzProbes"] {
      let start = try #require(manifest.range(of: "name: \"\(target)\""))
      let block = manifest[start.upperBound...].prefix { $0 != ")" }
      #expect(!block.contains("Hummingbird") && !block.contains("NIO"), "\(target): \(block)")
    }
  }

  /// A private folder standing in for the user's home, with its XDG folders and a working
  /// folder; removed when the test is done with it.
  final class Home {
    let root: URL
    init() throws {
      root = FileManager.default.temporaryDirectory.appendingPathComponent("tether-privacy-\(UUID().uuidString)")
      for sub in ["home", "work"] {
        try FileManager.default.createDirectory(at: root.appendingPathComponent(sub), withIntermediateDirectories: true)
      }
    }
    deinit { try? FileManager.default.removeItem(at: root) }
    var home: String { root.appendingPathComponent("home").path }
    var work: URL { root.appendingPathComponent("work") }
    var data: String { root.appendingPathComponent("data").path }
    var state: String { root.appendingPathComponent("state").path }
    var environment: [String: String] {
      ["HOME": home, "XDG_DATA_HOME": data, "XDG_STATE_HOME": state, "TETHER_SCENARIOS": Binary.repository.appendingPathComponent("Scenarios").path]
    }

    /// Every file and folder under the root, with its size and permissions.
    func tree() -> [String: String] {
      var out: [String: String] = [:]
      let items = FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? []
      for item in items {
        let attributes = (try? FileManager.default.attributesOfItem(atPath: root.appendingPathComponent(item).path)) ?? [:]
        let size = attributes[.size] as? Int ?? 0
        let mode = attributes[.posixPermissions] as? Int ?? 0
        out[item] = "\(attributes[.type] as? FileAttributeType == .typeDirectory ? "dir" : "file") \(size) \(String(mode, radix: 8))"
      }
      return out
    }
  }

  @Test("Scripted play writes only its transcript, 0600 in a 0700 folder, and nothing else under HOME")
  func scriptedPlayWritesOnlyItsTranscript() throws {
    let home = try Home()
    let before = home.tree()
    let r = try Binary.run(
      ["play", "--persona", "guardian", "--seed", "2"], input: Data("hello\nnobody calls me\n/quit\n".utf8),
      directory: home.work, environment: home.environment)
    #expect(r.status == 0, "\(r.stderr)")
    let after = home.tree()
    let changed = after.filter { before[$0.key] != $0.value }.keys.sorted()
    let transcripts = changed.filter { $0.hasPrefix("data/tether/transcripts/") }
    #expect(transcripts.count == 1, "\(changed)")
    #expect(Set(changed) == Set(["data", "data/tether", "data/tether/transcripts"] + transcripts), "\(changed)")
    #expect(after["data/tether/transcripts"]?.hasSuffix(" 700") == true)
    #expect(transcripts.allSatisfy { after[$0]?.hasSuffix(" 600") == true })
  }

  @Test("Without XDG variables, play writes under HOME/.local/share/tether only")
  func defaultsUnderHome() throws {
    let home = try Home()
    var environment = home.environment
    environment["XDG_DATA_HOME"] = ""
    environment["XDG_STATE_HOME"] = ""
    let r = try Binary.run(
      ["play", "--persona", "engager", "--seed", "2"], input: Data("hello\n".utf8), directory: home.work,
      environment: environment)
    #expect(r.status == 0, "\(r.stderr)")
    let changed = home.tree().keys.filter { !$0.hasPrefix("home/.local/share/tether") }
    #expect(Set(changed) == Set(["home", "work", "home/.local", "home/.local/share"]), "\(changed.sorted())")
  }

  /// The system calls of a run, from `strace -f`: (network calls, paths opened for writing or
  /// created, renamed, removed).
  static func traced(_ log: String) throws -> (network: [String], written: [String]) {
    let text = try String(contentsOfFile: log, encoding: .utf8)
    var network: [String] = []
    var written: [String] = []
    for line in text.split(separator: "\n") {
      let call = line.drop { $0.isNumber || $0 == " " }
      let name = call.prefix { $0 != "(" }
      if ["socket", "connect", "bind", "sendto", "sendmsg", "accept", "accept4", "listen", "getaddrinfo"].contains(String(name)) {
        network.append(String(line))
      }
      let writes =
        ["mkdir", "mkdirat", "rename", "renameat", "renameat2", "unlink", "unlinkat", "creat", "truncate", "link",
         "linkat", "symlink", "symlinkat", "rmdir"].contains(String(name))
        || (["open", "openat"].contains(String(name)) && (call.contains("O_WRONLY") || call.contains("O_RDWR") || call.contains("O_CREAT")))
      if writes, !call.contains("= -1 "), let q1 = call.firstIndex(of: "\"") {
        let rest = call[call.index(after: q1)...]
        if let q2 = rest.firstIndex(of: "\"") { written.append(String(rest[..<q2])) }
      }
    }
    return (network, written)
  }

  static func strace() throws -> String {
    let path = "/usr/bin/strace"
    try #require(FileManager.default.isExecutableFile(atPath: path), "strace is needed for this test: apt-get install strace")
    return path
  }

  @Test("Scripted play makes no network call and opens for writing only its transcript (strace)")
  func scriptedSystemCalls() throws {
    let home = try Home()
    let log = home.root.appendingPathComponent("strace.log").path
    let transcript = home.root.appendingPathComponent("chosen/t.jsonl").path
    let r = try Binary.run(
      ["-f", "-qq", "-e", "trace=network,%file", "-o", log, Binary.path.path, "play", "--persona", "validator",
       "--transcript", transcript],
      input: Data("hello\ni want to die\n/save \(home.root.path)/saved.jsonl\n".utf8), directory: home.work,
      environment: home.environment, executable: URL(fileURLWithPath: try Self.strace()))
    #expect(r.status == 0, "\(r.stderr)")
    let (network, written) = try Self.traced(log)
    #expect(network.isEmpty, "\(network)")
    #expect(Set(written) == Set([home.root.path + "/chosen", transcript, home.root.path + "/saved.jsonl"]), "\(written)")
  }

  @Test("Play on a terminal makes no network call and writes only its transcript and history (strace)")
  func terminalSystemCalls() throws {
    let home = try Home()
    let log = home.root.appendingPathComponent("strace.log").path
    var environment = home.environment
    environment["PWD"] = home.work.path
    let p = try PtyProcess(
      ["play", "--persona", "engager", "--pace", "off", "--seed", "4"], environment: environment,
      wrapper: [try Self.strace(), "-f", "-qq", "-e", "trace=network,%file", "-o", log])
    defer { p.stop() }  // strace and play have ended before `home` goes, also when an expectation throws
    try p.expect("you> ")
    p.send("hello\r")
    try p.expect("Mia> ")
    try p.expect("you> ")
    p.send("\u{04}")
    #expect(try p.wait() == 0)
    let (network, written) = try Self.traced(log)
    #expect(network.isEmpty, "\(network)")
    let allowed = [home.data + "/tether/transcripts", home.state + "/tether"]
    let outside = written.filter { path in
      !allowed.contains { path == $0 || path.hasPrefix($0 + "/") } && ![home.data, home.data + "/tether", home.state].contains(path)
        && !path.hasPrefix("/dev/")
    }
    #expect(outside.isEmpty, "\(outside)")
    #expect(written.contains { $0.hasPrefix(home.data + "/tether/transcripts/") })
    let history = home.state + "/tether/history"
    let attributes = try FileManager.default.attributesOfItem(atPath: history)
    #expect(attributes[.posixPermissions] as? Int == 0o600)
    let folder = try FileManager.default.attributesOfItem(atPath: home.state + "/tether")
    #expect(folder[.posixPermissions] as? Int == 0o700)
  }
}
