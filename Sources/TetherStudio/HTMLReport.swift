import TetherEngine

/// The HTML pages: a debrief report and a comparison, each one self-contained file.
///
/// The pages are rendered by swift-mustache from ``HTMLTemplates``; this file builds the values
/// the templates read. View values hold no optionals (Mustache looks a missing or nil name up in
/// the enclosing values, which could show a parent's text): what may be absent is a list of zero
/// or one item, or a flag.
public enum HTMLReport {
  static var generator: String { "Tether \(TetherVersion.current)" }

  /// The debrief as an HTML page.
  public static func debrief(_ d: Debrief) -> String {
    HTMLTemplates.library.render(ReportView(d), withTemplate: "report") ?? ""
  }

  /// The comparison as an HTML page.
  public static func comparison(_ c: Comparison) -> String {
    HTMLTemplates.library.render(CompareView(c), withTemplate: "compare") ?? ""
  }

  // MARK: - Shared pieces

  struct TagView {
    var tagName: String
    var tagID: String
    var tagFamily: String
  }

  static func tag(_ id: String, _ taxonomy: Taxonomy) -> TagView {
    let family = taxonomy.family(id)
    return TagView(
      tagName: taxonomy.techniqueName(id), tagID: id,
      tagFamily: Taxonomy.familyOrder.contains(family) ? family : "other")
  }

  static func list(_ s: String?) -> [String] {
    guard let s, !s.isEmpty else { return [] }
    return [s]
  }

  /// A chart's description in words: each line's start, end and highest value.
  static func describe(_ series: [SVGChart.Series], over what: String) -> String {
    let parts = series.compactMap { s -> String? in
      guard let first = s.points.first, let last = s.points.last else { return nil }
      let top = s.points.map(\.y).max() ?? last.y
      let peak = top > max(first.y, last.y) ? ", highest \(top)" : ""
      return "\(s.label) went from \(first.y) at turn \(first.x) to \(last.y) at turn \(last.x)\(peak)"
    }
    return parts.isEmpty ? "No values \(what)." : parts.joined(separator: "; ") + "."
  }

  /// The stacked bars of technique families, one bar per label.
  static func familyChart(
    id: String, title: String, _ bars: [(label: String, families: [(family: String, count: Int)])]
  )
    -> SVGChart.BarChart
  {
    let description =
      bars.map { b in
        let counts = b.families.map { "\($0.family) \($0.count)" }.joined(separator: ", ")
        return "\(b.label): \(counts.isEmpty ? "no annotated replies" : counts)"
      }.joined(separator: ". ") + "."
    return SVGChart.bars(
      id: id, title: title, description: description,
      stacks: bars.map { SVGChart.Stack(label: $0.label, parts: $0.families.map { ($0.family, $0.count) }) })
  }

  // MARK: - The debrief

  struct ReportView {
    struct Link {
      var href: String
      var text: String
    }
    struct Measure {
      var measure: String
      var values: [String]
    }
    struct SideBySide {
      var personaHeads: [String]
      var measures: [Measure]
      var familyChart: SVGChart.BarChart
      var hasMeterCharts: Bool
      var meterCharts: [SVGChart.LineChart]
    }
    struct TechRow {
      var techName: String
      var techID: String
      var family: String
      var count: Int
      var firstTurn: Int
    }
    struct SignalRow {
      var sigName: String
      var sigID: String
      var kind: String
      var sigCount: Int
      var sigFirst: Int
      var firstLine: String
    }
    struct CrisisRow {
      var crisisTurn: Int
      var crisisInput: String
      var crisisNotice: String
    }
    struct TurnRow {
      var turnNumber: Int
      var said: [String]
      var event: [String]
      var turnNotice: [String]
      var signalText: [String]
      var leaving: Bool
      var replyText: [String]
      var ends: Bool
      var tags: [TagView]
      var meterText: [String]
      var what: [String]
      var healthy: [String]
    }
    struct PartView {
      var anchor: String
      var partHeading: String
      var personaName: String
      var facts: String
      var ending: String
      var cut: Bool
      var hasTechniques: Bool
      var techniques: [TechRow]
      var hasSignals: Bool
      var signals: [SignalRow]
      var hasCrises: Bool
      var crises: [CrisisRow]
      var meterChart: [SVGChart.LineChart]
      var turns: [TurnRow]
    }
    struct ScenarioView {
      var scenarioAnchor: String
      var scenarioTitle: String
      var hasObjectives: Bool
      var objectives: [String]
      var hasQuestions: Bool
      var questions: [String]
    }

    var generator = HTMLReport.generator
    var pageTitle: String
    var kicker = "Tether debrief"
    var heading: String
    var lede: [String]
    var brief: [String] = []
    var notes: [String]
    var contents: [Link]
    var sideBySide: SideBySide?
    var parts: [PartView]
    var scenarios: [ScenarioView]

