import Foundation
import TetherEngine

/// The neutral rule sets of `../shared/bench` (`gen_rules.py`), converted to Tether's model.
///
/// `rules_N.json`: rules of the shapes `* KEYWORD *` (the reply reuses wildcard 2) and
/// `i KEYWORD *` (wildcard 1), three reply templates each with `{cap}` for the captured words;
/// `inputs.json`: per size, inputs with the index of the rule they hit (or null: the fallback).
public enum NeutralRules {
  /// One rule as `gen_rules.py` writes it.
  public struct Rule: Decodable, Sendable {
    public var id: String
    public var keyword: String
    public var shape: String
    public var pattern: String
    public var capture: Int
    public var replies: [String]
  }

  /// A `rules_N.json` file.
  public struct RuleSet: Decodable, Sendable {
    public var n: Int
    public var fallback: String
    public var rules: [Rule]
  }

  /// One test input: its text, the rule it hits (nil: the fallback) and the words that rule captures.
  public struct Input: Decodable, Sendable {
    public var text: String
    public var rule: Int?
    public var capture: String?
  }

  /// The `inputs.json` file.
  public struct InputFile: Decodable, Sendable {
    public var fallback: String
    public var sets: [String: [Input]]
  }

  /// A set converted: the scenario YAML and, per input, the replies that are correct.
  public struct Converted: Sendable {
    public var size: Int
    /// A scenario file of one persona (`bot`): one rule per neutral rule, a fallback event, an empty
    /// lexicon (no contractions, no reflection: captures come back verbatim).
    public var yaml: String
    public var inputs: [String]
    /// The three replies the input's rule allows with its capture filled in, or the fallback alone.
    public var expected: [[String]]
    /// Whether each input hits a rule.
    public var hits: [Bool]
  }

