/// The scenario files of a folder (or a list of files), read and ready to compile.
///
/// Shared files (`lexicon.yaml`, `techniques.yaml`, `signals.yaml`, `personas/*.yaml`) serve every
/// scenario; a scenario file may bring its own lexicon and personas.
public struct ScenarioLibrary: Sendable {
  package var documents: [DocumentSpec] = []
  /// Problems found while reading the files.
  public private(set) var diagnostics: [Diagnostic] = []

  /// Reads files given as (path, text) pairs; the engine itself never touches the disk. Each
  /// file's text is let go as soon as it is read, when the caller hands the list over
  /// (`consume`): a large scenario's text is then never in memory beside its compiled rules.
  public init(files: consuming [(path: String, text: String)]) {
    for i in files.indices {
      let path = files[i].path
      let text = files[i].text
      files[i].text = ""
      var d = Diagnostics()
      let root: YAMLNode?
      do {
        root = try YAMLReader(file: path).read(text)
      } catch {
        d.error(error.message, at: error.location)
        diagnostics.append(contentsOf: d.all)
        continue
      }
      var decoder = DocumentDecoder(file: path)
      documents.append(decoder.decode(root))
      diagnostics.append(contentsOf: decoder.reader.diagnostics.all)
    }
  }

  /// Libraries read from parts of one list of files, put back together in the list's order: the
  /// same documents and diagnostics as reading the whole list at once.
  package init(merging parts: [ScenarioLibrary], order paths: [String]) {
    var rank: [String: Int] = [:]
    for (k, p) in paths.enumerated() where rank[p] == nil { rank[p] = k }
    func place(_ file: String?) -> Int { file.flatMap { rank[$0] } ?? Int.max }
    documents = parts.flatMap(\.documents).enumerated()
      .sorted { (place($0.element.file), $0.offset) < (place($1.element.file), $1.offset) }.map(\.element)
    diagnostics = parts.flatMap(\.diagnostics).enumerated()
      .sorted { (place($0.element.location?.file), $0.offset) < (place($1.element.location?.file), $1.offset) }
      .map(\.element)
  }

  /// True when some document reads signals or says how they are read: a library of only the
  /// other documents compiles the same shared signals without them.
  package var bringsSignals: Bool {
    documents.contains {
      !$0.signals.isEmpty || $0.reading != nil || !$0.crisisFrames.isEmpty || ($0.scenario == nil && $0.lexicon != nil)
    }
  }

  /// The ids of the scenarios, in file order.
  public var scenarioIDs: [String] { documents.compactMap { $0.scenario?.id.value } }

  /// The ids of the shared personas (those not inside a scenario file).
  public var sharedPersonaIDs: [String] {
    documents.filter { $0.scenario == nil }.flatMap { $0.personas.map(\.id.value) }
  }

  /// The file a scenario was read from.
  public func file(ofScenario id: String) -> String? {
    documents.first { $0.scenario?.id.value == id }?.file
  }

  var sharedLexicon: LexiconSpec? {
    documents.first { $0.scenario == nil && $0.lexicon != nil }?.lexicon
  }

  /// Every technique and dynamic of the library.
  public func catalog() -> (techniques: [Technique], dynamics: [Dynamic], signals: [SignalInfo]) {
    let dyn = documents.flatMap(\.dynamics).map { Dynamic(id: $0.id.value, name: $0.name, description: $0.description) }
    let tech = documents.flatMap(\.techniques).map {
      Technique(
        id: $0.id.value, name: $0.name, family: $0.family, dynamic: $0.dynamic?.value ?? "", what: $0.what, why: $0.why,
        notice: $0.notice, healthy: $0.healthy, sources: $0.sources, analogy: $0.analogy)
    }
    let sig = documents.flatMap(\.signals).map {
      SignalInfo(
        id: $0.id.value, name: $0.name, kind: $0.kind.rawValue, description: $0.description, notice: $0.notice,
        source: $0.source)
    }
    return (tech, dyn, sig)
  }

  /// Compiles one scenario (or, with `nil`, a scenario of all shared personas). Diagnostics of the
  /// files read are not repeated here, but an error in one of them means no scenario.
  public func compile(_ scenarioID: String?) -> (scenario: Scenario?, diagnostics: [Diagnostic]) {
    var library = self
    return library.build(scenarioID, releasingSpecs: false)
  }

