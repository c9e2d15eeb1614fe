import TetherEngine
import TetherStudio

/// `GET /api/facilitator/compare?session=ID`: one session's user lines, with its seed, through
/// every persona of the scenario, turn by turn (the ``Comparison`` of `tether compare`), for the
/// projector. It names the session by its number only: no trainee name.
struct CompareView: Encodable, Sendable {
  /// A persona's column.
  struct Column: Encodable, Sendable {
    var id: String
    var name: String
    var style: String
    var meters: [MeterView]
    /// True for the persona the trainee talked with.
    var sessionPersona: Bool

    enum CodingKeys: String, CodingKey {
      case id, name, style, meters
      case sessionPersona = "session_persona"
    }
  }

  /// A meter a reply moved.
  struct Change: Encodable, Sendable {
    var meter: String
    var label: String
    var by: Int
    var to: Int
  }

  /// One persona's answer to one line.
  struct Cell: Encodable, Sendable {
    /// The reply; nil when the persona said nothing (no opening line, or the conversation is over).
    var reply: String?
    var technique: String?
    /// The technique's name (its id when the scenario does not define it).
    var techniqueName: String?
    var meters: [String: Int]?
    var changes: [Change]
    /// The persona lets the conversation end here.
    var ends: Bool
    /// The persona had already let the conversation end before this line.
    var over: Bool

    enum CodingKeys: String, CodingKey {
      case reply, technique, meters, changes, ends, over
      case techniqueName = "technique_name"
    }
  }

  /// A warning sign the user's line shows.
  struct Signal: Encodable, Sendable {
    var id: String
    var name: String
    /// `warning`, `crisis`, `exit`, … (empty when the taxonomy does not know it).
    var kind: String
    /// The warning signs it counted in the line ("a lethal means", "a time"), for a signal of
    /// several together; empty for the others.
    var cues: [String]
  }

  /// The opening (number 0) or one user line, and every persona's answer.
  struct Row: Encodable, Sendable {
    var number: Int
    var input: String?
    var signals: [Signal]
    var crisis: Bool
    /// The out-of-character safety notice of a crisis line.
    var notice: String?
    /// The user is trying to leave.
    var exit: Bool
    var cells: [Cell]
  }

  var title: String
  var scenario: String
  var session: String
  /// "Session N", as the projector view numbers it.
  var number: Int
  /// The persona the trainee talked with.
  var persona: String
  var seed: UInt64
  /// The session's user lines replayed.
  var lines: Int
  var columns: [Column]
  var rows: [Row]
  /// Lines not sent because every persona had let the conversation end before them.
  var unsent: [String]
  /// What differs from the session itself, in a sentence, if anything does.
  var note: String?

  /// The comparison's JSON; techniques and signals are named from the scenario's own taxonomy.
  init(
    _ c: Comparison, scenario model: Scenario, session: String, number: Int, persona: String, lines: Int, note: String?
  ) {
    title = c.title
    scenario = c.scenarioID
    self.session = session
    self.number = number
    self.persona = persona
    seed = c.seed
    self.lines = lines
    self.note = note
    unsent = c.unsent
    columns = c.columns.map {
      Column(
        id: $0.id, name: $0.name, style: $0.style, meters: $0.meters.map(MeterView.init), sessionPersona: $0.id == persona)
    }
    rows = c.rows.map { row in
      Row(
        number: row.number, input: row.input,
        signals: row.signals.map {
          let info = model.signal($0)
          return Signal(id: $0, name: info?.name ?? $0, kind: info?.kind ?? "", cues: row.signalCues[$0] ?? [])
        },
        crisis: row.notice != nil, notice: row.notice, exit: row.exit,
        cells: row.cells.enumerated().map { i, cell in
          Self.cell(cell, labels: c.columns[i].meters, scenario: model)
        })
    }
  }

  static func cell(_ cell: Comparison.Cell, labels: [MeterLabel], scenario: Scenario) -> Cell {
    guard let turn = cell.turn else {
      return Cell(reply: nil, technique: nil, techniqueName: nil, meters: nil, changes: [], ends: false, over: cell.over)
    }
    let changes = turn.why.meterChanges.filter { $0.before != $0.after }.map { m in
      Change(
        meter: m.meter, label: labels.first { $0.name == m.meter }?.label ?? MeterLabel.plain(m.meter),
        by: m.after - m.before, to: m.after)
    }
    return Cell(
      reply: turn.reply, technique: turn.technique,
      techniqueName: turn.technique.map { scenario.technique($0)?.name ?? $0 },
      meters: turn.meters, changes: changes, ends: turn.ends, over: false)
  }
}

extension MeterView {
  init(_ m: MeterLabel) {
    name = m.name
    label = m.label
    min = m.min
    max = m.max
  }
}
