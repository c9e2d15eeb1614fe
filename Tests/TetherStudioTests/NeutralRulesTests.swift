import Foundation
import Testing

@testable import TetherStudio

/// A tiny rule set in the neutral format of `../shared/bench/gen_rules.py`, and its inputs.
enum TinyNeutralSet {
  static let rules = """
    {"seed": 1, "n": 4, "fallback": "I have no rule for that.", "rules": [
     {"id": "r00000", "keyword": "garden", "shape": "infix", "pattern": "* garden *", "capture": 2,
      "replies": ["Why do you say {cap}?", "Tell me more about {cap}.", "Is {cap} really about garden?"]},
     {"id": "r00001", "keyword": "kw00001", "shape": "prefix", "pattern": "i kw00001 *", "capture": 1,
      "replies": ["I see, {cap}. Go on.", "Does {cap} happen often?", "Let us talk about {cap}."]},
     {"id": "r00002", "keyword": "kw00002", "shape": "infix", "pattern": "* kw00002 *", "capture": 2,
      "replies": ["What if {cap} were not true?", "You mentioned kw00002 and then {cap}.", "So kw00002 brings up {cap} for you?"]},
     {"id": "r00003", "keyword": "piano", "shape": "prefix", "pattern": "i piano *", "capture": 1,
      "replies": ["Why do you say {cap}?", "I see, {cap}. Go on.", "Tell me more about {cap}."]}
    ]}
    """

  /// Captures with "my", "me", "your": reflection would change them, so they must come back verbatim.
  static let inputs = """
    {"seed": 1, "m": 7, "fallback": "I have no rule for that.", "sets": {"4": [
     {"text": "the man garden my old house near me", "rule": 0, "capture": "my old house near me"},
     {"text": "i kw00001 your work was good", "rule": 1, "capture": "your work was good"},
     {"text": "so many people kw00002 me and my home", "rule": 2, "capture": "me and my home"},
     {"text": "i piano left my keys", "rule": 3, "capture": "left my keys"},
     {"text": "there is no keyword in this line", "rule": null, "capture": null},
     {"text": "my kw00001 is not at the start", "rule": null, "capture": null},
     {"text": "we like the garden very much", "rule": 0, "capture": "very much"}
    ]}}
    """

  static var scenariosRoot: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Scenarios").path
  }

  static func converted() throws -> NeutralRules.Converted {
    try NeutralRules.convert(rulesJSON: Data(rules.utf8), inputsJSON: Data(inputs.utf8), size: 4)
  }
}

@Suite("Neutral rule sets converted for tether bench")
struct NeutralRulesTests {
  @Test("Each neutral rule becomes a Tether rule; captures come back verbatim; the fallback answers the rest")
  func conversionIsCorrect() throws {
    let set = try TinyNeutralSet.converted()
    #expect(set.size == 4)
    #expect(set.inputs.count == 7)
    #expect(set.expected[0].contains("Why do you say my old house near me?"))
    #expect(set.expected[4] == ["I have no rule for that."])
    #expect(set.yaml.contains("match: \"* garden *\""))
    #expect(set.yaml.contains("\"Why do you say {2}?\""))
    #expect(set.yaml.contains("\"I see, {1}. Go on.\""))
    #expect(set.yaml.contains("lexicon: {}"))

    let shared = try NeutralRules.sharedFiles(root: TinyNeutralSet.scenariosRoot)
    let results = try Benchmark.neutral(set, shared: shared, options: .smoke)
    let turn = try #require(results.first { $0.stage == nil })
    #expect(turn.suite == "neutral")
    #expect(turn.persona == nil)
    #expect(turn.rules == 4)
    #expect(turn.turns == 7)
    #expect(turn.correct, "\(turn.problem ?? "")")
    #expect(turn.loadMs != nil && turn.medianNs != nil && turn.p99Ns != nil)
    #expect(turn.medianHitNs != nil && turn.medianFallbackNs != nil)
    let stages = results.compactMap(\.stage)
    #expect(stages == ["clock"] + Benchmark.stages)
    #expect(results.allSatisfy { $0.correct })
  }

  @Test("A wrong reply is caught: the check is not vacuous")
  func wrongRepliesAreCaught() throws {
    var set = try TinyNeutralSet.converted()
    set.expected[1] = ["Something else entirely."]
    let shared = try NeutralRules.sharedFiles(root: TinyNeutralSet.scenariosRoot)
    let results = try Benchmark.neutral(set, shared: shared, options: .smoke)
    let turn = try #require(results.first { $0.stage == nil })
    #expect(!turn.correct)
    #expect(turn.problem?.contains("i kw00001 your work was good") == true)
  }

  @Test("A reply without {cap}, or a pattern Tether cannot take as written, is refused")
  func badRulesAreRefused() throws {
    let noCapture = TinyNeutralSet.rules.replacingOccurrences(of: "Why do you say {cap}?", with: "Why do you say so?")
    #expect(throws: Benchmark.Failure.self) {
      try NeutralRules.convert(rulesJSON: Data(noCapture.utf8), inputsJSON: Data(TinyNeutralSet.inputs.utf8), size: 4)
    }
    let badPattern = TinyNeutralSet.rules.replacingOccurrences(of: "\"* garden *\"", with: "\"* {garden} *\"")
    #expect(throws: Benchmark.Failure.self) {
      try NeutralRules.convert(rulesJSON: Data(badPattern.utf8), inputsJSON: Data(TinyNeutralSet.inputs.utf8), size: 4)
    }
    #expect(throws: Benchmark.Failure.self) {
      try NeutralRules.convert(
        rulesJSON: Data(TinyNeutralSet.rules.utf8), inputsJSON: Data(TinyNeutralSet.inputs.utf8), size: 100)
    }
  }

  @Test("A folder's sizes are read from its rules_N.json files")
  func sizesOfAFolder() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tether-neutral-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    for name in ["rules_1000.json", "rules_100.json", "inputs.json", "rules_x.json"] {
      try Data("{}".utf8).write(to: dir.appendingPathComponent(name))
    }
    #expect(NeutralRules.sizes(in: dir.path) == [100, 1000])
  }

  @Test("Every JSON line has the same snake_case keys, nulls included")
  func jsonKeys() throws {
    let r = Benchmark.Result(suite: "neutral", rules: 4, turns: 7, loadMs: 1.5, medianNs: 300, p99Ns: 900, correct: true)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(TurnJSON.line(r).utf8)) as? [String: Any])
    for key in [
      "suite", "persona", "script", "stage", "rules", "turns", "load_ms", "median_ns", "p99_ns", "peak_rss_mb", "correct",
    ] {
      #expect(object.keys.contains(key), "missing \(key)")
    }
    #expect(object["persona"] is NSNull)
    #expect(object["median_ns"] as? Int == 300)
  }
}