    init(_ d: Debrief) {
      pageTitle = d.title
      heading = d.title
      lede = [d.overview]
      notes = d.notes
      parts = d.parts.map { Self.part($0, d.taxonomy, facts: d.facts($0)) }
      scenarios = d.scenarios.enumerated().map { i, s in
        ScenarioView(
          scenarioAnchor: "debrief-\(i + 1)", scenarioTitle: s.title, hasObjectives: !s.objectives.isEmpty,
          objectives: s.objectives.map(\.trimmedSpaces), hasQuestions: !s.questions.isEmpty,
          questions: s.questions.map(\.trimmedSpaces))
      }
      contents = []
      if d.parts.count > 1 {
        contents.append(Link(href: "side-by-side", text: "The personas side by side"))
        sideBySide = Self.sideBySide(d)
      }
      contents += parts.map { Link(href: $0.anchor, text: $0.partHeading) }
      contents += scenarios.map { Link(href: $0.scenarioAnchor, text: "Debrief: \($0.scenarioTitle)") }
    }

    static func sideBySide(_ d: Debrief) -> SideBySide {
      let heads = d.personas.map(Debrief.label)
      let measures = d.comparisonRows().map { Measure(measure: $0.measure, values: $0.values) }
      let familyChart = HTMLReport.familyChart(
        id: "chart-families", title: "Replies by technique family, per persona",
        d.personas.map { (Debrief.label($0), $0.families) })
      // One chart per meter that several conversations share: one line per conversation.
      var names: [String] = []
      for p in d.parts { for m in p.meters where !names.contains(m.meter.name) { names.append(m.meter.name) } }
      var charts: [SVGChart.LineChart] = []
      for (i, name) in names.enumerated() {
        let lines = d.parts.compactMap { p -> (SVGChart.Series, MeterLabel)? in
          guard let s = p.meters.first(where: { $0.meter.name == name }) else { return nil }
          let label = "\(p.number). \(p.personaName) (\(p.persona))"
          return (SVGChart.Series(label: label, points: s.points.map { ($0.turn, $0.value) }), s.meter)
        }
        guard lines.count > 1, let meter = lines.first?.1 else { continue }
        let series = lines.map(\.0)
        charts.append(
          SVGChart.line(
            id: "chart-meter-\(i + 1)", title: "\(meter.label) in each conversation",
            description: HTMLReport.describe(series, over: "for \(meter.label)"), series: series, yLabel: meter.label,
            ceiling: meter.max))
      }
      return SideBySide(
        personaHeads: heads, measures: measures, familyChart: familyChart, hasMeterCharts: !charts.isEmpty,
        meterCharts: charts)
    }

    static func part(_ p: Debrief.Part, _ taxonomy: Taxonomy, facts: String) -> PartView {
      let series = p.meters.map {
        SVGChart.Series(label: $0.meter.label, points: $0.points.map { ($0.turn, $0.value) })
      }
      let ceiling = p.meters.map(\.meter.max).max()
      let chart =
        series.isEmpty
        ? []
        : [
          SVGChart.line(
            id: "chart-conversation-\(p.number)", title: "Meters over the turns: \(p.personaName) (\(p.persona))",
            description: HTMLReport.describe(series, over: "were recorded"), series: series, yLabel: "Meter value",
            ceiling: ceiling)
        ]
      let turns = p.turns.map { t in
        TurnRow(
          turnNumber: t.turn, said: HTMLReport.list(t.input),
          event: t.input == nil ? [t.event == "silence" ? "(after a silence)" : "(opening)"] : [],
          turnNotice: HTMLReport.list(t.notice),
          signalText: HTMLReport.list(AnnotationText.signals(t.signals, taxonomy, cues: t.signalCues)),
          leaving: t.intent == "exit" && !AnnotationText.includesExit(t.signals, taxonomy),
          replyText: HTMLReport.list(t.reply), ends: t.ends,
          tags: t.technique.map { [HTMLReport.tag($0, taxonomy)] } ?? [],
          meterText: HTMLReport.list(AnnotationText.meterChanges(t)), what: HTMLReport.list(t.note),
          healthy: HTMLReport.list(t.healthy))
      }
      return PartView(
        anchor: "conversation-\(p.number)", partHeading: "Conversation \(p.number): \(p.personaName) (\(p.persona))",
        personaName: p.personaName, facts: facts, ending: p.ending.summary, cut: p.cut,
        hasTechniques: !p.techniques.isEmpty,
        techniques: p.techniques.map {
          TechRow(techName: $0.name, techID: $0.id, family: $0.family, count: $0.count, firstTurn: $0.firstTurn)
        },
        hasSignals: !p.signals.isEmpty,
        signals: p.signals.map {
          SignalRow(
            sigName: $0.name, sigID: $0.id, kind: $0.kind, sigCount: $0.count, sigFirst: $0.firstTurn,
            firstLine: $0.firstLine)
        },
        hasCrises: !p.crises.isEmpty,
        crises: p.crises.map { CrisisRow(crisisTurn: $0.turn, crisisInput: $0.input, crisisNotice: $0.notice) },
        meterChart: chart, turns: turns)
    }
  }

