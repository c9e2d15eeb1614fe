import TetherEngine
import TetherStudio

/// Reads scenario files from memory as `tether check` does, and says whether the outcome kept
/// its promise: a clean result, or diagnostics that each point into a file at a real
/// `file:line:col`; and every scenario that passes the check plays without breaking a turn.
public enum ScenarioProbe {
  /// A line that splits one fuzz input into several files (a lexicon beside a scenario, say).
  public static let fileSeparator = "# tether-fuzz: next file"

  /// What checking some files gave.
  public struct Outcome: Sendable {
    public var diagnostics: [Diagnostic] = []
    /// Scenarios that compiled without errors (and were played).
    public var compiled = 0
    /// Turns played on them.
    public var turns = 0
    /// Broken promises; empty when all is well.
    public var problems: [String] = []

    public var errors: Int { diagnostics.filter { $0.severity == .error }.count }
  }

  /// The files of one fuzz input: `fuzz-0.yaml`, `fuzz-1.yaml`, … split at ``fileSeparator``.
  public static func files(fromFuzzInput text: String) -> [(path: String, text: String)] {
    guard text.contains(fileSeparator) else { return [("fuzz-0.yaml", text)] }
    var files: [[Substring]] = [[]]
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line == fileSeparator, files.count < 8 {
        files.append([])
      } else {
        files[files.count - 1].append(line)
      }
    }
    return files.enumerated().map { ("fuzz-\($0.offset).yaml", $0.element.joined(separator: "\n")) }
  }

  /// Checks `files` as `tether check` would (every scenario compiled, shadowed rules looked
  /// for), then plays each scenario that passed: every persona opens, answers `lines` (or the
  /// scenario's demo) and a silence.
  public static func check(_ files: [(path: String, text: String)], lines: [String]? = nil) -> Outcome {
    let library = ScenarioLibrary(files: files)
    var out = Outcome()
    var clean: [Scenario] = []
    out.diagnostics = Checker.diagnostics(of: library) { clean.append($0) }
    out.problems += placeProblems(out.diagnostics, files)
    // Played only as `play` would: no error in the files read, none in the scenario's compile.
    if library.diagnostics.contains(where: { $0.severity == .error }) { clean = [] }
    for scenario in clean {
      out.compiled += 1
      let played = play(scenario, lines: lines ?? Array(scenario.demo.prefix(6)) + ["hello", "i want to die"])
      out.turns += played.turns
      out.problems += played.problems
    }
    return out
  }

  /// Every diagnostic must name one of the files and a line and column inside it.
  static func placeProblems(_ diagnostics: [Diagnostic], _ files: [(path: String, text: String)]) -> [String] {
    var shapes: [String: [Int]] = [:]
    for f in files where shapes[f.path] == nil { shapes[f.path] = lineLengths(f.text) }
    var found: [String] = []
    for d in diagnostics {
      guard let place = d.location else {
        found.append("a diagnostic without file:line:col: \(d)")
        continue
      }
      guard let lengths = shapes[place.file] else {
        found.append("a diagnostic names a file that was not read: \(d)")
        continue
      }
      guard place.line >= 1, place.line <= lengths.count, place.column >= 1 else {
        found.append("a diagnostic points outside its file (\(lengths.count) lines): \(d)")
        continue
      }
      // One past the end of the line, and one more for a quoted scalar's opening quote.
      if place.column > lengths[place.line - 1] + 2 {
        found.append("a diagnostic points past the end of its line (\(lengths[place.line - 1]) characters): \(d)")
      }
    }
    return found
  }

  /// The length in characters of each line, counted as libyaml counts lines (CR LF, CR, LF,
  /// NEL, LS and PS each end one).
  static func lineLengths(_ text: String) -> [Int] {
    var lengths = [0]
    var afterCR = false
    for s in text.unicodeScalars {
      switch s {
      case "\n" where afterCR:
        afterCR = false
      case "\r", "\n", "\u{85}", "\u{2028}", "\u{2029}":
        lengths.append(0)
        afterCR = s == "\r"
      default:
        lengths[lengths.count - 1] += 1
        afterCR = false
      }
    }
    return lengths
  }

  /// Plays every persona of a compiled scenario on the lines; each turn is checked.
  public static func play(_ scenario: Scenario, lines: [String], seed: UInt64 = 1) -> (turns: Int, problems: [String]) {
    var turns = 0
    var problems: [String] = []
    for id in scenario.personaIDs {
      guard var conversation = try? Conversation(scenario: scenario, persona: id, seed: seed) else {
        problems.append("\(scenario.id): the persona \(id) it lists cannot start a conversation")
        continue
      }
      var all: [Turn] = []
      if let opening = conversation.start() { all.append(opening) }
      for line in lines { all.append(conversation.respond(to: line)) }
      if let nudge = conversation.silence() { all.append(nudge) }
      for turn in all { problems += TurnCheck.problems(turn, in: scenario) }
      turns += all.count
    }
    return (turns, problems)
  }
}
