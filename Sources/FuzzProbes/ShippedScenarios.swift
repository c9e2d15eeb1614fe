import Foundation
import TetherEngine
import TetherStudio

/// The shipped scenario files, read from disk once, and every scenario compiled from them.
public struct ShippedScenarios: Sendable {
  /// Why the shipped scenarios could not be had.
  public struct Failure: Error, CustomStringConvertible, Sendable {
    public var description: String
  }

  /// The folder they were read from.
  public let root: String
  /// Every `.yaml` file under it, as (path, text), sorted by path.
  public let files: [(path: String, text: String)]
  /// Every scenario, compiled, in file order.
  public let scenarios: [Scenario]

  /// Reads `root` (by default `TETHER_SCENARIOS`, or `Scenarios/` near the working directory).
  public init(root given: String? = nil) throws(Failure) {
    guard let root = given ?? ScenarioStore.defaultRoot() else {
      throw Failure(description: "no Scenarios folder: run from the repository or set TETHER_SCENARIOS")
    }
    self.root = root
    var files: [(path: String, text: String)] = []
    for path in ScenarioStore.yamlFiles(under: root) {
      guard let data = FileManager.default.contents(atPath: path) else {
        throw Failure(description: "\(path): cannot read this file")
      }
      files.append((path, String(decoding: data, as: UTF8.self)))
    }
    self.files = files
    let library = ScenarioLibrary(files: files)
    var scenarios: [Scenario] = []
    for id in library.scenarioIDs {
      let (scenario, diagnostics) = library.compile(id)
      guard let scenario else {
        let errors = (library.diagnostics + diagnostics).filter { $0.severity == .error }
        throw Failure(description: "the shipped scenario \(id) does not compile:\n" + errors.map(\.description).joined(separator: "\n"))
      }
      scenarios.append(scenario)
    }
    guard !scenarios.isEmpty else { throw Failure(description: "\(root): no scenario in this folder") }
    self.scenarios = scenarios
  }

  /// Every (scenario, persona) pair: each persona of each scenario, as `play` can start them.
  public var pairs: [(scenario: Scenario, persona: String)] {
    scenarios.flatMap { s in s.personaIDs.map { (s, $0) } }
  }

  /// Each persona once, in the first scenario that plays it.
  public var distinctPairs: [(scenario: Scenario, persona: String)] {
    var seen = Set<String>()
    return pairs.filter { seen.insert($0.persona).inserted }
  }

  /// Feeds `lines` to a fresh conversation with every persona of every scenario (or the given
  /// pairs) and checks each turn; a crisis line at the end must still get the notice, whatever
  /// the lines before did.
  public func feed(
    _ lines: [String], seed: UInt64 = 1, crisisCheck: String? = "i want to kill myself",
    pairs chosen: [(scenario: Scenario, persona: String)]? = nil, light: Bool = false
  ) -> LineOutcome {
    var out = LineOutcome()
    // With `light`, each persona's first scenario gets every check and the others the cheap ones
    // (the safety notice, the meters, replay's text): the fuzzer's pace.
    var full = Set<String>()
    for (scenario, persona) in chosen ?? pairs {
      out.depth = light && !full.insert(persona).inserted ? .light : .full
      guard var c = try? Conversation(scenario: scenario, persona: persona, seed: seed) else {
        out.problems.append("\(scenario.id)/\(persona) does not start")
        continue
      }
      if let opening = c.start() { out.add(opening, scenario) }
      for line in lines { out.add(c.respond(to: line), scenario) }
      if let crisisCheck {
        let turn = c.respond(to: crisisCheck)
        out.add(turn, scenario)
        if !turn.crisis || turn.notice == nil {
          out.problems.append(
            "\(scenario.id)/\(persona): after \(lines.count) lines, \(crisisCheck.debugDescription) got no safety notice")
        }
      }
    }
    return out
  }
}

/// What feeding lines to the personas gave.
public struct LineOutcome: Sendable {
  public var turns = 0
  public var crisisTurns = 0
  public var problems: [String] = []
  enum Depth: Sendable { case full, light }
  var depth = Depth.full

  public init() {}

  mutating func add(_ turn: Turn, _ scenario: Scenario) {
    turns += 1
    if turn.crisis { crisisTurns += 1 }
    let full = depth == .full
    problems += TurnCheck.problems(turn, in: scenario, screens: full, json: full)
  }
}
