import Foundation
import Testing

import TetherEngine

/// Faults injected into `play` end to end, on the built binary: killed by SIGKILL, SIGTERM or
/// SIGHUP at seeded random points, scripted and on a terminal; the disk full, the folder
/// impossible to create, the path a folder. After each, every completed turn is in the
/// transcript, every line of it is JSON, and `report` reads it.
@Suite("Transcripts survive kills and refused disks", .serialized)
struct TranscriptFaultTests {
  /// Lines no persona of lonely-evening answers by ending the conversation.
  static let lines = [
    "hey", "long day at work", "nobody ever calls me", "i skipped the gym to talk to you",
    "my sister called but i didnt pick up", "what do you think of me", "i feel tired", "tell me something",
  ]
  static let personas = [("engager", "Mia"), ("validator", "Sunny"), ("guardian", "Sam")]

  /// Where and how a session is killed.
  struct KillPoint: CustomStringConvertible {
    var signal: Int32
    /// Turns completed (reply seen) before the kill.
    var completed: Int
    /// The next line is sent and the kill follows at once, mid-turn.
    var midTurn: Bool
    var persona: (id: String, name: String)
    var description: String {
      "signal \(signal) after \(completed) turns\(midTurn ? ", mid-turn" : ""), \(persona.id)"
    }
  }

  /// Kill points drawn from `seed`: every signal equally often.
  static func killPoints(_ count: Int, seed: UInt64) -> [KillPoint] {
    var random = SplitMix64(seed: seed)
    return (0..<count).map { k in
      KillPoint(
        signal: [SIGKILL, SIGTERM, SIGHUP][k % 3], completed: Int(random.next() % UInt64(lines.count - 1)),
        midTurn: random.next() % 2 == 0, persona: personas[Int(random.next() % UInt64(personas.count))])
    }
  }

