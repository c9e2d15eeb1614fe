import Foundation
import Testing
import TetherEngine

@testable import TetherStudio

@Suite("Reading transcripts")
struct TranscriptReaderTests {
  static func read(_ text: String) throws -> TranscriptReader.Contents {
    try TranscriptReader.read(Data(text.utf8), file: "t.jsonl")
  }

  @Test("A header, turns and an end record make one closed conversation")
  func headerTurnsEnd() throws {
    let turns = try ClassroomFixture.turns("guardian", ["hi", "good night"])
    let text =
      ClassroomFixture.header("guardian", name: "Sam") + ClassroomFixture.jsonl(turns)
      + ClassroomFixture.end("persona", turns: 2)
    let contents = try Self.read(text)
    #expect(contents.warnings.isEmpty)
    let c = try #require(contents.conversations.first)
    #expect(contents.conversations.count == 1)
    #expect(c.header?.personaName == "Sam")
    #expect(c.turns == turns)
    #expect(c.end?.tetherEnd == "persona")
    #expect(!c.cut)
    #expect(c.line == 1)
  }

  @Test("The warning signs seen together are kept as signal_cues; a record written before them reads as none")
  func signalCues() throws {
    let turns = try ClassroomFixture.turns("guardian", ["hi", "bought a rope today. tonight. didn't tell anyone"])
    let line = TurnJSON.line(turns[2])
    #expect(line.contains(#""signal_cues":{"warning-signs":["preparations","a time","secrecy"]}"#), "\(line)")
    #expect(TurnJSON.line(turns[1]).contains(#""signal_cues":{}"#))
    #expect(try Self.read(ClassroomFixture.jsonl(turns)).conversations.first?.turns == turns)
    let older = line.replacingOccurrences(of: #""signal_cues":{"warning-signs":["preparations","a time","secrecy"]},"#, with: "")
    #expect(!older.contains("signal_cues"))
    let read = try #require(try Self.read(older + "\n").conversations.first?.turns.first)
    #expect(read.signalCues.isEmpty)
    #expect(read.signals == turns[2].signals)
  }

  @Test("A torn last line is skipped with a warning; everything before it is kept and the cut is noted")
  func tornLastLine() throws {
    let turns = try ClassroomFixture.turns("engager", ["hi", "I feel so lonely tonight", "good night"])
    let whole = ClassroomFixture.header("engager", name: "Mia") + ClassroomFixture.jsonl(Array(turns.prefix(3)))
    let last = TurnJSON.line(turns[3])
    let text = whole + last.prefix(last.count / 2)
    let contents = try Self.read(text)
    let c = try #require(contents.conversations.first)
    #expect(c.turns == Array(turns.prefix(3)))
    #expect(c.torn && c.cut)
    #expect(
      contents.warnings == [
        "t.jsonl:5: warning: the last line is cut off (the session was probably interrupted); it was skipped"
      ])
  }

  @Test("A last line that is whole JSON but not a whole record, with no newline, is torn too")
  func tornButValidJSON() throws {
    let contents = try Self.read(ClassroomFixture.header("engager", name: "Mia") + "{\"turn\":1}")
    #expect(contents.conversations.first?.torn == true)
    #expect(contents.warnings.count == 1)
  }

  @Test("No end record: the conversation was cut (a crash or kill -9)")
  func noEnd() throws {
    let turns = try ClassroomFixture.turns("engager", ["hi"])
    let c = try #require(
      try Self.read(ClassroomFixture.header("engager", name: "Mia") + ClassroomFixture.jsonl(turns)).conversations.first
    )
    #expect(c.cut && !c.torn)
  }

  @Test("replay output has no header: the persona comes from the turns, and a new persona starts a new conversation")
  func headerless() throws {
    let a = try ClassroomFixture.turns("engager", ["hi", "bye"])
    let b = try ClassroomFixture.turns("guardian", ["hi"])
    let again = try ClassroomFixture.turns("guardian", ["hello"])
    let contents = try Self.read(ClassroomFixture.jsonl(a) + ClassroomFixture.jsonl(b) + ClassroomFixture.jsonl(again))
    #expect(contents.conversations.map(\.persona) == ["engager", "guardian", "guardian"])
    #expect(contents.conversations.map(\.turns.count) == [3, 2, 2])
    #expect(contents.conversations.allSatisfy { $0.header == nil && !$0.cut })
    #expect(contents.conversations.map(\.line) == [1, 4, 6])
  }

  @Test("Several conversations in one file, as /persona and /restart write them")
  func several() throws {
    let a = try ClassroomFixture.turns("engager", ["hi"])
    let b = try ClassroomFixture.turns("guardian", ["hi", "bye"])
    let text =
      ClassroomFixture.header("engager", name: "Mia") + ClassroomFixture.jsonl(a)
      + ClassroomFixture.end("switch", turns: 1)
      + ClassroomFixture.header("guardian", name: "Sam") + ClassroomFixture.jsonl(b)
      + ClassroomFixture.end("quit", turns: 2)
    let contents = try Self.read(text)
    #expect(contents.conversations.map(\.persona) == ["engager", "guardian"])
    #expect(contents.conversations.map { $0.end?.tetherEnd } == ["switch", "quit"])
  }

  @Test("A bad line elsewhere is an error that names the file and the line")
  func badLine() throws {
    let turns = try ClassroomFixture.turns("engager", ["hi", "bye"])
    let lines = ClassroomFixture.jsonl(turns).split(separator: "\n").map(String.init)
    let text = lines[0] + "\nthis is not json\n" + lines[1] + "\n"
    #expect {
      try Self.read(text)
    } throws: { error in
      (error as? TranscriptReader.Failure)?.description
        == "t.jsonl:2: error: this line is not JSON; a transcript has one record (a JSON object) per line"
    }
  }

  @Test(
    "A record that is not a transcript record, or has a wrong field, says what is wrong",
    arguments: [
      ("{\"hello\":1}\n", "this is not a transcript record"),
      ("[1,2]\n", "this line is not a JSON object"),
      ("{\"turn\":\"one\"}\n", "the field 'turn' should be a whole number"),
      ("{\"turn\":1,\"event\":\"line\"}\n", "the field 'reply' is missing from this record"),
    ])
  func wrongRecords(line: String, message: String) throws {
    #expect {
      try Self.read(line)
    } throws: { error in
      let f = error as? TranscriptReader.Failure
      return f?.line == 1 && f?.message.hasPrefix(message) == true
    }
  }

  @Test("Blank lines, CRLF endings and invalid UTF-8 are read without complaint")
  func tolerant() throws {
    let turns = try ClassroomFixture.turns("engager", ["h\u{E9}llo"])
    var data = Data("\r\n".utf8)
    for line in ClassroomFixture.jsonl(turns).split(separator: "\n") { data.append(Data((line + "\r\n\n").utf8)) }
    // Replace the é (C3 A9) of the input with a lone, invalid byte.
    if let r = data.firstRange(of: Data([0xC3, 0xA9])) { data.replaceSubrange(r, with: [0xE9]) }
    let contents = try TranscriptReader.read(data, file: "t.jsonl")
    #expect(contents.warnings.isEmpty)
    #expect(contents.conversations.first?.turns.count == 2)
    #expect(contents.conversations.first?.turns.last?.input == "h\u{FFFD}llo")
  }

  @Test("A missing file is a clear error")
  func missingFile() {
    #expect {
      try TranscriptReader.read(path: "/no/such/transcript.jsonl")
    } throws: { error in
      (error as? TranscriptReader.Failure)?.description == "/no/such/transcript.jsonl: error: no such file"
    }
  }
}