  /// The signals of the shared files, compiled, with what compiling them found. Every scenario of
  /// a library has the same: a caller that compiles several (`tether check`, `tether test`)
  /// compiles them once and hands them to ``compile(_:signals:)``.
  package struct SharedSignals: Sendable {
    /// The detector; not yet indexed when `indexed` is set.
    package let detector: SignalDetector
    let diagnostics: [Diagnostic]
    /// The shared lexicon's concepts over the detector's vocabulary.
    let concepts: [String: PhraseSet]
    /// The indexed detector, when another thread is still indexing it (``signalWords()``):
    /// waits for it. The words are final before the index is built, so a scenario's personas
    /// are compiled over them meanwhile.
    var indexed: (@Sendable () -> SignalDetector)? = nil

    /// The detector ready to read lines.
    func ready() -> SignalDetector { indexed?() ?? detector }

    /// The same signals, with the index another thread builds.
    package func indexed(by wait: @escaping @Sendable () -> SignalDetector) -> SharedSignals {
      var copy = self
      copy.indexed = wait
      return copy
    }
  }

  package func sharedSignals() -> SharedSignals {
    var compiler = Compiler(library: self)
    let detector = compiler.signalDetector(lexicon: sharedLexicon)
    return SharedSignals(detector: detector, diagnostics: compiler.diagnostics.all, concepts: compiler.signalConcepts)
  }

  /// The shared signals compiled with every word known, not yet indexed: with the words of the
  /// fuzzy signals, to hand to ``SignalDetector/index(fuzzyWords:)`` (``sharedSignals()`` in
  /// two steps, so that personas can be compiled while the index is built).
  package func signalWords() -> (SharedSignals, fuzzyWords: [Int32]) {
    var compiler = Compiler(library: self)
    let (detector, fuzzyWords) = compiler.signalWords(lexicon: sharedLexicon)
    return (
      SharedSignals(detector: detector, diagnostics: compiler.diagnostics.all, concepts: compiler.signalConcepts),
      fuzzyWords
    )
  }

  /// ``compile(_:)`` with the shared signals already compiled (``sharedSignals()``).
  package func compile(_ scenarioID: String?, signals: SharedSignals) -> (scenario: Scenario?, diagnostics: [Diagnostic]) {
    var library = self
    return library.build(scenarioID, releasingSpecs: false, signals: signals)
  }

  /// Compiles one scenario and lets go of each rule's spec as soon as it is compiled, so the specs
  /// and the compiled rules are never both whole in memory (at 10,000 rules, each is about
  /// 20 MB). For a caller that needs one scenario and not the library afterwards: read
  /// `diagnostics` before, since the library is used up.
  public consuming func compileOnce(_ scenarioID: String?) -> (scenario: Scenario?, diagnostics: [Diagnostic]) {
    var library = self
    return library.build(scenarioID, releasingSpecs: true)
  }

  /// ``compileOnce(_:)`` with the shared signals compiled on another thread meanwhile
  /// (`ScenarioStore.libraryAndSignals`), or nil to compile them here.
  package consuming func compileOnce(_ scenarioID: String?, signals: SharedSignals?) -> (
    scenario: Scenario?, diagnostics: [Diagnostic]
  ) {
    var library = self
    return library.build(scenarioID, releasingSpecs: true, signals: signals)
  }