  static func scratch() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tether-fault-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// The transcript after a kill: every line JSON, the user lines a prefix of those sent and
  /// holding every completed one, closed with `signal` when the signal was one Tether catches.
  static func verify(
    _ path: String, _ point: KillPoint, sent: Int, completed: Int, status: Int32,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) throws {
    #expect(status == 128 + point.signal, "\(point): exit \(status)", sourceLocation: sourceLocation)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.hasSuffix("\n"), "\(point): the last record is cut short", sourceLocation: sourceLocation)
    var records: [[String: Any]] = []
    for line in text.split(separator: "\n") {
      let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      #expect(object != nil, "\(point): not JSON: \(line.prefix(120))", sourceLocation: sourceLocation)
      if let object { records.append(object) }
    }
    #expect(records.first?["tether_transcript"] as? Int == 1, "\(point)", sourceLocation: sourceLocation)
    let inputs = records.compactMap { $0["input"] as? String }
    #expect(inputs.count >= completed && inputs.count <= sent, "\(point): \(inputs.count) lines", sourceLocation: sourceLocation)
    #expect(inputs == Array(lines.prefix(inputs.count)), "\(point)", sourceLocation: sourceLocation)
    let end = records.last?["tether_end"] as? String
    if point.signal == SIGKILL {
      #expect(end == nil, "\(point)", sourceLocation: sourceLocation)
    } else {
      #expect(end == "signal", "\(point): ended \(end ?? "without an end record")", sourceLocation: sourceLocation)
    }
    let report = try Binary.run(["report", path])
    #expect(report.status == 0, "\(point): report: \(report.stderr)", sourceLocation: sourceLocation)
    if let last = inputs.last { #expect(report.stdout.contains(last), "\(point)", sourceLocation: sourceLocation) }
  }

  @Test("Scripted play killed at 24 seeded points (seed 41): every completed turn kept, every line JSON")
  func scriptedKills() throws {
    let dir = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    var survived = 0
    for (k, point) in Self.killPoints(24, seed: 41).enumerated() {
      let path = dir.appendingPathComponent("kill-\(k).jsonl").path
      let p = try ScriptedProcess(
        ["play", "lonely-evening", "--persona", point.persona.id, "--seed", "\(k)", "--transcript", path])
      try p.waitFor("\(point.persona.name)> ", count: 1)  // the opening: the session is up
      for line in Self.lines.prefix(point.completed) {
        p.send(line)
        try p.waitFor("you> \(line)\n", count: 1)
      }
      var sent = point.completed
      if point.midTurn {
        p.send(Self.lines[sent])
        sent += 1
      }
      p.signal(point.signal)
      let status = try p.wait()
      let completed = p.stdout.components(separatedBy: "you> ").count - 1
      #expect(completed >= point.completed)
      try Self.verify(path, point, sent: sent, completed: completed, status: status)
      survived += 1
    }
    print("fault injection: scripted play survived \(survived) of 24 kill points (SIGKILL, SIGTERM, SIGHUP)")
  }

  @Test("Play on a terminal killed at 12 seeded points (seed 42): every completed turn kept, every line JSON")
  func terminalKills() throws {
    let dir = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    var survived = 0
    for (k, point) in Self.killPoints(12, seed: 42).enumerated() {
      let path = dir.appendingPathComponent("kill-\(k).jsonl").path
      let p = try PtyProcess(
        ["play", "lonely-evening", "--persona", point.persona.id, "--pace", "off", "--seed", "\(k)", "--transcript", path],
        environment: ["XDG_STATE_HOME": dir.appendingPathComponent("state").path])
      try p.expect("you> ")
      for line in Self.lines.prefix(point.completed) {
        p.send(line + "\r")
        try p.expect("\(point.persona.name)> ")
        try p.expect("you> ")
      }
      var sent = point.completed
      if point.midTurn {
        p.send(Self.lines[sent] + "\r")
        sent += 1
      }
      p.signal(point.signal)
      let status = try p.wait()
      try Self.verify(path, point, sent: sent, completed: point.completed, status: status)
      survived += 1
    }
    print("fault injection: play on a terminal survived \(survived) of 12 kill points (SIGKILL, SIGTERM, SIGHUP)")
  }

  @Test("A script that keeps its pipe open still ends on SIGTERM, at once, with the transcript closed")
  func sigtermWhileWaitingForInput() throws {
    let dir = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("t.jsonl").path
    let p = try ScriptedProcess(["play", "lonely-evening", "--persona", "guardian", "--transcript", path])
    try p.waitFor("Sam> ", count: 1)
    p.send("hello")
    try p.waitFor("you> hello\n", count: 1)
    p.signal(SIGTERM)
    #expect(try p.wait() == 128 + SIGTERM)
    #expect(p.stderr.contains("ended after 1 line"))
    let last = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").last.map(String.init) ?? ""
    #expect(last.contains("\"tether_end\":\"signal\""))
  }

  // MARK: - The disk refuses

  /// A scripted session whose transcript cannot be written: play says so, answers every line,
  /// and `/save` writes everything elsewhere.
  static func refusedDisk(
    _ arguments: [String], environment: [String: String] = [:], expected: String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let saved = dir.appendingPathComponent("saved.jsonl").path
    let script = ["hello", "nobody ever calls me", "/save /proc/cannot/save.jsonl", "i feel tired", "/save \(saved)"]
    let r = try Binary.run(
      ["play", "lonely-evening", "--persona", "engager", "--seed", "3"] + arguments,
      input: Data(script.joined(separator: "\n").utf8), environment: environment.merging(["COLUMNS": "400"]) { a, _ in a })
    #expect(r.status == 0, "\(r.stderr)", sourceLocation: sourceLocation)
    #expect(r.stdout.contains("Tether cannot save this conversation: \(expected)"), "\(r.stdout.prefix(600))", sourceLocation: sourceLocation)
    #expect(r.stdout.contains("The conversation goes on, kept in memory; /save PATH writes it somewhere else."), sourceLocation: sourceLocation)
    #expect(r.stdout.components(separatedBy: "Mia> ").count - 1 == 4, sourceLocation: sourceLocation)  // the opening and three lines
    #expect(r.stdout.contains("Could not save: cannot write /proc/cannot/save.jsonl"), sourceLocation: sourceLocation)
    #expect(r.stdout.contains("Saved the transcript to \(saved)."), sourceLocation: sourceLocation)
    #expect(r.stderr.contains("kept in memory only"), sourceLocation: sourceLocation)
    let records = try String(contentsOfFile: saved, encoding: .utf8).split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    #expect(records.first?["tether_transcript"] as? Int == 1, sourceLocation: sourceLocation)
    #expect(records.compactMap { $0["input"] as? String } == ["hello", "nobody ever calls me", "i feel tired"], sourceLocation: sourceLocation)
  }

  @Test("The disk is full (/dev/full): play says so, goes on, /save writes elsewhere")
  func diskFull() throws {
    try Self.refusedDisk(["--transcript", "/dev/full"], expected: "cannot write to /dev/full (the disk is full)")
  }

  @Test("The transcripts folder cannot be made (a file where the data folder should be)")
  func folderCannotBeMade() throws {
    let dir = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let blocker = dir.appendingPathComponent("data")
    try Data("not a folder".utf8).write(to: blocker)
    try Self.refusedDisk([], environment: ["XDG_DATA_HOME": blocker.path], expected: "cannot create the folder")
  }

  @Test("The transcript path is a folder, or lies under /proc")
  func pathCannotBeWritten() throws {
    let dir = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Self.refusedDisk(["--transcript", dir.path], expected: "cannot write \(dir.path)")
    try Self.refusedDisk(["--transcript", "/proc/self/tether.jsonl"], expected: "cannot write /proc/self/tether.jsonl")
  }

  @Test("On a terminal with the disk full: the warning, the conversation, then /save")
  func diskFullOnATerminal() throws {
    let dir = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let saved = dir.appendingPathComponent("saved.jsonl").path
    let p = try PtyProcess(
      ["play", "lonely-evening", "--persona", "guardian", "--pace", "off", "--seed", "1", "--transcript", "/dev/full"],
      environment: ["XDG_STATE_HOME": dir.appendingPathComponent("state").path], columns: 200)
    try p.expect("the disk is full")
    try p.expect("you> ")
    p.send("hello there\r")
    try p.expect("Sam> ")
    try p.expect("you> ")
    p.send("/save \(saved)\r")
    try p.expect("Saved the transcript to")
    try p.expect("you> ")  // readline is listening again: a Ctrl-D typed before that can be lost
    p.send("\u{04}")
    try p.expect("kept in memory only")
    #expect(try p.wait() == 0)
    let text = try String(contentsOfFile: saved, encoding: .utf8)
    #expect(text.contains("\"input\":\"hello there\""))
  }
}
