import ArgumentParser
import TetherStudio

struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure load time and per-turn cost (median and p99 after a warm-up).",
    discussion: "Build with -c release for real figures. No test ever asserts a time."
  )

  enum Format: String, ExpressibleByArgument {
    case table, json
  }

  @Option(parsing: .upToNextOption, help: "Synthetic scenario sizes, in rules.")
  var sizes: [Int] = [100, 1_000, 10_000]

  @Option(help: "Turns measured per size.")
  var turns = 2_000

  @Option(help: "table or json (one object per line).")
  var format: Format = .table

  func run() throws {
    let results = Benchmark.synthetic(sizes: sizes.filter { $0 > 0 }, turns: max(1, turns))
    switch format {
    case .json:
      for r in results { Output.line(TurnJSON.line(r)) }
    case .table:
      Output.line("suite       rules    load ms   median ns   p99 ns   correct")
      for r in results {
        Output.line(
          "\(r.suite.padding(10)) \(String(r.rules).leftPad(7)) \(String(r.loadMs).leftPad(10)) \(String(r.medianNs).leftPad(11)) \(String(r.p99Ns).leftPad(8))   \(r.correct)"
        )
      }
    }
    if results.contains(where: { !$0.correct }) { throw ExitCode(1) }
  }
}

extension String {
  func padding(_ n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
  func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
