import TetherEngine

/// The same user lines to several personas of a scenario, turn by turn: what `tether compare` shows.
///
/// Each persona has its own conversation (same seed). A persona that lets the conversation end
/// hears no more lines, as in `play`: its later cells say so. The comparison holds nothing
/// time-based, so the same scenario, personas, seed and lines give the same output.
public struct Comparison: Sendable {
  /// One persona's column.
  public struct Column: Sendable {
    public var id: String
    public var name: String
    public var style: String
    /// The meters the persona keeps, in the order its file declares them.
    public var meters: [MeterLabel]
  }

  /// One persona's answer in a row.
  public struct Cell: Sendable {
    /// The turn, or nil when the persona said nothing (no opening line, or the conversation is over).
    public var turn: Turn?
    /// True when the persona had already let the conversation end before this row.
    public var over: Bool
  }

  /// One user line (or the opening) and every persona's answer.
  public struct Row: Sendable {
    /// 0 for the opening, then the number of the user line.
    public var number: Int
    /// The user's line; nil for the opening.
    public var input: String?
    /// The signals the line shows (the same for every persona).
    public var signals: [String]
    /// The warning signs a signal counted, by signal id (``Turn/signalCues``).
    public var signalCues: [String: [String]] = [:]
    /// The out-of-character safety notice, when the line is a crisis line.
    public var notice: String?
    /// True when the user is trying to leave.
    public var exit: Bool
    public var cells: [Cell]
  }

  public var scenarioID: String
  public var title: String
  public var brief: String
  public var seed: UInt64
  /// Where the lines came from: "the demo script" or a file name.
  public var source: String
  public var columns: [Column]
  public var rows: [Row]
  /// Lines not sent because every persona had already let the conversation end.
  public var unsent: [String]
  public var taxonomy: Taxonomy

  /// Every turn of one column, in order.
  public func turns(of column: Int) -> [Turn] { rows.compactMap { $0.cells[column].turn } }
}

/// A meter's name with what reports call it.
public struct MeterLabel: Sendable, Equatable {
  public var name: String
  public var label: String
  public var min: Int
  public var max: Int

  public init(name: String, label: String, min: Int = 0, max: Int = 100) {
    self.name = name
    self.label = label.isEmpty ? MeterLabel.plain(name) : label
    self.min = min
    self.max = max
  }

  /// `leave_pressure` → `leave pressure`.
  public static func plain(_ name: String) -> String {
    String(name.map { $0 == "_" || $0 == "-" ? " " : $0 })
  }

  /// The labels of a persona's meters in a scenario, in the order its file declares them.
  public static func of(_ persona: String, in scenario: Scenario) -> [MeterLabel] {
    scenario.persona(persona)?.meters.map { MeterLabel(name: $0.name, label: $0.label, min: $0.min, max: $0.max) } ?? []
  }
}

/// Runs a comparison.
public enum Compare {
  /// Why a comparison cannot run, said plainly.
  public struct Failure: Error, Sendable, CustomStringConvertible {
    public var description: String
  }

  /// The personas to compare: those named (in that order), or every persona of the scenario.
  public static func personas(_ wanted: [String], in scenario: Scenario) throws(Failure) -> [String] {
    if wanted.isEmpty { return scenario.personaIDs }
    var out: [String] = []
    for id in wanted where !out.contains(id) {
      guard scenario.personaIDs.contains(id) else {
        throw Failure(
          description:
            "scenario '\(scenario.id)' has no persona '\(id)'\(didYouMean(id, among: scenario.personaIDs)); personas: \(scenario.personaIDs.joined(separator: ", "))"
        )
      }
      out.append(id)
    }
    return out
  }

  /// Sends `lines` to each persona in `personas` (ids of the scenario) and lines the turns up.
  public static func run(
    _ scenario: Scenario, personas ids: [String], lines: [String], seed: UInt64, source: String,
    taxonomy: Taxonomy
  ) throws(Failure) -> Comparison {
    var conversations: [Conversation] = []
    var columns: [Comparison.Column] = []
    for id in ids {
      do {
        conversations.append(try Conversation(scenario: scenario, persona: id, seed: seed))
      } catch {
        throw Failure(description: error.description)
      }
      let info = scenario.personaInfo(id)
      columns.append(
        Comparison.Column(
          id: id, name: info?.name ?? id, style: info?.style ?? "", meters: MeterLabel.of(id, in: scenario)))
    }
    var rows: [Comparison.Row] = []
    let openings = conversations.indices.map { conversations[$0].start() }
    if openings.contains(where: { $0 != nil }) {
      rows.append(
        Comparison.Row(
          number: 0, input: nil, signals: [], notice: nil, exit: false,
          cells: openings.map { Comparison.Cell(turn: $0, over: false) }))
    }
    var over = [Bool](repeating: false, count: ids.count)
    var unsent: [String] = []
    for (n, line) in lines.enumerated() {
      if !over.isEmpty && over.allSatisfy({ $0 }) {
        unsent = Array(lines[n...])
        break
      }
      var cells: [Comparison.Cell] = []
      for i in conversations.indices {
        if over[i] {
          cells.append(Comparison.Cell(turn: nil, over: true))
          continue
        }
        let turn = conversations[i].respond(to: line)
        if turn.ends { over[i] = true }
        cells.append(Comparison.Cell(turn: turn, over: false))
      }
      let said = cells.compactMap(\.turn).first
      rows.append(
        Comparison.Row(
          number: n + 1, input: line, signals: said?.signals ?? [], signalCues: said?.signalCues ?? [:],
          notice: said?.notice,
          exit: said?.intent == "exit", cells: cells))
    }
    return Comparison(
      scenarioID: scenario.id, title: scenario.title, brief: scenario.brief, seed: seed, source: source,
      columns: columns, rows: rows, unsent: unsent, taxonomy: taxonomy)
  }
}
