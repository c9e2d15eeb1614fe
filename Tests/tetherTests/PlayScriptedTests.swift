import Foundation
import Testing

/// `tether play` with standard input not a terminal: scripted, as a facilitator's script runs it.
@Suite("play, scripted")
struct PlayScriptedTests {
  static func scratch() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tether-scripted-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  static func records(_ path: String) throws -> [[String: Any]] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
  }

  @Test("Turns print as replay prints them; the guardian lets a goodbye end the session")
  func turnsAndGoodbye() throws {
    let dir = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let transcript = dir.appendingPathComponent("t.jsonl").path
    let r = try Binary.run(
      ["play", "lonely-evening", "--persona", "guardian", "--seed", "4", "--transcript", transcript],
      input: Data("hi\n/why\ngood night\nthis line is never read\n".utf8))
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("you> hi\nSam> "))
    #expect(r.stdout.contains("Why Sam said that (turn 1)"))
    #expect(!r.stdout.contains("this line is never read"))
    #expect(r.stderr.contains("Conversation with Sam ended after 2 lines. Transcript: \(transcript)"))
    let records = try Self.records(transcript)
    #expect(records.first?["scenario"] as? String == "lonely-evening")
    #expect(records.first?["seed"] as? Int == 4)
    #expect(records.last?["tether_end"] as? String == "persona")
    let attrs = try FileManager.default.attributesOfItem(atPath: transcript)
    #expect((attrs[.posixPermissions] as? Int) == 0o600)
  }

  @Test("--annotate names the warning signs seen together; the transcript keeps them as signal_cues")
  func warningSignsAnnotated() throws {
    let dir = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let transcript = dir.appendingPathComponent("t.jsonl").path
    let r = try Binary.run(
      ["play", "lonely-evening", "--persona", "guardian", "--annotate", "--transcript", transcript],
      input: Data("bought a rope today. tonight. didn't tell anyone\n".utf8), environment: ["COLUMNS": "200"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stdout.contains(
        "signals in your line: A plan, a means or a time, Several warning signs together (preparations, a time, secrecy)"),
      "\(r.stdout)")
    let turn = try #require(try Self.records(transcript).first { $0["input"] as? String != nil })
    let cues = turn["signal_cues"] as? [String: [String]]
    #expect(cues == ["warning-signs": ["preparations", "a time", "secrecy"]])
  }

  @Test("An unknown command gets a did-you-mean and never reaches the persona")
  func unknownCommand() throws {
    let dir = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let transcript = dir.appendingPathComponent("t.jsonl").path
    let r = try Binary.run(
      ["play", "lonely-evening", "--persona", "engager", "--transcript", transcript],
      input: Data("/stat\n/persona gaurdian\n".utf8))
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("There is no command /stat. Did you mean /state?"))
    #expect(r.stdout.contains("This scenario has no persona gaurdian. Did you mean guardian?"))
    #expect(try Self.records(transcript).allSatisfy { $0["input"] as? String == nil })
  }

  @Test("When the transcript cannot be written, play says so, goes on, and /save writes elsewhere")
  func unwritableTranscript() throws {
    let dir = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let saved = dir.appendingPathComponent("saved.jsonl").path
    let r = try Binary.run(
      ["play", "lonely-evening", "--persona", "validator", "--transcript", "/proc/no-such-folder/t.jsonl"],
      input: Data("i had a rough day\n/save \(saved)\n".utf8))
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("Tether cannot save this conversation: cannot create the folder"))
    #expect(r.stdout.contains("Sunny> "))
    #expect(r.stdout.contains("Saved the transcript to \(saved)."))
    let records = try Self.records(saved)
    #expect(records.first?["tether_transcript"] as? Int == 1)
    #expect(records.contains { $0["input"] as? String == "i had a rough day" })
    #expect(r.stderr.contains("kept in memory only"))
  }

  @Test("/persona switches and says the conversation restarts; the transcript holds both")
  func switchPersona() throws {
    let dir = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let transcript = dir.appendingPathComponent("t.jsonl").path
    let r = try Binary.run(
      ["play", "lonely-evening", "--persona", "engager", "--transcript", transcript],
      input: Data("hello\n/persona guardian\nhello\n/quit\n".utf8))
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("Now talking with Sam (guardian). The conversation starts over."))
    let records = try Self.records(transcript)
    #expect(records.compactMap { $0["tether_end"] as? String } == ["switch", "quit"])
    #expect(records.compactMap { $0["persona_name"] as? String } == ["Mia", "Sam"])
  }

  /// Every file under `folder`, as paths relative to it.
  static func files(under folder: URL) -> [String] {
    let items = FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []
    return items.filter {
      var isFolder: ObjCBool = false
      return FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path, isDirectory: &isFolder)
        && !isFolder.boolValue
    }.sorted()
  }

  @Test("A wrong persona is a usage error with a did-you-mean, and leaves no transcript file")
  func wrongPersona() throws {
    let dir = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = dir.appendingPathComponent("data")
    let r = try Binary.run(
      ["play", "lonely-evening", "--persona", "enagger"], input: Data(),
      environment: ["XDG_DATA_HOME": data.path, "XDG_STATE_HOME": dir.appendingPathComponent("state").path])
    #expect(r.status == 2)
    #expect(r.stderr.contains("error: scenario 'lonely-evening' has no persona 'enagger'"))
    #expect(r.stderr.contains("did you mean 'engager'?"))
    #expect(r.stdout.isEmpty, "\(r.stdout)")
    #expect(Self.files(under: dir).isEmpty, "\(Self.files(under: dir))")
    #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("tether/transcripts").path))
  }

  @Test("Play refuses an unknown scenario, a wrong region or a bad --idle before it makes any file", arguments: [
    (["lonely-evenin", "--persona", "guardian"], Int32(1), "did you mean 'lonely-evening'?"),
    (["lonely-evening", "--persona", "guardian", "--region", "xx"], Int32(2), "error: --region: "),
    (["lonely-evening", "--persona", "guardian", "--idle=-1"], Int32(2), "--idle takes a number of seconds"),
  ])
  func refusedBeforeAnyFile(arguments: [String], status: Int32, message: String) throws {
    let dir = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try Binary.run(
      ["play"] + arguments, input: Data("hello\n".utf8),
      environment: [
        "XDG_DATA_HOME": dir.appendingPathComponent("data").path,
        "XDG_STATE_HOME": dir.appendingPathComponent("state").path,
      ])
    #expect(r.status == status, "\(r.stderr)")
    #expect(r.stderr.contains(message), "\(r.stderr)")
    #expect(Self.files(under: dir).isEmpty, "\(Self.files(under: dir))")
  }

  @Test("A binary copied away from the repository says how to point it at the scenarios")
  func copiedBinary() throws {
    let dir = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let copy = dir.appendingPathComponent("tether")
    try FileManager.default.copyItem(at: Binary.path, to: copy)
    let r = try Binary.run(["play"], input: Data(), directory: dir, executable: copy)
    #expect(r.status == 1)
    #expect(r.stderr.contains("--scenarios DIR"))
    #expect(r.stderr.contains("TETHER_SCENARIOS"))
    let data = dir.appendingPathComponent("data")
    let pointed = try Binary.run(
      ["play", "--persona", "guardian", "--scenarios", Binary.repository.appendingPathComponent("Scenarios").path],
      input: Data("hi\n".utf8), directory: dir, environment: ["XDG_DATA_HOME": data.path], executable: copy)
    #expect(pointed.status == 0, "\(pointed.stderr)")
    #expect(pointed.stdout.contains("Sam> "))
    // The session that started kept its transcript, in the folder it was given.
    let kept = Self.files(under: data)
    try #require(kept.count == 1, "\(kept)")
    #expect(kept[0].hasPrefix("tether/transcripts/lonely-evening-guardian-"), "\(kept)")
    let records = try Self.records(data.appendingPathComponent(kept[0]).path)
    #expect(records.compactMap { $0["persona_name"] as? String } == ["Sam"])
    #expect(records.compactMap { $0["tether_end"] as? String } == ["eof"])
  }
}
