import Foundation
import Testing

/// `tether bench` end to end: it runs, its JSON has the contract's fields, its checks pass.
/// Never a timing assertion.
struct BenchCommandTests {
  static let rules = """
    {"seed": 1, "n": 3, "fallback": "I have no rule for that.", "rules": [
     {"id": "r00000", "keyword": "garden", "shape": "infix", "pattern": "* garden *", "capture": 2,
      "replies": ["Why do you say {cap}?", "Tell me more about {cap}.", "Is {cap} really about garden?"]},
     {"id": "r00001", "keyword": "kw00001", "shape": "prefix", "pattern": "i kw00001 *", "capture": 1,
      "replies": ["I see, {cap}. Go on.", "Does {cap} happen often?", "Let us talk about {cap}."]},
     {"id": "r00002", "keyword": "kw00002", "shape": "infix", "pattern": "* kw00002 *", "capture": 2,
      "replies": ["What if {cap} were not true?", "You mentioned kw00002 and then {cap}.", "So kw00002 brings up {cap} for you?"]}
    ]}
    """

  static func inputs(capture0: String = "my old house") -> String {
    """
    {"seed": 1, "m": 5, "fallback": "I have no rule for that.", "sets": {"3": [
     {"text": "the man garden my old house", "rule": 0, "capture": "\(capture0)"},
     {"text": "i kw00001 your work was good", "rule": 1, "capture": "your work was good"},
     {"text": "so many people kw00002 me and my home", "rule": 2, "capture": "me and my home"},
     {"text": "there is no keyword in this line", "rule": null, "capture": null},
     {"text": "we like the garden very much", "rule": 0, "capture": "very much"}
    ]}}
    """
  }

  /// A folder holding `rules_3.json` and `inputs.json`.
  static func folder(inputs: String = inputs()) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tether-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try Data(rules.utf8).write(to: dir.appendingPathComponent("rules_3.json"))
    try Data(inputs.utf8).write(to: dir.appendingPathComponent("inputs.json"))
    return dir
  }

  static func objects(_ stdout: String) throws -> [[String: Any]] {
    try stdout.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
  }

  @Test func smokeModeGivesCorrectJSONLines() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try Binary.run(["bench", "--smoke", "--lines", "60", "--peer-rules", dir.path, "--format", "json"])
    #expect(r.status == 0, "\(r.stderr.suffix(2000))")
    let rows = try Self.objects(r.stdout)
    let fields = ["suite", "persona", "rules", "turns", "load_ms", "median_ns", "p99_ns", "peak_rss_mb", "correct"]
    for o in rows {
      for f in fields { #expect(o.keys.contains(f), "missing \(f) in \(o)") }
      #expect(o["correct"] as? Bool == true, "\(o)")
    }
    // The neutral set: one turn row, measured in a process of its own, and its split by stage.
    let neutral = rows.filter { $0["suite"] as? String == "neutral" && $0["stage"] is NSNull }
    #expect(neutral.count == 1)
    #expect(neutral.first?["rules"] as? Int == 3)
    #expect(neutral.first?["turns"] as? Int == 5)
    #expect(neutral.first?["persona"] is NSNull)
    #expect(neutral.first?["peak_rss_mb"] as? Double != nil)
    let stages = Set(rows.filter { $0["suite"] as? String == "neutral" }.compactMap { $0["stage"] as? String })
    #expect(stages == ["clock", "normalize", "signals", "candidates", "match", "render", "effects"])
    // The shipped scenarios: the folder, and every persona over its demo and a generated conversation.
    #expect(rows.contains { $0["suite"] as? String == "scenarios" && $0["load_ms"] as? Double != nil })
    let doctor = rows.filter { $0["suite"] as? String == "doctor" && $0["stage"] is NSNull }
    #expect(Set(doctor.compactMap { $0["script"] as? String }) == ["demo", "generated"])
    #expect(doctor.allSatisfy { $0["persona"] as? String == "doctor" && ($0["turns"] as? Int ?? 0) > 0 })
    #expect(rows.contains { $0["suite"] as? String == "two-am" && $0["persona"] as? String == "guardian" })
  }

  @Test func aWrongReplyFailsTheRunAndSaysWhich() throws {
    let dir = try Self.folder(inputs: Self.inputs(capture0: "something else"))
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try Binary.run(["bench", "--smoke", "--suite", "neutral", "--peer-rules", dir.path])
    #expect(r.status == 1)
    #expect(r.stdout.contains("NOT CORRECT"))
    #expect(r.stdout.contains("the man garden my old house"))
  }

  @Test func theNeutralSuiteNeedsItsFolder() throws {
    #expect(try Binary.run(["bench", "--suite", "neutral"]).status == 2)
    #expect(try Binary.run(["bench", "--only-size", "100"]).status == 2)
    let missing = try Binary.run(["bench", "--suite", "neutral", "--peer-rules", "/no/such/folder"])
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("no rules_N.json"))
  }
}