  mutating func build(
    _ scenarioID: String?, releasingSpecs: Bool, signals: SharedSignals? = nil
  ) -> (scenario: Scenario?, diagnostics: [Diagnostic]) {
    var compiler = Compiler(library: self)
    var doc = scenarioID.flatMap { id in documents.first { $0.scenario?.id.value == id } }
    if let scenarioID, doc == nil {
      compiler.diagnostics.error(
        "no scenario '\(scenarioID)'\(didYouMean(scenarioID, among: scenarioIDs)); scenarios: \(scenarioIDs.joined(separator: ", "))",
        at: nil)
      return (nil, compiler.diagnostics.all)
    }
    let spec = doc?.scenario

    // Techniques and dynamics.
    var dynamics: [String: Dynamic] = [:]
    var techniques: [String: Technique] = [:]
    let (techList, dynList, _) = catalog()
    for d in documents.flatMap(\.dynamics) where dynamics[d.id.value] != nil {
      compiler.diagnostics.error("the dynamic '\(d.id.value)' is defined twice", at: d.id.location)
    }
    for d in dynList { dynamics[d.id] = d }
    for (t, ts) in zip(techList, documents.flatMap(\.techniques)) {
      if techniques[t.id] != nil {
        compiler.diagnostics.error("the technique '\(t.id)' is defined twice", at: ts.id.location)
      }
      if let d = ts.dynamic, dynamics[d.value] == nil, !dynamics.isEmpty {
        compiler.diagnostics.error(
          "unknown dynamic '\(d.value)'\(didYouMean(d.value, among: dynamics.keys.sorted()))", at: d.location)
      }
      techniques[t.id] = t
    }

    // The lexicon: the scenario's own, or the shared one. Playing the shared one (as it reads
    // whole lines, as the signals do), the scenario takes the signals' lexicon and starts its
    // vocabulary from theirs, so that a user line is normalized once for both; the signals
    // (compiled once per library by callers that compile several scenarios) are then needed
    // first. Otherwise they are compiled after the personas, whose specs are let go by then
    // (`releasingSpecs`): at 10,000 rules, compiling them first raised the peak by about 6 MiB.
    var lexiconSpec = doc?.lexicon ?? sharedLexicon
    let sharesSignalWords = doc?.lexicon == nil && sharedLexicon != nil && sharedLexicon?.clauses == .whole
    let early: SharedSignals? = sharesSignalWords ? (signals ?? sharedSignals()) : nil
    let lexicon = early.map(\.detector.lexicon) ?? (lexiconSpec.map(Lexicon.init) ?? Lexicon())
    var pc = PatternCompiler(lexicon: lexicon, concepts: [:], vocabulary: early?.detector.vocabulary ?? Vocabulary())
    // Sharing the signals' lexicon and words, the scenario shares their compiled concepts too
    // (and their diagnostics, reported once with the signals').
    let lexiconConcepts =
      early?.concepts ?? compiler.concepts(lexiconSpec?.concepts ?? [], base: [:], compiler: &pc)

    // Personas: the scenario's own, then the shared ones it names.
    var available: [String: PersonaSpec] = [:]
    var order: [String] = []
    for d in documents where d.scenario == nil {
      for p in d.personas {
        if available[p.id.value] != nil {
          compiler.diagnostics.error("the persona '\(p.id.value)' is defined twice", at: p.id.location)
        }
        available[p.id.value] = p
        order.append(p.id.value)
      }
    }
    let local = doc?.personas ?? []
    for p in local {
      if available[p.id.value] == nil { order.append(p.id.value) }
      available[p.id.value] = p
    }
    var wanted: [String] = []
    if let names = spec?.personas {
      for n in names {
        if available[n.value] == nil {
          compiler.diagnostics.error(
            "unknown persona '\(n.value)'\(didYouMean(n.value, among: available.keys.sorted())); personas: \(order.joined(separator: ", "))",
            at: n.location)
        } else {
          wanted.append(n.value)
        }
      }
    } else {
      wanted = local.isEmpty ? order : local.map(\.id.value)
    }
    if releasingSpecs {
      // `available` then holds the only copy of each persona's specs, which `persona` drains
      // (the compiler's own copy of the library is the emptied one too).
      for i in documents.indices { documents[i].personas = [] }
      // The shared signals are compiled by now (`early`), and their words and concepts are all
      // the scenario takes from the shared lexicon: their specs go before the personas are
      // compiled (the 10,000-rule benchmark's peak: 58.1-58.2 MiB before, 57.7-57.9 after).
      if early != nil {
        for i in documents.indices where documents[i].scenario == nil {
          documents[i].signals = []
          documents[i].reading = nil
          documents[i].crisisFrames = []
          documents[i].lexicon = nil
        }
        lexiconSpec = nil
      }
      doc?.personas = []
      compiler.library = self
    }
    var personas: [Persona] = []
    for id in wanted {
      if let done = personas.first(where: { $0.id == id }) {
        personas.append(done)
        continue
      }
      let spec = releasingSpecs ? available.removeValue(forKey: id)! : available[id]!
      personas.append(compiler.persona(spec, lexiconConcepts: lexiconConcepts, techniques: techniques, pc: &pc))
    }
    let shared = early ?? signals ?? sharedSignals()
    let detector = shared.ready()
    compiler.diagnostics.append(contentsOf: shared.diagnostics)
    Self.checkRuleSignals(personas, against: detector, &compiler.diagnostics)
    let safety = safetySection(&compiler.diagnostics)

    var defaultPersona = wanted.first ?? ""
    if let d = spec?.defaultPersona {
      if wanted.contains(d.value) {
        defaultPersona = d.value
      } else {
        compiler.diagnostics.error(
          "the default persona '\(d.value)' is not one this scenario plays\(didYouMean(d.value, among: wanted))",
          at: d.location)
      }
    }
    if personas.isEmpty, let spec {
      compiler.diagnostics.error(
        "scenario '\(spec.id.value)' has no persona to play", at: spec.location)
    }
    for (m, _) in spec?.settingMeters ?? [] where !personas.contains(where: { $0.meters.contains { $0.name == m.value } }) {
      compiler.diagnostics.error("the setting names the meter '\(m.value)', which no persona of this scenario declares", at: m.location)
    }
    // Warnings: concepts nobody uses.
    for c in (lexiconSpec?.concepts ?? []) where !pc.usedConcepts.contains(c.name.value) && doc?.lexicon != nil {
      compiler.diagnostics.warning("the concept '\(c.name.value)' is never used", at: c.name.location)
    }

    let fillerIDs = lexicon.fillers.map { pc.vocabulary.intern($0) }
    pc.vocabulary.markSpecial(for: lexicon)
    var scenario = Scenario(
      id: spec?.id.value ?? "personas", title: spec?.title ?? "All personas", brief: spec?.brief ?? "",
      objectives: spec?.objectives ?? [], facilitatorNotes: spec?.facilitatorNotes ?? "", debrief: spec?.debrief ?? [],
      demo: spec?.demo ?? [], file: doc?.file ?? "", defaultPersonaID: defaultPersona, personas: personas,
      lexicon: lexicon, vocabulary: pc.vocabulary, signals: detector, techniques: techniques, dynamics: dynamics,
      safetyNotice: safety?.notice, crisisLine: safety?.crisisLine ?? SafetyNotice.defaultCrisisLine,
      regions: safety?.regions ?? [], settingMeters: spec?.settingMeters.map { ($0.0.value, $0.1) } ?? [],
      settingVariables: spec?.settingVariables.map { ($0.0.value, $0.1) } ?? [], tests: spec?.tests ?? [],
      sharesSignalWords: sharesSignalWords)
    if !fillerIDs.isEmpty {
      scenario.fillers = [Bool](repeating: false, count: pc.vocabulary.count)
      for id in fillerIDs where id >= 0 && Int(id) < scenario.fillers.count { scenario.fillers[Int(id)] = true }
    }
    let unreadable = readErrors(affecting: doc?.file)
    return (compiler.diagnostics.hasErrors || unreadable ? nil : scenario, compiler.diagnostics.all)
  }