  /// The sizes a folder holds (`rules_N.json`), ascending.
  public static func sizes(in dir: String) -> [Int] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
    return names.compactMap { name -> Int? in
      guard name.hasPrefix("rules_"), name.hasSuffix(".json") else { return nil }
      return Int(name.dropFirst(6).dropLast(5))
    }.sorted()
  }

  /// Reads `rules_N.json` and `inputs.json` from a folder and converts them.
  public static func load(dir: String, size: Int) throws(Benchmark.Failure) -> Converted {
    func read(_ name: String) throws(Benchmark.Failure) -> Data {
      let path = (dir as NSString).appendingPathComponent(name)
      guard let data = FileManager.default.contents(atPath: path) else {
        throw Benchmark.Failure("\(path): cannot read this file (make it with gen_rules.py --out \(dir))")
      }
      return data
    }
    return try convert(rulesJSON: try read("rules_\(size).json"), inputsJSON: try read("inputs.json"), size: size)
  }

  /// Converts the two files' contents for one size.
  public static func convert(rulesJSON: Data, inputsJSON: Data, size: Int) throws(Benchmark.Failure) -> Converted {
    let rules: RuleSet
    let inputs: InputFile
    do {
      rules = try JSONDecoder().decode(RuleSet.self, from: rulesJSON)
      inputs = try JSONDecoder().decode(InputFile.self, from: inputsJSON)
    } catch {
      throw Benchmark.Failure("neutral rules: cannot read the JSON: \(error)")
    }
    guard let set = inputs.sets[String(size)] else {
      throw Benchmark.Failure(
        "neutral rules: inputs.json has no inputs for \(size) rules (it has \(inputs.sets.keys.sorted().joined(separator: ", ")))"
      )
    }
    return try convert(rules, inputs: set)
  }

  /// Converts a rule set and its inputs.
  public static func convert(_ rules: RuleSet, inputs: [Input]) throws(Benchmark.Failure) -> Converted {
    let yaml = try scenarioYAML(rules)
    var expected: [[String]] = []
    var hits: [Bool] = []
    expected.reserveCapacity(inputs.count)
    for (k, input) in inputs.enumerated() {
      if let r = input.rule {
        guard r >= 0, r < rules.rules.count, let capture = input.capture else {
          throw Benchmark.Failure("neutral rules: input \(k) names rule \(r), which the set of \(rules.rules.count) lacks")
        }
        expected.append(rules.rules[r].replies.map { $0.replacingOccurrences(of: "{cap}", with: capture) })
        hits.append(true)
      } else {
        expected.append([rules.fallback])
        hits.append(false)
      }
    }
    return Converted(size: rules.rules.count, yaml: yaml, inputs: inputs.map(\.text), expected: expected, hits: hits)
  }

  /// A double-quoted YAML scalar.
  static func quoted(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
      switch c {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default: out.unicodeScalars.append(c)
      }
    }
    return out + "\""
  }

  /// The scenario file for a rule set. Each rule: its pattern as written, its replies with `{cap}`
  /// as the capture it names, `pick: random`, and one meter effect (so a turn applies effects, as a
  /// shipped persona's does).
  public static func scenarioYAML(_ set: RuleSet) throws(Benchmark.Failure) -> String {
    var text = """
      # Generated by `tether bench` from rules_\(set.rules.count).json (../shared/bench/gen_rules.py).
      lexicon: {}
      scenario:
        id: neutral
        title: \(quoted("Neutral rule set, \(set.rules.count) rules"))
      personas:
        - id: bot
          annotated: false
          meters: {engagement: {start: 0}}
          rules:

      """
    text.reserveCapacity(set.rules.count * 260)
    for r in set.rules {
      let words = r.pattern.split(separator: " ")
      let stars = words.filter { $0 == "*" }.count
      guard r.capture >= 1, r.capture <= stars,
        words.allSatisfy({ $0 == "*" || $0.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) } })
      else {
        throw Benchmark.Failure("neutral rules: rule \(r.id): cannot convert the pattern '\(r.pattern)'")
      }
      var replies: [String] = []
      for t in r.replies {
        let parts = t.components(separatedBy: "{cap}")
        guard parts.count == 2, !t.replacingOccurrences(of: "{cap}", with: "").contains(where: { $0 == "{" || $0 == "}" })
        else {
          throw Benchmark.Failure("neutral rules: rule \(r.id): a reply needs {cap} exactly once and no other braces: '\(t)'")
        }
        replies.append(quoted(parts[0] + "{\(r.capture)}" + parts[1]))
      }
      text += "      - id: \(quoted(r.id))\n        match: \(quoted(r.pattern))\n        pick: random\n"
      text += "        replies: [\(replies.joined(separator: ", "))]\n"
      text += "        effects: {meters: {engagement: +1}}\n"
    }
    text += "    events:\n      fallback:\n        - id: fallback\n          replies: [\(quoted(set.fallback))]\n"
    return text
  }

  /// The shipped files a neutral scenario is loaded with: the shared lexicon (the signals' words)
  /// and `signals.yaml` (warning, crisis and exit signals, and the safety notice), so that a turn
  /// does all a real turn does.
  public static func sharedFiles(root: String) throws(Benchmark.Failure) -> [(path: String, text: String)] {
    var files: [(path: String, text: String)] = []
    for name in ["lexicon.yaml", "signals.yaml"] {
      let path = (root as NSString).appendingPathComponent(name)
      guard let data = FileManager.default.contents(atPath: path) else {
        throw Benchmark.Failure("\(path): cannot read this file (the neutral sets are played with the shipped signals)")
      }
      files.append((path, String(decoding: data, as: UTF8.self)))
    }
    return files
  }
}

