import TetherEngine

/// What `tether explain ID` shows about a technique, a signal or a dynamic.
public struct CatalogEntry: Sendable {
  /// A heading and its paragraphs.
  public struct Section: Sendable {
    public var heading: String
    public var paragraphs: [String]
  }

  /// A user line and how personas answered it.
  public struct Example: Sendable {
    public struct Answer: Sendable {
      public var speaker: String
      public var text: String
      public var technique: String?
    }
    /// Where it comes from: a persona's rule, or a scenario's demo script.
    public var context: String
    public var input: String
    public var notice: String?
    public var answers: [Answer]
  }

  /// `technique`, `signal` or `dynamic`.
  public var kind: String
  public var id: String
  public var name: String
  /// One line under the name: family and dynamic, or the kind of signal.
  public var subtitle: String
  public var sections: [Section]
  public var examplesHeading: String
  public var examples: [Example]
  /// Said when there are no examples.
  public var noExamples: String
}

/// Looks up techniques, signals and dynamics, and finds real example replies for them.
public enum Explain {
  /// Every id `explain` knows, techniques first.
  public static func ids(_ taxonomy: Taxonomy) -> [String] {
    taxonomy.techniques.map(\.id) + taxonomy.signals.map(\.id) + taxonomy.dynamics.map(\.id)
  }

  /// The closest known id to a misspelt one.
  public static func suggestion(for id: String, _ taxonomy: Taxonomy) -> String? {
    suggestion(for: id, among: ids(taxonomy))
  }

  static func suggestion(for id: String, among ids: [String]) -> String? {
    TetherEngine.suggestion(for: id, among: ids)
  }

  /// The entry for an id (case does not matter), with examples from the library's personas.
  public static func entry(_ wanted: String, taxonomy: Taxonomy, library: ScenarioLibrary) -> CatalogEntry? {
    func same(_ a: String) -> Bool { a.lowercased() == wanted.lowercased() }
    if let t = taxonomy.techniques.first(where: { same($0.id) }) { return technique(t, taxonomy, library) }
    if let s = taxonomy.signals.first(where: { same($0.id) }) { return signal(s, taxonomy, library) }
    if let d = taxonomy.dynamics.first(where: { same($0.id) }) { return dynamic(d, taxonomy) }
    return nil
  }

  static func technique(_ t: Technique, _ taxonomy: Taxonomy, _ library: ScenarioLibrary) -> CatalogEntry {
    let dynamic = taxonomy.dynamic(t.dynamic)
    var sections = [CatalogEntry.Section(heading: "What it is", paragraphs: [t.what.trimmedSpaces])]
    if let dynamic {
      sections.append(
        .init(heading: "The dynamic it leans on: \(dynamic.name)", paragraphs: [dynamic.description.trimmedSpaces]))
    } else if !t.dynamic.isEmpty {
      sections.append(.init(heading: "The dynamic it leans on", paragraphs: [t.dynamic]))
    }
    sections.append(.init(heading: "Why it works", paragraphs: [t.why.trimmedSpaces]))
    sections.append(.init(heading: "What a clinician may notice", paragraphs: [t.notice.trimmedSpaces]))
    sections.append(.init(heading: "The healthy alternative", paragraphs: [t.healthy.trimmedSpaces]))
    if t.analogy {
      sections.append(
        .init(
          heading: "Grounding",
          paragraphs: [
            "An analogy from the coercive-control literature, not a finding about AI companions themselves."
          ]))
    }
    if !t.sources.isEmpty { sections.append(.init(heading: "Sources", paragraphs: t.sources.map { "• " + $0 })) }
    var subtitle = "Technique"
    if !t.family.isEmpty { subtitle += " · family: \(t.family)" }
    if !t.dynamic.isEmpty { subtitle += " · dynamic: \(dynamic?.name ?? t.dynamic)" }
    return CatalogEntry(
      kind: "technique", id: t.id, name: t.name, subtitle: subtitle, sections: sections,
      examplesHeading: "Example replies (each rule's own example line, from a fresh conversation)",
      examples: techniqueExamples(t.id, library, library.sharedSignals()), noExamples: "No persona of these scenarios uses this technique.")
  }

