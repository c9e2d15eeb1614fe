import Foundation
import TetherEngine

extension Benchmark {
  /// The lines a persona is played: demo lines, scenario test lines and rule examples of every
  /// shipped scenario, each once, in file order; and which of them are crisis lines (an example of a
  /// persona's `crisis` event rule, or the line a scenario test expects `crisis: true` on).
  struct LinePool {
    var lines: [String] = []
    var crisis = Set<String>()

    init(_ scenarios: [Scenario]) {
      var seen = Set<String>()
      func add(_ line: String) {
        if seen.insert(line).inserted { lines.append(line) }
      }
      for s in scenarios {
        s.demo.forEach(add)
        for t in s.tests {
          t.lines.forEach(add)
          if t.expect.crisis == true, let last = t.lines.last { crisis.insert(last) }
        }
        for p in s.personaIDs {
          let rules = s.persona(p)?.rules ?? []
          for (i, _, examples) in s.examples(of: p) {
            for e in examples {
              add(e.value)
              if rules[i].event == .crisis { crisis.insert(e.value) }
            }
          }
        }
      }
    }

    /// `count` lines drawn from the pool with a fixed seed: the same conversation every run.
    func conversation(_ count: Int, seed: UInt64 = 20_261_126) -> [String] {
      guard !lines.isEmpty else { return [] }
      var random = SplitMix64(seed: seed)
      return (0..<count).map { _ in lines[Int(random.next() % UInt64(lines.count))] }
    }
  }

  /// Every crisis line must get the safety notice.
  struct CrisisCheck {
    var crisisLines = 0
    var missed = 0
    var problem: String?

    mutating func check(_ input: String, _ turn: Turn, pool: LinePool) {
      guard pool.crisis.contains(input) else { return }
      crisisLines += 1
      if !turn.crisis || (turn.notice ?? "").isEmpty {
        missed += 1
        if problem == nil { problem = "the crisis line '\(input)' got no safety notice" }
      }
    }

    var summary: String? { problem.map { "\(missed) of \(crisisLines) crisis lines without the notice; first: \($0)" } }
  }

  /// The shipped scenarios folder: the folder's load and validation (`tether check`, files read
  /// included), and for each scenario its load (parse every file, compile the scenario: what `play`
  /// does before its first prompt), then for each persona the demo script, a long generated
  /// conversation, and the generated conversation split by stage.
  public static func scenarios(root: String, options: Options, progress: (String) -> Void = { _ in }) throws(Failure)
    -> [Result]
  {
    let paths = ScenarioStore.yamlFiles(under: root)
    guard !paths.isEmpty else { throw Failure("\(root): no scenario files here") }
    var files: [(path: String, text: String)] = []
    for path in paths {
      guard let data = FileManager.default.contents(atPath: path) else { throw Failure("\(path): cannot read this file") }
      files.append((path, String(decoding: data, as: UTF8.self)))
    }
    var results: [Result] = []

    // The folder, as `tether check` reads it.
    progress("checking \(root)")
    var checkTimes: [UInt64] = []
    var checkErrors: [Diagnostic] = []
    for _ in 0..<max(1, options.loadRepeats) {
      let t0 = now()
      do {
        checkErrors = try Checker.check(paths: [root]).filter { $0.severity == .error }
      } catch {
        throw Failure(error.description)
      }
      checkTimes.append(now() &- t0)
    }
    let library = ScenarioLibrary(files: files)
    var compiled: [Scenario] = []
    for id in library.scenarioIDs {
      let (s, d) = library.compile(id)
      guard let s, !d.contains(where: { $0.severity == .error }) else {
        throw Failure("scenario '\(id)' does not compile: run tether check")
      }
      compiled.append(s)
    }
    var personaRules: [String: Int] = [:]
    for s in compiled { for p in s.personaIDs { personaRules[p] = s.ruleCount(p) } }
    results.append(
      Result(
        suite: "scenarios", rules: personaRules.values.reduce(0, +), turns: 0, loadMs: milliseconds(median(checkTimes)),
        peakRssMb: memoryMiB("VmHWM"), correct: checkErrors.isEmpty,
        problem: checkErrors.first.map { "tether check: \($0.description)" }))

    results.append(clockRow(suite: "scenarios", rules: 0))
    let pool = LinePool(compiled)
    let generated = pool.conversation(options.generatedLines)
    for scenario in compiled {
      progress("scenario \(scenario.id)")
      var loads: [UInt64] = []
      for _ in 0..<max(1, options.loadRepeats) { loads.append(timedLoad(files, scenario: scenario.id).2) }
      let loadMs = milliseconds(median(loads))
      for persona in scenario.personaIDs {
        let rules = scenario.ruleCount(persona)
        func row(_ script: String, _ samples: [UInt64], _ check: CrisisCheck) -> Result {
          let (m, p) = stats(samples)
          return Result(
            suite: scenario.id, persona: persona, script: script, rules: rules, turns: samples.count, loadMs: loadMs,
            medianNs: m, p99Ns: p, peakRssMb: memoryMiB("VmHWM"), correct: check.missed == 0 && !samples.isEmpty,
            problem: check.summary ?? (samples.isEmpty ? "nothing was played" : nil))
        }
        func conversation(seed: UInt64) throws(Failure) -> Conversation {
          do {
            var c = try Conversation(scenario: scenario, persona: persona, seed: seed)
            _ = c.start()
            return c
          } catch {
            throw Failure(error.description)
          }
        }

        // The demo script, from the opening each time: one pass to warm up, then enough passes for
        // `demoTurns` timed turns.
        if !scenario.demo.isEmpty {
          var c = try conversation(seed: 0)
          for line in scenario.demo { _ = c.respond(to: line) }
          var samples: [UInt64] = []
          var check = CrisisCheck()
          let passes = max(1, (options.demoTurns + scenario.demo.count - 1) / scenario.demo.count)
          for pass in 0..<passes {
            var c = try conversation(seed: UInt64(pass))
            for line in scenario.demo { check.check(line, timedTurn(&c, line, &samples), pool: pool) }
          }
          results.append(row("demo", samples, check))
        }

        // The generated conversation: its first lines to warm up, then all of it from the opening.
        var warm = try conversation(seed: 1)
        for line in generated.prefix(options.warmup) { _ = warm.respond(to: line) }
        var c = try conversation(seed: 1)
        var samples: [UInt64] = []
        samples.reserveCapacity(generated.count)
        var check = CrisisCheck()
        for line in generated { check.check(line, timedTurn(&c, line, &samples), pool: pool) }
        results.append(row("generated", samples, check))

        // The same conversation, stage by stage.
        var probe = TurnStages(try conversation(seed: 1))
        var scratch = StageSamples()
        for line in generated.prefix(options.warmup) { _ = stagedTurn(&probe, line, &scratch) }
        probe = TurnStages(try conversation(seed: 1))
        var staged = StageSamples()
        staged.reserve(generated.count)
        var stageCheck = CrisisCheck()
        for line in generated { stageCheck.check(line, stagedTurn(&probe, line, &staged), pool: pool) }
        results += staged.results(
          suite: scenario.id, persona: persona, script: "generated", rules: rules, correct: stageCheck.missed == 0,
          problem: stageCheck.summary)
      }
    }
    return results
  }
}
