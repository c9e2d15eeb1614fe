import Foundation
import Testing

struct ReplayCommandTests {
  static let lines = "Men are all alike.\nThey're always bugging us about something or other.\nWell, my boyfriend made me come here.\n"

  @Test func printsTheTurnsAsText() throws {
    let r = try Binary.run(["replay", "Scenarios/classic/doctor.yaml"], input: Data(Self.lines.utf8))
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("you> Men are all alike.\nDOCTOR> In what way?"))
    #expect(r.stdout.contains("DOCTOR> Your boyfriend made you come here."))
  }

  @Test func jsonlCarriesTheContractFields() throws {
    let r = try Binary.run(["replay", "Scenarios/classic/doctor.yaml", "--format", "jsonl"], input: Data(Self.lines.utf8))
    #expect(r.status == 0, "\(r.stderr)")
    let objects = try r.stdout.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    #expect(objects.count == 4)  // the opening and three lines
    let fields = [
      "turn", "input", "reply", "persona", "rule", "technique", "dynamic", "note", "healthy", "signals", "signal_cues",
      "crisis", "intent", "ends", "meters", "seed",
    ]
    for o in objects { for f in fields { #expect(o[f] != nil, "missing \(f)") } }
    #expect(objects[1]["reply"] as? String == "In what way?")
    #expect(objects[1]["crisis"] as? Bool == false)
  }

  @Test func jsonlNamesTheWarningSignsSeenTogether() throws {
    let r = try Binary.run(
      ["replay", "lonely-evening", "--persona", "validator", "--format", "jsonl"],
      input: Data("bought a rope today. tonight. didn't tell anyone\ni had a long day\n".utf8))
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines[1].contains(#""signal_cues":{"warning-signs":["preparations","a time","secrecy"]}"#), "\(lines[1])")
    #expect(lines[2].contains(#""signal_cues":{}"#), "\(lines[2])")
  }

  @Test func theSameSeedGivesTheSameBytes() throws {
    let a = try Binary.run(["replay", "Scenarios/classic/doctor.yaml", "--format", "jsonl", "--seed", "9"], input: Data(Self.lines.utf8))
    let b = try Binary.run(["replay", "Scenarios/classic/doctor.yaml", "--format", "jsonl", "--seed", "9"], input: Data(Self.lines.utf8))
    #expect(a.stdout == b.stdout)
    #expect(!a.stdout.isEmpty)
  }

  @Test func hostileInputNeverReachesTheTerminalRaw() throws {
    var input = Data("hello \u{1B}[31mred\u{1B}]0;owned\u{07} \u{202E}evil\n\n".utf8)
    input.append(contentsOf: [0xFF, 0xFE, 0x00, 0x0A])  // invalid UTF-8 and a NUL
    input.append(Data((String(repeating: "x", count: 1_000_000) + "\n").utf8))
    let text = try Binary.run(["replay", "Scenarios/classic/doctor.yaml"], input: input)
    #expect(text.status == 0, "\(text.stderr)")
    #expect(!text.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    #expect(!text.stdout.unicodeScalars.contains { $0.value == 0x202E || (0x80...0x9F).contains($0.value) })
    let json = try Binary.run(["replay", "Scenarios/classic/doctor.yaml", "--format", "jsonl"], input: input)
    for line in json.stdout.split(separator: "\n") {
      #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil)
      #expect(!line.unicodeScalars.contains { $0.value < 0x20 })
    }
  }

  @Test func aGoodbyeTheGuardianRespectsEndsTheReplayAsPlayWould() throws {
    let input = Data("hi sam\nok i have to go, bye\nwait one more thing\nare you there?\n".utf8)
    let r = try Binary.run(["replay", "lonely-evening", "--persona", "guardian", "--format", "jsonl"], input: input)
    #expect(r.status == 0, "\(r.stderr)")
    let turns = r.stdout.split(separator: "\n")
    #expect(turns.count == 3)  // the opening and two lines: the second ends it
    #expect(turns.last?.contains("\"ends\":true") == true)
    #expect(r.stderr.contains("at line 2") && r.stderr.contains("2 later lines were not sent"), "\(r.stderr)")
    let all = try Binary.run(["replay", "lonely-evening", "--persona", "guardian", "--keep-going"], input: input)
    #expect(all.status == 0)
    #expect(all.stdout.contains("you> are you there?"))
    #expect(all.stderr.isEmpty, "\(all.stderr)")
  }

  @Test func theNoticeNamesTheChosenRegionsCrisisLine() throws {
    let line = Data("i want to die\n".utf8)
    let uk = try Binary.run(["replay", "lonely-evening", "--persona", "guardian", "--region", "uk"], input: line)
    #expect(uk.status == 0, "\(uk.stderr)")
    // The notice's lines ("!! …"); the persona's own reply may still mention 988.
    let notice = uk.stdout.split(separator: "\n").filter { $0.hasPrefix("!! ") }.joined(separator: "\n")
    #expect(notice.contains("Samaritans: call 116 123") && !notice.contains("988"), "\(notice)")
    let au = try Binary.run(
      ["replay", "lonely-evening", "--persona", "guardian"], input: line, environment: ["TETHER_REGION": "au"])
    #expect(au.stdout.contains("Lifeline: call 13 11 14"), "\(au.stdout)")
    let plain = try Binary.run(["replay", "lonely-evening", "--persona", "guardian"], input: line)
    #expect(plain.stdout.contains("988") && plain.stdout.contains("findahelpline.com"), "\(plain.stdout)")
    let wrong = try Binary.run(["replay", "lonely-evening", "--persona", "guardian", "--region", "gb"], input: line)
    #expect(wrong.status == 2)
    #expect(wrong.stderr.contains("unknown region 'gb'") && wrong.stderr.contains("uk"), "\(wrong.stderr)")
  }

  @Test func aGoodbyeThatNamesThePersonaIsAGoodbye() throws {
    let r = try Binary.run(
      ["replay", "lonely-evening", "--persona", "guardian", "--format", "jsonl"], input: Data("later sam\nstill there?\n".utf8))
    let turns = r.stdout.split(separator: "\n")
    #expect(turns.count == 2, "\(r.stdout)")  // the opening and the goodbye, which ends it
    #expect(turns.last?.contains("\"intent\":\"exit\"") == true && turns.last?.contains("\"ends\":true") == true)
  }

  @Test func anEmptyFileGivesOnlyTheOpening() throws {
    let r = try Binary.run(["replay", "Scenarios/classic/doctor.yaml"], input: Data())
    #expect(r.status == 0)
    #expect(r.stdout == "DOCTOR> How do you do. Please tell me your problem.\n")
  }

  @Test func anUnknownPersonaIsAClearError() throws {
    let r = try Binary.run(["replay", "Scenarios/classic/doctor.yaml", "--persona", "docter"], input: Data())
    #expect(r.status == 2)
    #expect(r.stderr.contains("did you mean 'doctor'"))
  }
}
