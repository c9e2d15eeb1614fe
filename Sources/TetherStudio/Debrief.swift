import TetherEngine

/// A debrief of recorded conversations: what `tether report` writes.
///
/// Per conversation: the turns with their annotations, the techniques used and how often, the
/// signals in the user's lines and the turn where each first appeared, crisis notices, the meters
/// over the turns, and how the conversation ended. Across conversations: the personas side by
/// side on the same measures. Then the scenarios' learning objectives and debrief questions.
public struct Debrief: Sendable {
  /// A technique and how often a conversation (or a persona) used it.
  public struct TechniqueUse: Sendable, Equatable {
    public var id: String
    public var name: String
    public var family: String
    public var count: Int
    public var firstTurn: Int
  }

  /// A signal of the user's side and where it first appeared.
  public struct SignalUse: Sendable, Equatable {
    public var id: String
    public var name: String
    public var kind: String
    public var count: Int
    public var firstTurn: Int
    /// The user's line where it first appeared.
    public var firstLine: String
  }

  /// A crisis line and the safety notice it got.
  public struct CrisisNotice: Sendable, Equatable {
    public var turn: Int
    public var input: String
    public var notice: String
    public var reply: String
  }

  /// One meter's value after each turn.
  public struct MeterSeries: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
      public var turn: Int
      public var value: Int
    }
    public var meter: MeterLabel
    public var points: [Point]
  }

  /// How a conversation ended.
  public struct Ending: Sendable, Equatable {
    /// `companion`, `user`, `facilitator` (ended from the dashboard of `tether serve`), `interrupted`,
    /// `cut` or `open` (replay output that stops with no goodbye).
    public var kind: String
    /// One sentence for the reader.
    public var summary: String
    /// Lines where the user tried to leave.
    public var attemptsToLeave: Int
  }

  /// One conversation, analysed.
  public struct Part: Sendable {
    public var number: Int
    public var persona: String
    public var personaName: String
    public var scenarioID: String?
    public var scenarioTitle: String?
    public var seed: UInt64?
    public var startedAt: String?
    public var endedAt: String?
    /// `file:line` of its first record.
    public var source: String
    public var turns: [Turn]
    public var userLines: Int
    public var techniques: [TechniqueUse]
    /// Replies per technique family, in ``Taxonomy/familyOrder``.
    public var families: [(family: String, count: Int)]
    public var signals: [SignalUse]
    public var crises: [CrisisNotice]
    public var meters: [MeterSeries]
    public var ending: Ending
    public var cut: Bool
  }

  /// One persona across every conversation it had.
  public struct PersonaSummary: Sendable {
    public var persona: String
    public var name: String
    public var conversations: Int
    public var userLines: Int
    public var replies: Int
    public var families: [(family: String, count: Int)]
    public var techniques: [TechniqueUse]
    public var signals: Int
    public var crisisNotices: Int
    public var attemptsToLeave: Int
    /// Conversations the companion let end.
    public var letGo: Int
    /// The mean of each meter's last value over the conversations, in declaration order.
    public var finalMeters: [(meter: MeterLabel, value: Int)]
  }

  /// What a scenario asks the group to discuss.
  public struct ScenarioNotes: Sendable {
    public var id: String
    public var title: String
    public var objectives: [String]
    public var questions: [String]
  }

  public var title: String
  public var parts: [Part]
  public var personas: [PersonaSummary]
  public var scenarios: [ScenarioNotes]
  /// Things the reader should know: a cut transcript, a scenario that was not found.
  public var notes: [String]
  public var taxonomy: Taxonomy

  /// Analyses conversations; `scenarios` gives the compiled scenario for a scenario id, when found,
  /// and `personas` (a scenario of every shared persona) names the personas of the others.
  public init(
    _ conversations: [RecordedConversation], scenarios: [String: Scenario], scenarioID override: String? = nil,
    personas fallback: Scenario? = nil, taxonomy: Taxonomy, notes: [String] = []
  ) {
    self.taxonomy = taxonomy
    self.notes = notes
    var parts: [Part] = []
    for (i, c) in conversations.enumerated() {
      let sid = c.header?.scenario ?? override
      let known = sid.flatMap { scenarios[$0] }
      let scenario = known?.personaIDs.contains(c.persona) == true ? known : fallback ?? known
      parts.append(
        Self.part(
          c, number: i + 1, scenarioID: sid, title: known?.title, scenario: scenario, taxonomy: taxonomy))
    }
    self.parts = parts
    var order: [String] = []
    for p in parts where !order.contains(p.persona) { order.append(p.persona) }
    personas = order.map { id in Self.summary(of: parts.filter { $0.persona == id }, taxonomy: taxonomy) }
    var ids: [String] = []
    for p in parts { if let s = p.scenarioID, !ids.contains(s) { ids.append(s) } }
    self.scenarios = ids.compactMap { scenarios[$0] }.map {
      ScenarioNotes(id: $0.id, title: $0.title, objectives: $0.objectives, questions: $0.debrief)
    }
    let titles = Set(parts.compactMap { $0.scenarioTitle ?? $0.scenarioID })
    if titles.count == 1, let only = titles.first {
      title = "Debrief: \(only)"
    } else {
      title = "Debrief: \(AnnotationText.count(parts.count, "conversation"))"
    }
  }

  static func part(
    _ c: RecordedConversation, number: Int, scenarioID: String?, title: String?, scenario: Scenario?, taxonomy: Taxonomy
  ) -> Part {
    let persona = c.persona
    let name = c.header?.personaName ?? scenario?.personaInfo(persona)?.name ?? persona
    // Techniques, in order of how often, then of first use.
    var uses: [String: TechniqueUse] = [:]
    var signals: [String: SignalUse] = [:]
    var crises: [CrisisNotice] = []
    for t in c.turns {
      if let id = t.technique {
        if uses[id] == nil {
          uses[id] = TechniqueUse(
            id: id, name: taxonomy.techniqueName(id), family: taxonomy.family(id), count: 0, firstTurn: t.turn)
        }
        uses[id]!.count += 1
      }
      for s in t.signals {
        if signals[s] == nil {
          signals[s] = SignalUse(
            id: s, name: taxonomy.signalName(s), kind: taxonomy.signal(s)?.kind ?? "", count: 0, firstTurn: t.turn,
            firstLine: t.input ?? "")
        }
        signals[s]!.count += 1
      }
      if t.crisis || t.notice != nil {
        crises.append(CrisisNotice(turn: t.turn, input: t.input ?? "", notice: t.notice ?? "", reply: t.reply))
      }
    }
    let techniques = uses.values.sorted { $0.count != $1.count ? $0.count > $1.count : $0.firstTurn < $1.firstTurn }
    let found = signals.values.sorted { $0.firstTurn != $1.firstTurn ? $0.firstTurn < $1.firstTurn : $0.id < $1.id }
    return Part(
      number: number, persona: persona, personaName: name, scenarioID: scenarioID,
      scenarioTitle: c.header?.scenarioTitle ?? title, seed: c.header?.seed ?? c.turns.first?.seed,
      startedAt: c.header?.startedAt, endedAt: c.end?.endedAt, source: "\(c.file):\(c.line)", turns: c.turns,
      userLines: c.turns.filter { $0.input != nil }.count, techniques: techniques,
      families: families(techniques), signals: found, crises: crises,
      meters: meters(c.turns, labels: scenario.map { MeterLabel.of(persona, in: $0) } ?? []),
      ending: ending(c, name: name), cut: c.cut)
  }

  /// Replies per family, families in report order.
  static func families(_ uses: [TechniqueUse]) -> [(family: String, count: Int)] {
    var counts: [String: Int] = [:]
    for u in uses { counts[u.family, default: 0] += u.count }
    return Taxonomy.sortFamilies(counts.keys).map { ($0, counts[$0]!) }
  }

  /// Each meter's values over the turns: the declared meters first, in order, then any other.
  static func meters(_ turns: [Turn], labels: [MeterLabel]) -> [MeterSeries] {
    var names = labels.map(\.name)
    for t in turns { for m in t.meters.keys.sorted() where !names.contains(m) { names.append(m) } }
    return names.compactMap { name in
      let points = turns.compactMap { t in t.meters[name].map { MeterSeries.Point(turn: t.turn, value: $0) } }
      if points.isEmpty { return nil }
      let label = labels.first { $0.name == name } ?? MeterLabel(name: name, label: "", min: 0, max: 100)
      return MeterSeries(meter: label, points: points)
    }
  }

  /// Who or what ended the conversation, in one sentence.
  static func ending(_ c: RecordedConversation, name: String) -> Ending {
    let lines = AnnotationText.count(c.turns.filter { $0.input != nil }.count, "user line")
    // The first turn where the companion let go (replay output goes on after it; play stops).
    if let end = c.turns.firstIndex(where: \.ends) {
      let nth = c.turns[...end].filter { $0.intent == "exit" }.count
      let how =
        nth == 0
        ? "" : nth == 1 ? ", at the first attempt to leave" : ", on the \(AnnotationText.ordinal(nth)) attempt to leave"
      return Ending(
        kind: "companion", summary: "\(name) let the conversation end at turn \(c.turns[end].turn)\(how).",
        attemptsToLeave: nth)
    }
    let attempts = c.turns.filter { $0.intent == "exit" }.count
    let holding =
      attempts == 0
      ? "" : " \(name) had not let the user go after \(AnnotationText.count(attempts, "attempt")) to leave."
    func said(_ kind: String, _ what: String) -> Ending {
      Ending(kind: kind, summary: what + holding, attemptsToLeave: attempts)
    }
    if let end = c.end {
      switch end.tetherEnd {
      case "quit": return said("user", "The user quit with /quit after \(lines).")
      case "eof": return said("user", "The user's input ended (Ctrl-D) after \(lines).")
      case "signal":
        return said(
          "interrupted",
          "The session was interrupted (Ctrl-C, a closed terminal, or the classroom server was stopped) after \(lines).")
      case "restart": return said("user", "The user restarted the conversation (/restart) after \(lines).")
      case "switch": return said("user", "The user switched to another persona (/persona) after \(lines).")
      case "persona": return said("companion", "\(name) let the conversation end after \(lines).")
      case "facilitator": return said("facilitator", "The facilitator ended this session after \(lines).")
      default: return said("user", "The conversation ended (\(end.tetherEnd)) after \(lines).")
      }
    }
    if c.cut {
      let torn = c.torn ? " Its last line was cut in half and is left out." : ""
      return said(
        "cut",
        "The transcript was cut after \(lines): the session stopped without closing (a crash, or the process was killed).\(torn)"
      )
    }
    return said("open", "No end record (replay output, or a session cut short), after \(lines).")
  }

  /// One persona over its conversations.
  static func summary(of parts: [Part], taxonomy: Taxonomy) -> PersonaSummary {
    var uses: [String: TechniqueUse] = [:]
    for p in parts {
      for u in p.techniques {
        if uses[u.id] == nil {
          uses[u.id] = TechniqueUse(id: u.id, name: u.name, family: u.family, count: 0, firstTurn: u.firstTurn)
        }
        uses[u.id]!.count += u.count
        uses[u.id]!.firstTurn = min(uses[u.id]!.firstTurn, u.firstTurn)
      }
    }
    let techniques = uses.values.sorted { $0.count != $1.count ? $0.count > $1.count : $0.id < $1.id }
    var labels: [MeterLabel] = []
    var finals: [String: [Int]] = [:]
    for p in parts {
      for s in p.meters {
        if !labels.contains(where: { $0.name == s.meter.name }) { labels.append(s.meter) }
        if let last = s.points.last { finals[s.meter.name, default: []].append(last.value) }
      }
    }
    let finalMeters = labels.compactMap { m -> (meter: MeterLabel, value: Int)? in
      guard let values = finals[m.name], !values.isEmpty else { return nil }
      return (m, Int((Double(values.reduce(0, +)) / Double(values.count)).rounded()))
    }
    var signalIDs = Set<String>()
    for p in parts { for s in p.signals { signalIDs.insert(s.id) } }
    return PersonaSummary(
      persona: parts[0].persona, name: parts[0].personaName, conversations: parts.count,
      userLines: parts.reduce(0) { $0 + $1.userLines },
      replies: parts.reduce(0) { $0 + $1.turns.filter { !$0.reply.isEmpty }.count },
      families: families(techniques), techniques: techniques, signals: signalIDs.count,
      crisisNotices: parts.reduce(0) { $0 + $1.crises.count },
      attemptsToLeave: parts.reduce(0) { $0 + $1.ending.attemptsToLeave },
      letGo: parts.filter { $0.ending.kind == "companion" }.count, finalMeters: finalMeters)
  }
}