  // MARK: - The comparison

  struct CompareView {
    struct Head {
      var headName: String
      var headStyle: String
    }
    struct CellView {
      var cellReply: [String]
      var cellQuiet: [String]
      var tags: [TagView]
      var cellMeters: [String]
      var cellEnds: Bool
    }
    struct RowView {
      var rowLabel: String
      var said: [String]
      var marks: [String]
      var rowNotice: [String]
      var cells: [CellView]
    }

    var generator = HTMLReport.generator
    var pageTitle: String
    var kicker = "Tether comparison"
    var heading: String
    var lede: [String]
    var brief: [String]
    var notes: [String] = []
    var caption: String
    var span: String
    var heads: [Head]
    var rows: [RowView]
    var hasUnsent: Bool
    var unsent: [String]
    var meterCharts: [SVGChart.LineChart]
    var familyChart: SVGChart.BarChart

    init(_ c: Comparison) {
      pageTitle = "Compare: \(c.title)"
      heading = c.title
      let who = c.columns.map(Comparison.heading).joined(separator: ", ")
      lede = ["\(c.source.capitalizedFirst), sent to \(who); seed \(c.seed)."]
      brief = HTMLReport.list(c.brief.trimmedSpaces)
      caption = "The same user lines to each persona, turn by turn (scenario \(c.scenarioID))."
      span = "\(c.columns.count)"
      heads = c.columns.map { Head(headName: Comparison.heading($0), headStyle: $0.style) }
      rows = c.rows.map { row in
        var marks: [String] = []
        if !row.signals.isEmpty {
          marks.append("Signals: " + AnnotationText.signals(row.signals, c.taxonomy, cues: row.signalCues))
        }
        if row.exit && !AnnotationText.includesExit(row.signals, c.taxonomy) { marks.append("Trying to leave") }
        return RowView(
          rowLabel: row.input == nil ? "Opening" : "Turn \(row.number)", said: HTMLReport.list(row.input),
          marks: marks.isEmpty ? [] : [marks.joined(separator: " · ")], rowNotice: HTMLReport.list(row.notice),
          cells: row.cells.map { cell in
            guard let t = cell.turn else {
              return CellView(
                cellReply: [], cellQuiet: [cell.over ? "(the conversation is over)" : "(no opening line)"], tags: [],
                cellMeters: [], cellEnds: false)
            }
            return CellView(
              cellReply: HTMLReport.list(t.reply), cellQuiet: t.reply.isEmpty ? ["(no reply)"] : [],
              tags: t.technique.map { [HTMLReport.tag($0, c.taxonomy)] } ?? [],
              cellMeters: HTMLReport.list(AnnotationText.meterChanges(t)), cellEnds: t.ends)
          })
      }
      hasUnsent = !c.unsent.isEmpty
      unsent = c.unsent
      // One chart per meter: a line per persona that keeps it.
      var meters: [MeterLabel] = []
      for col in c.columns {
        for m in col.meters where !meters.contains(where: { $0.name == m.name }) { meters.append(m) }
      }
      meterCharts = meters.enumerated().compactMap { i, meter in
        let series = c.columns.indices.compactMap { col -> SVGChart.Series? in
          let points = c.turns(of: col).compactMap { t in t.meters[meter.name].map { (x: t.turn, y: $0) } }
          return points.isEmpty ? nil : SVGChart.Series(label: Comparison.heading(c.columns[col]), points: points)
        }
        if series.isEmpty { return nil }
        return SVGChart.line(
          id: "chart-meter-\(i + 1)", title: "\(meter.label), per persona",
          description: HTMLReport.describe(series, over: "for \(meter.label)"), series: series, yLabel: meter.label,
          ceiling: meter.max)
      }
      familyChart = HTMLReport.familyChart(
        id: "chart-families", title: "Replies by technique family, per persona",
        c.columns.indices.map { col in
          var counts: [String: Int] = [:]
          for t in c.turns(of: col) { if let id = t.technique { counts[c.taxonomy.family(id), default: 0] += 1 } }
          return (Comparison.heading(c.columns[col]), Taxonomy.sortFamilies(counts.keys).map { ($0, counts[$0]!) })
        })
    }
  }
}