extension Benchmark {
  /// Measures one converted set in this process: load (parse and compile, the shared files
  /// included), `passes` timed passes over the inputs after `warmup` untimed turns, the peak
  /// memory, and the correctness of every reply; then one pass split by stage.
  ///
  /// Call it in a fresh process for a peak that is this set's alone. The set's YAML text is released
  /// once loaded.
  public static func neutral(
    _ set: consuming NeutralRules.Converted, shared: [(path: String, text: String)], options: Options
  ) throws(Failure) -> [Result] {
    let size = set.size
    let inputs = set.inputs
    let expected = set.expected
    let hits = set.hits
    var files = shared
    files.append(("neutral-\(size).yaml", set.yaml))
    set.yaml = ""
    resetPeakMemory()
    let base = memoryMiB("VmRSS")

    let (compiled, errors, loadNs) = timedLoad(consume files, scenario: "neutral")
    files = []
    guard let scenario = compiled, errors.isEmpty else {
      throw Failure("neutral rules (\(size)): the converted scenario does not compile:\n" + errors.map(\.description).joined(separator: "\n"))
    }
    var conversation: Conversation
    do {
      conversation = try Conversation(scenario: scenario, persona: "bot", seed: 1)
    } catch {
      throw Failure(error.description)
    }

    // A turn's signals, kept only when the line was read as a crisis (the persona is then silent).
    var crisis = [String?](repeating: nil, count: inputs.count)
    func note(_ k: Int, _ turn: Turn) {
      crisis[k] = turn.crisis ? "read as a crisis line (\(turn.signals.joined(separator: ", ")))" : nil
    }
    func check(_ replies: [String], _ bad: inout Int, _ first: inout String?) {
      for (k, reply) in replies.enumerated() where !expected[k].contains(reply) {
        bad += 1
        if first == nil {
          first = "input \(k) '\(inputs[k])': got '\(reply)'\(crisis[k].map { ", " + $0 } ?? ""), expected one of \(expected[k])"
        }
      }
    }

    for input in inputs.suffix(options.warmup) { _ = conversation.respond(to: input) }
    var samples: [UInt64] = []
    samples.reserveCapacity(inputs.count * max(1, options.passes))
    var hitSamples: [UInt64] = []
    var fallbackSamples: [UInt64] = []
    var replies = [String](repeating: "", count: inputs.count)
    var bad = 0
    var problem: String?
    for _ in 0..<max(1, options.passes) {
      for (k, input) in inputs.enumerated() {
        let before = samples.count
        let turn = timedTurn(&conversation, input, &samples)
        replies[k] = turn.reply
        note(k, turn)
        if hits[k] { hitSamples.append(samples[before]) } else { fallbackSamples.append(samples[before]) }
      }
      check(replies, &bad, &problem)
    }
    let peak = memoryMiB("VmHWM")
    let (m, p) = stats(samples)
    var turnRow = Result(
      suite: "neutral", script: "inputs", rules: size, turns: samples.count, loadMs: milliseconds(loadNs), medianNs: m,
      p99Ns: p, peakRssMb: peak, correct: bad == 0 && !inputs.isEmpty,
      problem: problem.map { "\(bad) wrong replies; first: \($0)" })
    turnRow.medianHitNs = hitSamples.isEmpty ? nil : stats(hitSamples).median
    turnRow.medianFallbackNs = fallbackSamples.isEmpty ? nil : stats(fallbackSamples).median
    turnRow.baseRssMb = base
    // The fixed part of the load: the shared files with an empty persona.
    let empty = NeutralRules.RuleSet(n: 0, fallback: "-", rules: [])
    if let yaml = try? NeutralRules.scenarioYAML(empty) {
      let (s, e, ns) = timedLoad(shared + [("neutral-0.yaml", yaml)], scenario: "neutral")
      if s != nil && e.isEmpty { turnRow.sharedLoadMs = milliseconds(ns) }
    }

    // The same inputs, stage by stage, on a conversation of its own.
    var probe: TurnStages
    do {
      probe = TurnStages(try Conversation(scenario: scenario, persona: "bot", seed: 1))
    } catch {
      throw Failure(error.description)
    }
    var staged = StageSamples()
    for input in inputs.suffix(options.warmup) {
      var scratch = StageSamples()
      _ = stagedTurn(&probe, input, &scratch)
    }
    staged.reserve(inputs.count)
    var stageBad = 0
    var stageProblem: String?
    for (k, input) in inputs.enumerated() {
      let turn = stagedTurn(&probe, input, &staged)
      replies[k] = turn.reply
      note(k, turn)
    }
    check(replies, &stageBad, &stageProblem)
    return [turnRow, clockRow(suite: "neutral", rules: size)]
      + staged.results(
        suite: "neutral", persona: nil, script: "inputs", rules: size, correct: stageBad == 0,
        problem: stageProblem.map { "\(stageBad) wrong replies; first: \($0)" })
  }

  /// Parses and compiles one scenario of a set of files as `play` does (the signals' files read
  /// and their signals compiled on a second thread meanwhile): the scenario, its errors, the
  /// nanoseconds taken. The library (the files' parsed specs) is released before it returns.
  static func timedLoad(
    _ files: consuming [(path: String, text: String)], scenario id: String
  ) -> (Scenario?, [Diagnostic], UInt64) {
    let t0 = now()
    let (library, signals) = ScenarioStore.libraryAndSignals(texts: consume files)
    let read = library.diagnostics
    let (scenario, diagnostics) = library.compileOnce(id, signals: signals)
    let ns = now() &- t0
    return (scenario, (read + diagnostics).filter { $0.severity == .error }, ns)
  }
}
