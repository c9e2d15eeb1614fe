import TetherEngine

extension Debrief {
  /// The debrief as Markdown; every piece of user and scenario text is escaped.
  public func markdown() -> String {
    var out: [String] = []
    func para(_ s: String) {
      out.append("")
      out.append(s)
    }
    out.append("# " + MarkdownText.inline(title))
    para(MarkdownText.inline(overview))
    for n in notes { para("> " + MarkdownText.inline(n)) }
    if parts.count > 1 {
      para("## The personas side by side")
      para(
        MarkdownText.table(
          ["Measure"] + personas.map { MarkdownText.inline(Self.label($0)) },
          comparisonRows().map { row in
            [MarkdownText.inline(row.measure)] + row.values.map(MarkdownText.inline)
          }))
    }
    for p in parts { out += partMarkdown(p) }
    for s in scenarios {
      if !s.objectives.isEmpty {
        para("## Learning objectives: " + MarkdownText.inline(s.title))
        out.append("")
        for (i, o) in s.objectives.enumerated() { out.append("\(i + 1). " + MarkdownText.inline(o.trimmedSpaces)) }
      }
      if !s.questions.isEmpty {
        para("## Debrief questions: " + MarkdownText.inline(s.title))
        out.append("")
        for (i, q) in s.questions.enumerated() { out.append("\(i + 1). " + MarkdownText.inline(q.trimmedSpaces)) }
      }
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// `3 conversations: Sunny (validator), Mia (engager).`
  public var overview: String {
    let who = parts.map { "\($0.personaName) (\($0.persona))" }
    return "\(AnnotationText.count(parts.count, "conversation")): \(who.joined(separator: ", "))."
  }

  /// `Mia (engager)`.
  static func label(_ p: PersonaSummary) -> String { p.name == p.persona ? p.name : "\(p.name) (\(p.persona))" }

  /// One line of the side-by-side table: a measure and each persona's value.
  public struct ComparisonRow: Sendable {
    public var measure: String
    public var values: [String]
  }

  /// The measures the side-by-side table shows, one value per persona.
  public func comparisonRows() -> [ComparisonRow] {
    var rows: [ComparisonRow] = []
    func add(_ measure: String, _ value: (PersonaSummary) -> String) {
      rows.append(ComparisonRow(measure: measure, values: personas.map(value)))
    }
    add("Conversations") { "\($0.conversations)" }
    add("User lines") { "\($0.userLines)" }
    add("Replies by technique family") { p in
      p.families.map { "\($0.family) \($0.count)" }.joined(separator: ", ")
    }
    add("Most used techniques") { p in
      p.techniques.prefix(3).map { "\($0.name) ×\($0.count)" }.joined(separator: ", ")
    }
    add("Different signals in the user's lines") { "\($0.signals)" }
    add("Crisis notices") { "\($0.crisisNotices)" }
    add("Attempts to leave") { "\($0.attemptsToLeave)" }
    add("Conversations the companion let end") { "\($0.letGo) of \($0.conversations)" }
    var meters: [MeterLabel] = []
    for p in personas {
      for m in p.finalMeters where !meters.contains(where: { $0.name == m.meter.name }) { meters.append(m.meter) }
    }
    for m in meters {
      add("\(m.label) at the end") { p in p.finalMeters.first { $0.meter.name == m.name }.map { "\($0.value)" } ?? "–" }
    }
    return rows
  }

  func partMarkdown(_ p: Part) -> [String] {
    var out: [String] = []
    func para(_ s: String) {
      out.append("")
      out.append(s)
    }
    para("## Conversation \(p.number): \(MarkdownText.inline(p.personaName)) (\(MarkdownText.code(p.persona)))")
    para(MarkdownText.inline(facts(p)))
    para("**How it ended:** " + MarkdownText.inline(p.ending.summary))
    para("### Techniques used")
    if p.techniques.isEmpty {
      para("No reply carried a technique.")
    } else {
      para(
        MarkdownText.table(
          ["Technique", "Family", "Times", "First at turn"],
          p.techniques.map {
            [
              "\(MarkdownText.inline($0.name)) (\(MarkdownText.code($0.id)))", MarkdownText.inline($0.family),
              "\($0.count)", "\($0.firstTurn)",
            ]
          }))
    }
    para("### Signals in the user's lines")
    if p.signals.isEmpty {
      para("None of the user's lines showed a signal.")
    } else {
      para(
        MarkdownText.table(
          ["Signal", "Kind", "Times", "First at turn", "First line"],
          p.signals.map {
            [
              "\(MarkdownText.inline($0.name)) (\(MarkdownText.code($0.id)))", MarkdownText.inline($0.kind),
              "\($0.count)", "\($0.firstTurn)", "“\(MarkdownText.inline($0.firstLine))”",
            ]
          }))
    }
    if !p.crises.isEmpty {
      para("### Crisis notices")
      out.append("")
      for c in p.crises {
        out.append(
          "- Turn \(c.turn): “\(MarkdownText.inline(c.input))”. Safety notice: \(MarkdownText.inline(c.notice))")
      }
    }
    if !p.meters.isEmpty {
      para("### Meters over the turns")
      let turns = Array(Set(p.meters.flatMap { $0.points.map(\.turn) })).sorted()
      para(
        MarkdownText.table(
          ["Turn"] + p.meters.map { MarkdownText.inline($0.meter.label) },
          turns.map { t in
            ["\(t)"] + p.meters.map { s in s.points.first { $0.turn == t }.map { "\($0.value)" } ?? "" }
          }))
    }
    para("### The turns")
    for t in p.turns {
      out.append("")
      let who = MarkdownText.inline(p.personaName)
      if let input = t.input {
        out.append("**\(t.turn) · You:** “\(MarkdownText.inline(input))”  ")
      } else {
        out.append("**\(t.turn) · \(t.event == "silence" ? "After a silence" : "Opening")**  ")
      }
      if let notice = t.notice { out.append("**Safety notice:** \(MarkdownText.inline(notice))  ") }
      out.append("**\(who):** " + (t.reply.isEmpty ? "*(no reply)*" : MarkdownText.inline(t.reply)) + "  ")
      var tags: [String] = []
      if let id = t.technique { tags.append("*Technique:* " + MarkdownText.technique(id, taxonomy)) }
      let meters = AnnotationText.meterChanges(t)
      if !meters.isEmpty { tags.append("*Meters:* " + MarkdownText.inline(meters)) }
      if !t.signals.isEmpty {
        let named = AnnotationText.signals(t.signals, taxonomy, cues: t.signalCues)
        tags.append("*Signals:* " + MarkdownText.inline(named))
      }
      if t.intent == "exit" && !AnnotationText.includesExit(t.signals, taxonomy) {
        tags.append("*the user is trying to leave*")
      }
      if t.ends { tags.append("*lets the conversation end*") }
      if !tags.isEmpty { out.append(tags.joined(separator: " · ") + "  ") }
      if let note = t.note { out.append("*What it does:* " + MarkdownText.inline(note) + "  ") }
      if let healthy = t.healthy { out.append("*A healthy reply:* " + MarkdownText.inline(healthy) + "  ") }
      if out.last?.hasSuffix("  ") == true { out[out.count - 1].removeLast(2) }
    }
    if p.cut {
      para("*The transcript was cut here.*")
    }
    return out
  }

  /// `Scenario A lonely evening (lonely-evening) · seed 1 · started … · from file:1`.
  public func facts(_ p: Part) -> String {
    var facts: [String] = []
    if let id = p.scenarioID {
      facts.append("Scenario: " + (p.scenarioTitle.map { "\($0) (\(id))" } ?? id))
    } else {
      facts.append("Scenario: not recorded")
    }
    if let seed = p.seed { facts.append("seed \(seed)") }
    if let s = p.startedAt { facts.append("started \(s)") }
    if let e = p.endedAt { facts.append("ended \(e)") }
    facts.append("\(AnnotationText.count(p.userLines, "user line"))")
    facts.append("from \(p.source)")
    return facts.joined(separator: " · ")
  }
}