  static func signal(_ s: SignalInfo, _ taxonomy: Taxonomy, _ library: ScenarioLibrary) -> CatalogEntry {
    let kind: String
    switch s.kind {
    case "crisis": kind = "Crisis signal: every persona's reply comes after the out-of-character safety notice"
    case "exit": kind = "Exit intent: the user is trying to leave, and the persona's goodbye rules answer"
    default: kind = "Warning sign in the user's own words"
    }
    var sections = [CatalogEntry.Section(heading: "What it is", paragraphs: [s.description.trimmedSpaces])]
    if !s.notice.isEmpty {
      sections.append(.init(heading: "What a clinician may notice", paragraphs: [s.notice.trimmedSpaces]))
    }
    if !s.source.isEmpty { sections.append(.init(heading: "Source", paragraphs: [s.source.trimmedSpaces])) }
    // The shared signals compiled once, for the demo lines and, if none shows it, the example.
    let signals = library.sharedSignals()
    let demo = signalExamples(s.id, library, signals)
    let own = demo.isEmpty ? exampleLineAnswers(s.id, library, signals) : []
    return CatalogEntry(
      kind: "signal", id: s.id, name: s.name, subtitle: kind, sections: sections,
      examplesHeading: own.isEmpty
        ? "How the personas answered a demo line that shows it"
        : "How the personas answered the signal's own example line (no demo line shows it)",
      examples: demo.isEmpty ? own : demo,
      noExamples: "No line of the scenarios' demo scripts shows this signal.")
  }

  static func dynamic(_ d: Dynamic, _ taxonomy: Taxonomy) -> CatalogEntry {
    let leaning = taxonomy.techniques.filter { $0.dynamic == d.id }.map { "• \($0.id): \($0.name)" }
    var sections = [CatalogEntry.Section(heading: "What it is", paragraphs: [d.description.trimmedSpaces])]
    if !leaning.isEmpty { sections.append(.init(heading: "Techniques that lean on it", paragraphs: leaning)) }
    return CatalogEntry(
      kind: "dynamic", id: d.id, name: d.name, subtitle: "Psychological dynamic", sections: sections,
      examplesHeading: "", examples: [], noExamples: "")
  }

  // MARK: - Examples

  /// Every compiled scenario whose personas are worth asking: the shared personas once, then the
  /// scenarios that bring personas of their own (DOCTOR).
  static func scenariosWithPersonas(_ library: ScenarioLibrary, _ signals: ScenarioLibrary.SharedSignals) -> [Scenario] {
    var out: [Scenario] = []
    if let s = sharedPersonas(library, signals) { out.append(s) }
    for doc in library.documents where doc.scenario != nil && !doc.personas.isEmpty {
      if let id = doc.scenario?.id.value, let s = library.compile(id, signals: signals).scenario { out.append(s) }
    }
    return out
  }

  /// The shared personas compiled as one scenario, if the library has any.
  static func sharedPersonas(_ library: ScenarioLibrary, _ signals: ScenarioLibrary.SharedSignals) -> Scenario? {
    library.sharedPersonaIDs.isEmpty ? nil : library.compile(nil, signals: signals).scenario
  }