  /// True when a file this scenario is built from (its own file, or any file that is not another
  /// scenario's) had an error while it was read: a scenario is never built from part of a file.
  /// An error in another scenario's file does not stop this one.
  func readErrors(affecting scenarioFile: String?) -> Bool {
    let others = Set(documents.filter { $0.scenario != nil && $0.file != scenarioFile }.map(\.file))
    return diagnostics.contains { d in
      d.severity == .error && !(d.location.map { others.contains($0.file) } ?? false)
    }
  }

  /// Every rule's `signals` must name warning signs of the shared signals: a crisis line is
  /// answered by the safety notice and the `crisis` event, a goodbye by the `exit` event.
  static func checkRuleSignals(_ personas: [Persona], against detector: SignalDetector, _ diagnostics: inout Diagnostics) {
    var kinds: [String: SignalKind] = [:]
    for s in detector.signals where kinds[s.info.id] == nil { kinds[s.info.id] = s.kind }
    let warnings = detector.signals.filter { $0.kind == .warning }.map(\.info.id)
    var checked = Set<String>()
    for persona in personas where checked.insert(persona.id).inserted {
      for rule in persona.rules {
        for name in rule.signals {
          if let event = rule.event {
            diagnostics.error(
              "'signals' belongs on an ordinary rule, not on a '\(event.rawValue)' event rule (rule '\(rule.id)')",
              at: name.location)
            break
          }
          switch kinds[name.value] {
          case nil:
            let known = warnings.isEmpty ? " (no warning signs are loaded: signals.yaml)" : didYouMean(name.value, among: warnings)
            diagnostics.error("unknown warning sign '\(name.value)' in 'signals'\(known)", at: name.location)
          case .crisis:
            diagnostics.error(
              "'\(name.value)' is a crisis signal: a crisis line always gets the safety notice and is answered by the persona's 'crisis' event rules, never by an ordinary rule; 'signals' names warning signs",
              at: name.location)
          case .exit:
            diagnostics.error(
              "'\(name.value)' is the exit intent: a goodbye is answered by the persona's 'exit' event rules; 'signals' names warning signs",
              at: name.location)
          case .warning:
            break
          }
        }
      }
    }
  }

  /// The safety notice's section: one, in a shared file (beside the signals). A scenario file
  /// cannot bring its own: it would replace the notice and the crisis line for every scenario
  /// (files are read in path order), so each try is an error at its place.
  func safetySection(_ diagnostics: inout Diagnostics) -> SafetySpec? {
    for doc in documents where doc.scenario != nil {
      if let s = doc.safety {
        diagnostics.error(
          "a scenario file cannot change the safety notice: Tether shows the shared one (signals.yaml) on every crisis line; remove this 'safety' section",
          at: s.location)
      }
    }
    let shared = documents.filter { $0.scenario == nil }.compactMap(\.safety)
    for extra in shared.dropFirst() {
      diagnostics.error(
        "the safety notice is defined twice (first at \(shared[0].location)); keep one 'safety' section", at: extra.location)
    }
    return shared.first
  }
}
