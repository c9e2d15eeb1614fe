import Foundation
import TetherEngine

/// `tether bench`: load time, per-turn cost (median and p99 after a warm-up), peak memory and a
/// correctness check, on the shipped scenarios and on the neutral rule sets of `../shared/bench`
/// (the same files the peer engines are measured on), plus one turn split by stage.
///
/// Timing is wall time from `CLOCK_MONOTONIC` around one call; no test ever asserts a time.
public enum Benchmark {
  /// One measurement: a JSON line of `tether bench --format json`.
  public struct Result: Sendable, Codable, Equatable {
    /// A scenario id, `scenarios` (the whole shipped folder) or `neutral`.
    public var suite: String
    public var persona: String?
    /// What was played: `demo`, `generated` (a long conversation), `inputs` (the neutral set's).
    public var script: String?
    /// For the split of a turn: `normalize`, `signals`, `candidates`, `match`, `render`, `effects`, `clock`.
    public var stage: String?
    public var rules: Int
    public var turns: Int
    public var loadMs: Double?
    public var medianNs: Int?
    public var p99Ns: Int?
    /// Neutral sets: the median over the inputs that hit a rule, and over those that need the fallback.
    public var medianHitNs: Int?
    public var medianFallbackNs: Int?
    /// The process's peak resident memory (VmHWM), MiB.
    public var peakRssMb: Double?
    /// Resident memory just before loading (neutral sets), MiB.
    public var baseRssMb: Double?
    /// Neutral sets: the part of `load_ms` spent on the shared files (`lexicon.yaml`, `signals.yaml`),
    /// timed as the load of an empty persona with them.
    public var sharedLoadMs: Double?
    public var correct: Bool
    /// What failed, when `correct` is false.
    public var problem: String?

    public init(
      suite: String, persona: String? = nil, script: String? = nil, stage: String? = nil, rules: Int, turns: Int,
      loadMs: Double? = nil, medianNs: Int? = nil, p99Ns: Int? = nil, peakRssMb: Double? = nil, correct: Bool,
      problem: String? = nil
    ) {
      self.suite = suite
      self.persona = persona
      self.script = script
      self.stage = stage
      self.rules = rules
      self.turns = turns
      self.loadMs = loadMs
      self.medianNs = medianNs
      self.p99Ns = p99Ns
      self.peakRssMb = peakRssMb
      self.correct = correct
      self.problem = problem
    }

    enum CodingKeys: String, CodingKey {
      case suite, persona, script, stage, rules, turns, correct, problem
      case loadMs = "load_ms"
      case medianNs = "median_ns"
      case p99Ns = "p99_ns"
      case medianHitNs = "median_hit_ns"
      case medianFallbackNs = "median_fallback_ns"
      case peakRssMb = "peak_rss_mb"
      case baseRssMb = "base_rss_mb"
      case sharedLoadMs = "shared_load_ms"
    }

