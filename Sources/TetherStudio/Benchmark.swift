import TetherEngine

/// A first benchmark: load time and per-turn cost on synthetic scenarios of growing size.
public enum Benchmark {
  /// One measurement.
  public struct Result: Sendable, Encodable {
    public var suite: String
    public var persona: String?
    public var rules: Int
    public var turns: Int
    public var loadMs: Double
    public var medianNs: Int
    public var p99Ns: Int
    public var correct: Bool

    enum CodingKeys: String, CodingKey {
      case suite, persona, rules, turns, correct
      case loadMs = "load_ms"
      case medianNs = "median_ns"
      case p99Ns = "p99_ns"
    }
  }

  /// A scenario of `n` rules, each filed under a keyword of its own, as a YAML file.
  public static func syntheticYAML(rules n: Int) -> String {
    var text = "scenario: {id: synthetic, title: Synthetic}\npersonas:\n  - id: bot\n    annotated: false\n"
    text += "    meters: {attachment: {start: 0}}\n    rules:\n"
    for i in 0..<n {
      text += "      - match: \"* kw\(i) *\"\n        pick: random\n"
      text += "        replies: [\"one \(i) {2}\", \"two \(i) {2}\", \"three \(i) {2}\"]\n"
      text += "        effects: {meters: {attachment: +1}}\n"
    }
    text += "    events:\n      fallback:\n        - replies: [\"Tell me more.\"]\n"
    return text
  }

  /// Load and per-turn cost for each size; `turns` lines per size after a warm-up.
  public static func synthetic(sizes: [Int], turns: Int) -> [Result] {
    var results: [Result] = []
    let clock = ContinuousClock()
    for n in sizes {
      let yaml = syntheticYAML(rules: n)
      var scenario: Scenario?
      let load = clock.measure {
        scenario = ScenarioLibrary(files: [("synthetic-\(n).yaml", yaml)]).compile("synthetic").scenario
      }
      guard let scenario, var c = try? Conversation(scenario: scenario, persona: "bot", seed: 1) else { continue }
      var random = SplitMix64(seed: 42)
      var lines: [(String, Int?)] = []
      for _ in 0..<turns {
        let hit = random.next() % 100 < 78
        let k = Int(random.next() % UInt64(n))
        lines.append(hit ? ("i think kw\(k) is on my mind today", k) : ("nothing here matches at all", nil))
      }
      for (line, _) in lines.prefix(200) { _ = c.respond(to: line) }
      var times: [Int] = []
      var correct = true
      for (line, k) in lines {
        var turn: Turn?
        let d = clock.measure { turn = c.respond(to: line) }
        times.append(Int(d.components.attoseconds / 1_000_000_000 + d.components.seconds * 1_000_000_000))
        let reply = turn?.reply ?? ""
        if let k {
          if !(reply.hasSuffix("\(k) is on your mind today") || reply.hasSuffix("\(k) is on my mind today")) {
            correct = false
          }
        } else if reply != "Tell me more." {
          correct = false
        }
      }
      times.sort()
      let ms = Double(load.components.seconds) * 1000 + Double(load.components.attoseconds) / 1e15
      results.append(
        Result(
          suite: "synthetic", persona: "bot", rules: n, turns: turns, loadMs: (ms * 10).rounded() / 10,
          medianNs: times[times.count / 2], p99Ns: times[min(times.count - 1, times.count * 99 / 100)],
          correct: correct))
    }
    return results
  }
}
