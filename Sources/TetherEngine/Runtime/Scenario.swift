/// A compiled scenario: everything a conversation needs, validated.
public struct Scenario: Sendable {
  public var id: String
  public var title: String
  public var brief: String
  public var objectives: [String]
  public var facilitatorNotes: String
  public var debrief: [String]
  public var demo: [String]
  /// The file the scenario was read from.
  public var file: String
  package var defaultPersonaID: String
  package var personas: [Persona]
  package var lexicon: Lexicon
  package var vocabulary: Vocabulary
  package var signals: SignalDetector
  package var techniques: [String: Technique]
  package var dynamics: [String: Dynamic]
  package var safetyNotice: String?
  package var crisisLine: String
  package var regions: [(String, String)]
  package var settingMeters: [(String, Int)]
  package var settingVariables: [(String, String)]
  package var tests: [TestSpec]
  /// True when the scenario plays the signals' own lexicon and its vocabulary starts with the
  /// signals' words: a user line is then normalized once, for the signals and the rules alike.
  package var sharesSignalWords = false
  /// By word id: true for the lexicon's fillers, which a rule's pattern may pass over.
  package var fillers: [Bool] = []

  /// The ids of the personas this scenario plays, in order.
  public var personaIDs: [String] { personas.map(\.id) }

  /// The persona `play` starts with.
  public var defaultPersona: String { defaultPersonaID }

  /// Name, style and summary of a persona.
  public func personaInfo(_ id: String) -> (name: String, style: String, summary: String)? {
    personas.first { $0.id == id }.map { ($0.name, $0.style, $0.summary) }
  }

  /// How many rules a persona has (events included).
  public func ruleCount(_ id: String) -> Int { persona(id)?.rules.count ?? 0 }

  /// Seconds of silence before the persona may nudge, if it does.
  public func idleSeconds(_ id: String) -> Double? { persona(id)?.idle }

  package func persona(_ id: String) -> Persona? { personas.first { $0.id == id } }

  public func technique(_ id: String) -> Technique? { techniques[id] }

  /// A dynamic of the taxonomy, by id.
  public func dynamic(_ id: String) -> Dynamic? { dynamics[id] }

  /// A user-side signal, by id.
  public func signal(_ id: String) -> SignalInfo? { signals.signals.first { $0.info.id == id }?.info }

  /// Every technique, sorted by id.
  public var allTechniques: [Technique] { techniques.values.sorted { $0.id < $1.id } }

  /// Every signal, in the order of `signals.yaml`.
  public var allSignals: [SignalInfo] { signals.signals.map(\.info) }

  /// A meter a persona keeps: its label and range.
  public struct MeterInfo: Sendable, Equatable {
    public var name: String
    public var label: String
    public var start: Int
    public var min: Int
    public var max: Int
  }

  /// The meters a persona keeps, in the order its file declares them.
  public func meters(of personaID: String) -> [MeterInfo] {
    persona(personaID)?.meters.map { MeterInfo(name: $0.name, label: $0.label, start: $0.start, min: $0.min, max: $0.max) }
      ?? []
  }
}

extension Scenario {
  /// Each signal's example lines: (signal id, lines that must show it, lines that must not).
  package var signalExamples: [(String, [Located<String>], [Located<String>])] {
    signals.signals.map { ($0.info.id, $0.examples, $0.notExamples) }
  }

  /// Why `code` cannot name a region's crisis line, or nil when it can ("uk", "au" …: the codes
  /// of the `safety` section's `regions`).
  package func regionProblem(_ code: String) -> String? {
    if regions.contains(where: { $0.0 == code.lowercased() }) { return nil }
    let known = regions.map(\.0)
    return known.isEmpty
      ? "the safety section names no regions, so the crisis line is always the default one"
      : "unknown region '\(code)'\(didYouMean(code.lowercased(), among: known)); regions: \(known.joined(separator: ", "))"
  }

  /// The signals one line shows, as `respond` finds them (`sinceCrisis`: how many lines back the
  /// last line that showed a crisis signal is).
  package func signalsIn(_ line: String, sinceCrisis: Int? = nil) -> [String] {
    var matcher = Matcher()
    return detectSignals(line, matcher: &matcher, sinceCrisis: sinceCrisis).ids
  }

  /// The line normalized for the rules, and the signals it shows: one normalization when the
  /// scenario shares the signals' lexicon and words, two from one scan of the line otherwise.
  package func normalizeAndDetect(
    _ input: String, matcher: inout Matcher, sinceCrisis: Int? = nil
  ) -> (NormalizedLine, SignalDetector.Found) {
    // The lines are built in the buffers of an earlier turn's (``Matcher/spareLine``); the
    // signals' own line is handed back here, the rules' by the caller once the turn is done.
    if sharesSignalWords || signals.signals.isEmpty {
      let line = Normalizer.normalize(input, lexicon: lexicon, vocabulary: vocabulary, reusing: &matcher.spareLine)
      return (line, detectSignals(input, in: line, matcher: &matcher, sinceCrisis: sinceCrisis))
    }
    // Two normalizations from one scan of the line.
    let (line, signalLine) = Normalizer.normalize(
      input, lexicon: lexicon, vocabulary: vocabulary, and: signals.lexicon, signals.vocabulary,
      reusing: &matcher.spareLine, &matcher.spareSignalLine)
    let found = signals.detect(normalized: signalLine, matcher: &matcher, sinceCrisis: sinceCrisis)
    matcher.spareSignalLine = Matcher.spare(signalLine)
    return (line, found)
  }

  /// The signals of a line already normalized for the rules: read on that line when the scenario
  /// shares the signals' lexicon and words, else on the input normalized with the shared lexicon.
  package func detectSignals(
    _ input: String, in line: NormalizedLine, matcher: inout Matcher, sinceCrisis: Int? = nil
  ) -> SignalDetector.Found {
    sharesSignalWords
      ? signals.detect(normalized: line, matcher: &matcher, sinceCrisis: sinceCrisis)
      : signals.detect(input, matcher: &matcher, sinceCrisis: sinceCrisis)
  }

  /// The signals a line shows, as ``normalizeAndDetect(_:matcher:)`` finds them.
  package func detectSignals(_ input: String, matcher: inout Matcher, sinceCrisis: Int? = nil) -> SignalDetector.Found {
    normalizeAndDetect(input, matcher: &matcher, sinceCrisis: sinceCrisis).1
  }

  /// Each rule of a persona with its example inputs: (rule index, rule id, examples).
  package func examples(of personaID: String) -> [(Int, String, [Located<String>])] {
    guard let p = persona(personaID) else { return [] }
    return p.rules.enumerated().compactMap { i, r in r.examples.isEmpty ? nil : (i, r.id, r.examples) }
  }
}