    /// Every field, nulls included, so each line has the same keys.
    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(suite, forKey: .suite)
      try c.encode(persona, forKey: .persona)
      try c.encode(script, forKey: .script)
      try c.encode(stage, forKey: .stage)
      try c.encode(rules, forKey: .rules)
      try c.encode(turns, forKey: .turns)
      try c.encode(loadMs, forKey: .loadMs)
      try c.encode(medianNs, forKey: .medianNs)
      try c.encode(p99Ns, forKey: .p99Ns)
      try c.encode(medianHitNs, forKey: .medianHitNs)
      try c.encode(medianFallbackNs, forKey: .medianFallbackNs)
      try c.encode(peakRssMb, forKey: .peakRssMb)
      try c.encode(baseRssMb, forKey: .baseRssMb)
      try c.encode(sharedLoadMs, forKey: .sharedLoadMs)
      try c.encode(correct, forKey: .correct)
      try c.encode(problem, forKey: .problem)
    }
  }

  /// How much to measure.
  public struct Options: Sendable {
    /// Neutral sets: timed passes over the set's inputs (one conversation throughout).
    public var passes = 5
    /// Untimed turns first: the neutral set's last inputs, the generated conversation's first lines.
    public var warmup = 200
    /// Shipped scenarios: at least this many timed turns of each persona's demo script.
    public var demoTurns = 1_000
    /// Shipped scenarios: the length of the generated conversation.
    public var generatedLines = 2_000
    /// Loads timed (the median is reported).
    public var loadRepeats = 5

    public init() {}

    /// Few iterations: proves the benchmark runs and its checks pass (CI).
    public static var smoke: Options {
      var o = Options()
      o.passes = 1
      o.warmup = 20
      o.demoTurns = 20
      o.generatedLines = 300
      o.loadRepeats = 1
      return o
    }
  }

  /// A failure that stops the benchmark (unreadable files, a scenario that does not compile).
  public struct Failure: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
  }

  /// The stages of one turn, in order.
  public static let stages = ["normalize", "signals", "candidates", "match", "render", "effects"]

  // MARK: - Clock, statistics, memory

  /// Nanoseconds of `CLOCK_MONOTONIC`.
  @inline(__always)
  static func now() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
  }

  /// Nearest-rank percentile of ascending samples (the formula of `../shared/bench/run_all.py`).
  static func percentile(_ sorted: [Int], _ p: Double) -> Int {
    guard !sorted.isEmpty else { return 0 }
    let rank = Int((p / 100 * Double(sorted.count) + 0.5).rounded()) - 1
    return sorted[max(0, min(sorted.count - 1, rank))]
  }

  static func milliseconds(_ ns: UInt64) -> Double { (Double(ns) / 1e5).rounded() / 10 }

  static func median(_ values: [UInt64]) -> UInt64 {
    let s = values.sorted()
    return s.isEmpty ? 0 : s[(s.count - 1) / 2]
  }

  /// A field of `/proc/self/status` (`VmHWM`, `VmRSS`) in MiB, or nil where there is none (macOS).
  public static func memoryMiB(_ field: String) -> Double? {
    guard let handle = FileHandle(forReadingAtPath: "/proc/self/status") else { return nil }
    defer { try? handle.close() }
    let text = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
    for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
      let kib = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Int($0) }
      return kib.map { (Double($0) / 1024 * 10).rounded() / 10 }
    }
    return nil
  }

  /// Gives freed heap back to the system and restarts the peak-memory mark at the current
  /// resident size (`/proc/self/clear_refs`, Linux 4.0+), so the peak measured afterwards is that of
  /// what follows, not of reading the benchmark's own input files. False where it cannot.
  @discardableResult
  static func resetPeakMemory() -> Bool {
    #if os(Linux)
      // glibc's malloc_trim (not in Swift's Glibc module): looked up in the process itself.
      if let symbol = dlsym(nil, "malloc_trim") {
        typealias Trim = @convention(c) (Int) -> Int32
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
      }
    #endif
    guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
    defer { try? handle.close() }
    do {
      try handle.write(contentsOf: Data("5".utf8))
      return true
    } catch {
      return false
    }
  }

  /// The median and p99 of samples, in nanoseconds.
  static func stats(_ samples: [UInt64]) -> (median: Int, p99: Int) {
    let sorted = samples.map { Int($0) }.sorted()
    return (percentile(sorted, 50), percentile(sorted, 99))
  }

  /// The median cost of reading the clock twice: what every timed call carries on top of its own work.
  static func clockOverhead() -> (median: Int, p99: Int) {
    var samples = [UInt64](repeating: 0, count: 10_000)
    for i in samples.indices {
      let t0 = now()
      samples[i] = now() &- t0
    }
    return stats(samples)
  }
}

// MARK: - The split of a turn by stage

extension Benchmark {
  /// Per-stage samples of turns run stage by stage.
  struct StageSamples {
    var samples: [[UInt64]] = Array(repeating: [], count: Benchmark.stages.count)

    mutating func reserve(_ n: Int) {
      for i in samples.indices { samples[i].reserveCapacity(n) }
    }

    /// One result per stage.
    func results(
      suite: String, persona: String?, script: String, rules: Int, correct: Bool, problem: String?
    ) -> [Result] {
      var out: [Result] = []
      for (name, s) in zip(Benchmark.stages, samples) {
        let (m, p) = Benchmark.stats(s)
        out.append(
          Result(
            suite: suite, persona: persona, script: script, stage: name, rules: rules, turns: s.count, medianNs: m,
            p99Ns: p, correct: correct, problem: problem))
      }
      return out
    }
  }

  /// The cost of reading the clock, which every stage's figure carries once.
  static func clockRow(suite: String, rules: Int) -> Result {
    let clock = clockOverhead()
    return Result(
      suite: suite, stage: "clock", rules: rules, turns: 10_000, medianNs: clock.median, p99Ns: clock.p99, correct: true)
  }

  /// Runs one line stage by stage, timing each stage's call on its own.
  @inline(never)
  static func stagedTurn(_ probe: inout TurnStages, _ input: String, _ into: inout StageSamples) -> Turn {
    let t0 = now()
    let line = probe.normalize(input)
    let t1 = now()
    let found = probe.signals(input, line)
    let t2 = now()
    let candidates = probe.candidates(line)
    let t3 = now()
    let match = probe.match(line, candidates, found)
    let t4 = now()
    let rendered = probe.render(match)
    let t5 = now()
    let turn = probe.effects(rendered, input: input, found: found, line: line)
    let t6 = now()
    into.samples[0].append(t1 &- t0)
    into.samples[1].append(t2 &- t1)
    into.samples[2].append(t3 &- t2)
    into.samples[3].append(t4 &- t3)
    into.samples[4].append(t5 &- t4)
    into.samples[5].append(t6 &- t5)
    return turn
  }

  /// Times one full turn.
  @inline(__always)
  static func timedTurn(_ c: inout Conversation, _ input: String, _ into: inout [UInt64]) -> Turn {
    let t0 = now()
    let turn = c.respond(to: input)
    into.append(now() &- t0)
    return turn
  }
}
