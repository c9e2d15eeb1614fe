import ArgumentParser
import Foundation
import TetherStudio

struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure load time, per-turn cost (median, p99), peak memory and correctness.",
    discussion: """
      Suites: the shipped scenarios (the folder's check; each scenario's load; each persona over its demo script and over a long generated conversation) and, with --peer-rules DIR, the neutral rule sets the peer engines are measured on (DIR holds rules_N.json and inputs.json from ../shared/bench/gen_rules.py --out DIR). Each neutral size runs in a fresh process (this command runs itself with --only-size N), so its peak memory is its own. Both suites also time one turn split by stage. Build with -c release for real figures. Exits 1 when a correctness check fails. No test ever asserts a time.
      """
  )

  enum Format: String, ExpressibleByArgument {
    case table, json
  }

  enum Suite: String, ExpressibleByArgument {
    case all, scenarios, neutral
  }

  @Option(help: "A folder of rules_N.json and inputs.json (gen_rules.py --out DIR): the neutral suite.")
  var peerRules: String?

  @Option(parsing: .upToNextOption, help: "Neutral sizes to measure (default: every rules_N.json in the folder).")
  var sizes: [Int] = []

  @Option(help: "Measure one neutral size in this process and print only its rows (what each fresh process runs).")
  var onlySize: Int?

  @Option(help: "all, scenarios or neutral.")
  var suite: Suite = .all

  @Option(help: "Timed passes over a neutral set's inputs (default 5; 1 with --smoke).")
  var passes: Int?

  @Option(help: "Length of each persona's generated conversation (default 2000; 300 with --smoke).")
  var lines: Int?

  @Flag(help: "Few iterations (CI): proves that the benchmark runs and that its checks pass.")
  var smoke = false

  @Option(help: "table or json (one object per line per measurement).")
  var format: Format = .table

  @Option(help: "The scenarios folder (default: the shipped Scenarios/; the neutral sets use its signals).")
  var scenarios: String?

  func run() throws {
    var options = smoke ? Benchmark.Options.smoke : Benchmark.Options()
    if let passes { options.passes = max(1, passes) }
    if let lines { options.generatedLines = max(1, lines) }
    guard let root = ScenarioStore.defaultRoot(explicit: scenarios) else {
      Output.error("error: cannot find Tether's scenarios: run from the repository, pass --scenarios DIR, or set TETHER_SCENARIOS")
      throw ExitCode(2)
    }
    if (onlySize != nil || suite == .neutral) && peerRules == nil {
      Output.error("error: the neutral suite needs --peer-rules DIR (gen_rules.py --out DIR)")
      throw ExitCode(2)
    }

    var results: [Benchmark.Result] = []
    func emit(_ rows: [Benchmark.Result]) {
      results += rows
      if format == .json { for r in rows { Output.line(TurnJSON.line(r)) } }
    }
    do {
      if let onlySize, let dir = peerRules {
        let shared = try NeutralRules.sharedFiles(root: root)
        emit(try Benchmark.neutral(try NeutralRules.load(dir: dir, size: onlySize), shared: shared, options: options))
      } else {
        if suite != .neutral {
          emit(try Benchmark.scenarios(root: root, options: options) { Output.error("bench: \($0)") })
        }
        if suite != .scenarios, let dir = peerRules {
          let available = NeutralRules.sizes(in: dir)
          let wanted = sizes.isEmpty ? available : sizes
          if wanted.isEmpty { throw Benchmark.Failure("\(dir): no rules_N.json here (gen_rules.py --out \(dir))") }
          for n in wanted {
            guard available.contains(n) else { throw Benchmark.Failure("\(dir): no rules_\(n).json") }
            Output.error("bench: neutral rule set of \(n) rules (a process of its own)")
            emit(try measureInFreshProcess(size: n, dir: dir, root: root))
          }
        } else if suite == .all {
          Output.error("bench: no --peer-rules DIR: the neutral rule sets are not measured")
        }
      }
    } catch let failure as Benchmark.Failure {
      Output.error("error: \(failure.description)")
      throw ExitCode(1)
    }
    if format == .table { Output.line(Benchmark.table(results)) }
    if results.contains(where: { !$0.correct }) { throw ExitCode(1) }
  }

  /// Runs `tether bench --only-size N` and reads its JSON lines.
  func measureInFreshProcess(size: Int, dir: String, root: String) throws -> [Benchmark.Result] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.executablePath)
    var arguments = ["bench", "--peer-rules", dir, "--only-size", String(size), "--format", "json", "--scenarios", root]
    if smoke { arguments.append("--smoke") }
    if let passes { arguments += ["--passes", String(passes)] }
    process.arguments = arguments
    let stdout = Pipe()
    process.standardOutput = stdout
    try process.run()
    let data = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    var rows: [Benchmark.Result] = []
    for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
      guard let row = try? JSONDecoder().decode(Benchmark.Result.self, from: Data(line)) else {
        throw Benchmark.Failure("neutral \(size): unreadable line from the measuring process: \(String(decoding: line, as: UTF8.self))")
      }
      rows.append(row)
    }
    // Exit 1 with rows: a correctness check failed, and the rows say which.
    if process.terminationStatus != 0 && (process.terminationStatus != 1 || rows.isEmpty) {
      throw Benchmark.Failure("neutral \(size): the measuring process failed (exit \(process.terminationStatus))")
    }
    return rows
  }

  /// This executable, to run again for each neutral size.
  static var executablePath: String {
    if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return exe }
    let arg0 = CommandLine.arguments.first ?? "tether"
    return URL(fileURLWithPath: arg0).standardizedFileURL.path
  }
}