  /// Up to two rules per persona whose replies carry the technique, each answering its own first
  /// example line from a fresh conversation (the rule's own gates open, as `tether test` does).
  static func techniqueExamples(
    _ id: String, _ library: ScenarioLibrary, _ signals: ScenarioLibrary.SharedSignals
  ) -> [CatalogEntry.Example] {
    var out: [CatalogEntry.Example] = []
    var seen = Set<String>()
    for scenario in scenariosWithPersonas(library, signals) {
      for pid in scenario.personaIDs where seen.insert(pid).inserted {
        guard let persona = scenario.persona(pid) else { continue }
        let name = scenario.personaInfo(pid)?.name ?? pid
        var found = 0
        for (index, rule, examples) in scenario.examples(of: pid) where found < 2 {
          let r = persona.rules[index]
          guard r.technique == id || r.replies.contains(where: { $0.technique == id }),
            let line = examples.first?.value,
            var c = try? Conversation(scenario: scenario, persona: pid, seed: 1)
          else { continue }
          c.exempt = index
          let turn = c.respond(to: line)
          guard turn.rule == rule, turn.technique == id, !turn.reply.isEmpty else { continue }
          out.append(
            CatalogEntry.Example(
              context: "\(name) (\(pid)), rule \(rule)", input: line, notice: nil,
              answers: [.init(speaker: name, text: turn.reply, technique: turn.technique)]))
          found += 1
        }
      }
    }
    return out
  }

  /// The signal's first example line (signals.yaml's `examples`, which `tether test` checks),
  /// answered by each shared persona at the start of a fresh conversation: for a signal no demo
  /// line shows (self-harm, a plan). None for a signal read only right after a crisis line
  /// ("not really jk"): alone, its example shows nothing.
  static func exampleLineAnswers(
    _ id: String, _ library: ScenarioLibrary, _ signals: ScenarioLibrary.SharedSignals
  ) -> [CatalogEntry.Example] {
    guard let scenario = sharedPersonas(library, signals),
      let signal = scenario.signals.signals.first(where: { $0.info.id == id }), signal.afterCrisis == 0,
      let line = signal.examples.first?.value
    else { return [] }
    var notice: String?
    var answers: [CatalogEntry.Example.Answer] = []
    for pid in scenario.personaIDs {
      guard var c = try? Conversation(scenario: scenario, persona: pid, seed: 1) else { continue }
      _ = c.start()
      let turn = c.respond(to: line)
      guard turn.signals.contains(id) else { continue }
      notice = notice ?? turn.notice
      let name = scenario.personaInfo(pid)?.name ?? pid
      answers.append(.init(speaker: "\(name) (\(pid))", text: turn.reply, technique: turn.technique))
    }
    if answers.isEmpty { return [] }
    return [CatalogEntry.Example(context: "each persona at the start of a conversation", input: line, notice: notice, answers: answers)]
  }

  /// The first demo line of each scenario (at most three scenarios) that shows the signal, and how
  /// each of the scenario's personas answered it at that point of the demo.
  static func signalExamples(
    _ id: String, _ library: ScenarioLibrary, _ signals: ScenarioLibrary.SharedSignals
  ) -> [CatalogEntry.Example] {
    var out: [CatalogEntry.Example] = []
    for sid in library.scenarioIDs where out.count < 3 {
      guard let scenario = library.compile(sid, signals: signals).scenario, !scenario.demo.isEmpty else { continue }
      var conversations = scenario.personaIDs.compactMap { try? Conversation(scenario: scenario, persona: $0, seed: 1) }
      for i in conversations.indices { _ = conversations[i].start() }
      var over = [Bool](repeating: false, count: conversations.count)
      for line in scenario.demo {
        var turns: [(Int, Turn)] = []
        for i in conversations.indices where !over[i] {
          let t = conversations[i].respond(to: line)
          if t.ends { over[i] = true }
          turns.append((i, t))
        }
        guard let first = turns.first?.1, first.signals.contains(id) else { continue }
        out.append(
          CatalogEntry.Example(
            context: "\(scenario.title) (\(scenario.id)), demo line \(first.turn)", input: line, notice: first.notice,
            answers: turns.map { i, t in
              let pid = conversations[i].personaID
              let name = scenario.personaInfo(pid)?.name ?? pid
              return .init(speaker: "\(name) (\(pid))", text: t.reply, technique: t.technique)
            }))
        break
      }
    }
    return out
  }
}
