import Foundation
import Testing

/// `tether play` driven through a real pseudo-terminal, keys and signals as a person sends them.
@Suite("play on a terminal")
struct PlayTerminalTests {
  /// A private folder for one test's transcripts and history, removed when the test is done
  /// with it, after every program it started has ended.
  final class Sandbox {
    let folder: URL
    /// The programs started here, stopped before the folder goes.
    private var started: [PtyProcess] = []

    init() throws {
      folder = FileManager.default.temporaryDirectory.appendingPathComponent("tether-play-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit {
      for p in started { p.stop() }
      try? FileManager.default.removeItem(at: folder)
    }
    var transcript: String { folder.appendingPathComponent("t.jsonl").path }
    var environment: [String: String] {
      ["XDG_DATA_HOME": folder.appendingPathComponent("data").path, "XDG_STATE_HOME": folder.appendingPathComponent("state").path]
    }

    /// The transcript's records, each parsed.
    func records() throws -> [[String: Any]] {
      let text = try String(contentsOfFile: transcript, encoding: .utf8)
      return try text.split(separator: "\n").map {
        try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
      }
    }

    /// The user lines the transcript holds, in order.
    func inputs() throws -> [String] { try records().compactMap { $0["input"] as? String } }

    func play(_ arguments: [String]) throws -> PtyProcess {
      let p = try PtyProcess(
        ["play"] + arguments + ["--pace", "off", "--seed", "1", "--transcript", transcript], environment: environment)
      started.append(p)
      return p
    }
  }

  @Test("The prompt appears, and a line gets the persona's reply")
  func promptAndReply() throws {
    let box = try Sandbox()
    let p = try box.play(["lonely-evening", "--persona", "guardian"])
    try p.expect("A lonely evening")
    try p.expect("you> ")
    p.send("I feel so lonely tonight\r")
    try p.expect("Sam> ")
    try p.expect("you> ")
    #expect(try box.inputs() == ["I feel so lonely tonight"])
  }

  @Test("Annotation mode shows the technique and the healthy alternative; /why names the rule")
  func annotationAndWhy() throws {
    let box = try Sandbox()
    let p = try box.play(["lonely-evening", "--persona", "engager", "--annotate"])
    try p.expect("you> ")
    p.send("nobody ever calls me\r")
    try p.expect("Mia> ")
    let block = try p.expect("you> ")
    #expect(block.contains("┆"))
    #expect(block.contains("healthy:"))
    let rule = try #require(try box.records().last?["rule"] as? String)
    p.send("/why\r")
    let why = try p.expect("other rules it considered", timeout: 10)
    #expect(why.contains("Why Mia said that"))
    #expect(why.contains(rule))
  }

  @Test("The up arrow recalls the previous line")
  func upArrowRecalls() throws {
    let box = try Sandbox()
    let p = try box.play(["lonely-evening", "--persona", "validator"])
    try p.expect("you> ")
    p.send("work was awful today\r")
    try p.expect("Sunny> ")
    try p.expect("you> ")
    p.send("\u{1B}[A")
    try p.expect("work was awful today")
    p.send("\r")
    try p.expect("Sunny> ")
    #expect(try box.inputs() == ["work was awful today", "work was awful today"])
  }

  @Test("Tab completes /wh to /why, and /persona to the persona ids")
  func tabCompletes() throws {
    let box = try Sandbox()
    let p = try box.play(["lonely-evening", "--persona", "guardian"])
    try p.expect("you> ")
    p.send("/wh\t")
    try p.expect("/why")
    p.send("\r")
    try p.expect("Why Sam said that (turn 0)")
    p.send("/persona en\t\r")
    try p.expect("Now talking with Mia (engager)")
  }

  @Test("A nudge after silence arrives above the prompt without eating a half-typed line")
  func nudgeKeepsHalfTypedLine() throws {
    let box = try Sandbox()
    let p = try box.play(["lonely-evening", "--persona", "engager", "--idle", "0.4"])
    try p.expect("you> ")
    p.send("hal")
    try p.expect("hal")
    // The engager writes unprompted after the silence; the line is redrawn under it.
    try p.expect("Mia> ", timeout: 10)
    try p.expect("you> hal", timeout: 10)
    p.send("lo\r")
    try p.expect("you> ", timeout: 10)
    let records = try box.records()
    #expect(records.contains { $0["event"] as? String == "silence" })
    #expect(try box.inputs().first == "hallo")
  }

  @Test("Ctrl-C drops the line and keeps the conversation, as in a shell")
  func ctrlCClearsTheLine() throws {
    let box = try Sandbox()
    let p = try box.play(["lonely-evening", "--persona", "guardian"])
    try p.expect("you> ")
    p.send("abc")
    try p.expect("abc")
    p.send("\u{03}")
    try p.expect("^C")
    p.send("hello\r")
    try p.expect("Sam> ")
    #expect(try box.inputs() == ["hello"])
  }

  @Test("Ctrl-D on an empty line ends the session cleanly with a summary")
  func ctrlDEnds() throws {
    let box = try Sandbox()
    let p = try box.play(["lonely-evening", "--persona", "guardian"])
    try p.expect("you> ")
    p.send("hi there\r")
    try p.expect("Sam> ")
    try p.expect("you> ")
    p.send("\u{04}")
    try p.expect("ended after 1 line")
    #expect(try p.wait() == 0)
    #expect(try box.records().last?["tether_end"] as? String == "eof")
  }

  @Test("A crisis line gets the safety notice with annotation off, whatever the persona")
  func crisisNotice() throws {
    for persona in ["engager", "validator", "guardian"] {
      let box = try Sandbox()
      let p = try box.play(["lonely-evening", "--persona", persona])
      try p.expect("you> ")
      p.send("honestly i want to die\r")
      try p.expect("Safety notice (out of character)")
      try p.expect("988")
    }
  }

  @Test("After kill -9 the transcript holds every completed turn, and parses")
  func killNineKeepsTheTranscript() throws {
    let box = try Sandbox()
    let p = try box.play(["lonely-evening", "--persona", "engager"])
    try p.expect("you> ")
    let lines = ["hey mia", "long day at work", "my sister called but i didnt pick up"]
    for line in lines {
      p.send(line + "\r")
      try p.expect("Mia> ")
      try p.expect("you> ")
    }
    p.signal(SIGKILL)
    #expect(try p.wait() == 128 + SIGKILL)
    let records = try box.records()
    #expect(records.first?["tether_transcript"] as? Int == 1)
    #expect(try box.inputs() == lines)
    #expect(records.filter { $0["turn"] != nil }.count == lines.count + 1)  // the opening too
  }

  @Test("SIGTERM and SIGHUP end the session and close the transcript")
  func terminationSignals() throws {
    for (signo, quiet) in [(SIGTERM, false), (SIGHUP, true)] {
      let box = try Sandbox()
      let p = try box.play(["lonely-evening", "--persona", "guardian"])
      try p.expect("you> ")
      p.send("one line\r")
      try p.expect("Sam> ")
      try p.expect("you> ")
      p.signal(signo)
      #expect(try p.wait() == 128 + signo)
      if !quiet { #expect(p.output.contains("ended after 1 line")) }
      #expect(try box.records().last?["tether_end"] as? String == "signal")
    }
  }
}
