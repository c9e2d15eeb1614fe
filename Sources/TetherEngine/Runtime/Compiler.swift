/// Compiles the specs of a library into a ``Scenario``, reporting every problem with its place.
struct Compiler {
  var diagnostics = Diagnostics()
  var library: ScenarioLibrary
  /// The shared lexicon's concepts as the last `signalDetector` compiled them (over its
  /// vocabulary): a scenario that plays the shared lexicon reuses them instead of compiling
  /// them again.
  var signalConcepts: [String: PhraseSet] = [:]
  /// Templates with braces parsed so far, by their text: the same reply text (a generated rule
  /// set's stock replies, "Does {1} happen often?") is parsed once and its parts stored once (the
  /// 10,000-rule benchmark's peak: 57.7-57.9 MiB before, 55.9-56.2 after).
  var templates: [String: Template] = [:]

  init(library: ScenarioLibrary) {
    self.library = library
  }

  // MARK: - Lexicon and concepts

  mutating func concepts(_ specs: [ConceptSpec], base: [String: PhraseSet], compiler: inout PatternCompiler)
    -> [String: PhraseSet]
  {
    var raw: [String: ConceptSpec] = [:]
    for c in specs {
      if raw[c.name.value] != nil || base[c.name.value] != nil {
        diagnostics.error("the concept '\(c.name.value)' is defined twice", at: c.name.location)
      }
      raw[c.name.value] = c
    }
    var done = base
    var visiting = Set<String>()
    func resolve(_ name: String, _ d: inout Diagnostics, _ pc: inout PatternCompiler) -> PhraseSet {
      if let set = done[name] { return set }
      guard let spec = raw[name] else { return PhraseSet() }
      if !visiting.insert(name).inserted {
        d.error("the concept '\(name)' includes itself", at: spec.name.location)
        return PhraseSet()
      }
      var set = PhraseSet()
      var phrases: [[Int32]] = []
      for entry in spec.entries {
        let text = entry.value.trimmingSpaces
        if text.hasPrefix("{") && text.hasSuffix("}") {
          let inner = String(text.dropFirst().dropLast()).trimmingSpaces
          if raw[inner] == nil && done[inner] == nil {
            let known = Set(raw.keys).union(done.keys)
            d.error("unknown concept '{\(inner)}'\(didYouMean(inner, among: known.sorted()))", at: entry.location)
          } else {
            pc.usedConcepts.insert(inner)
            set.formUnion(resolve(inner, &d, &pc))
          }
        } else {
          let words = pc.literalIDs(Substring(text))
          if words.isEmpty {
            d.warning("the concept entry '\(text)' holds no word", at: entry.location)
          } else {
            phrases.append(words)
          }
        }
      }
      set.insert(contentsOf: phrases)
      visiting.remove(name)
      done[name] = set
      return set
    }
    for c in specs { _ = resolve(c.name.value, &diagnostics, &compiler) }
    return done
  }

  /// The place `offset` characters into a text; the text's start when it was written over
  /// several lines (its columns no longer follow its characters).
  func offsetLocation(_ text: Located<String>, _ offset: Int) -> SourceLocation {
    let base = text.location
    guard text.oneLine else { return base }
    return SourceLocation(file: base.file, line: base.line, column: base.column + offset)
  }

  mutating func pattern(_ text: Located<String>, _ pc: inout PatternCompiler) -> Pattern? {
    do {
      return try pc.compile(text.value)
    } catch {
      diagnostics.error(
        "in the pattern \"\(text.value)\": \(error.message)", at: offsetLocation(text, error.offset))
      return nil
    }
  }

  mutating func template(_ text: Located<String>) -> Template? {
    // Only a template with braces is looked up: a plain one is parsed at no cost, and stores its
    // text as it was read.
    let braced = text.value.utf8.contains(UInt8(ascii: "{"))
    if braced, let known = templates[text.value] { return known }
    do {
      let t = try Template.parse(text.value)
      if braced { templates[text.value] = t }
      return t
    } catch {
      diagnostics.error("in the reply \"\(text.value)\": \(error.message)", at: offsetLocation(text, error.offset))
      return nil
    }
  }

  mutating func condition(_ text: Located<String>) -> Condition? {
    do {
      return try ConditionParser.parse(text.value)
    } catch {
      diagnostics.error(
        "in the condition \"\(text.value)\": \(error.message)", at: offsetLocation(text, error.offset))
      return nil
    }
  }

  // MARK: - Signals

  /// The signals compiled, their words all known, but not yet indexed (no line can be read
  /// yet): with the words of its fuzzy signals, for ``SignalDetector/index(fuzzyWords:)``. The
  /// vocabulary is final here, so personas can be compiled over it while the index is built.
  mutating func signalWords(lexicon spec: LexiconSpec?) -> (SignalDetector, fuzzyWords: [Int32]) {
    var detector = SignalDetector()
    let lexicon = spec.map(Lexicon.init) ?? Lexicon()
    detector.lexicon = lexicon
    detector.lexicon.clauses = .whole
    var pc = PatternCompiler(lexicon: lexicon, concepts: [:], vocabulary: Vocabulary())
    pc.concepts = concepts(spec?.concepts ?? [], base: [:], compiler: &pc)
    signalConcepts = pc.concepts
    var seen = Set<String>()
    var fuzzyWords = Set<Int32>()
    var anyFuzzy = false
    readingConfig(&detector.reader, &pc)
    // The families the `reading` section names come first.
    let configured = detector.reader.names.count
    let sharedFrames = crisisFrames(&pc)
    for doc in library.documents {
      for s in doc.signals {
        if !seen.insert(s.id.value).inserted {
          diagnostics.error("the signal '\(s.id.value)' is defined twice", at: s.id.location)
          continue
        }
        if s.kind == .crisis && s.negatable {
          diagnostics.error(
            "a crisis signal cannot be negatable: negation must never hide a real crisis", at: s.id.location)
        }
        let (patterns, patternPlaces) = placedPatterns(s.match, &pc)
        let unless = placedPatterns(s.unless, &pc)
        var unlessFrame = placedPatterns(s.unlessFrame, &pc)
        if s.kind == .crisis {
          unlessFrame.patterns += sharedFrames.patterns
          unlessFrame.places += sharedFrames.places
        }
        var readings: [SignalReader.Reading] = []
        var readingPlaces: [SourceLocation] = []
        for r in s.read {
          guard let compiled = reading(r, &detector.reader, &pc) else { continue }
          readings.append(compiled)
          readingPlaces.append(r.location)
        }
        if s.fuzzy {
          for p in patterns {
            for w in p.requiredWords { fuzzyWords.insert(w) }
            for set in p.requiredSets { fuzzyWords.formUnion(set.singles) }
          }
          anyFuzzy = true
        }
        detector.signals.append(
          SignalDetector.Compiled(
            info: SignalInfo(
              id: s.id.value, name: s.name, kind: s.kind.rawValue, description: s.description, notice: s.notice,
              source: s.source),
            kind: s.kind, patterns: patterns, unless: unless.patterns, negatable: s.negatable && s.kind != .crisis,
            unlessFrame: unlessFrame.patterns, readings: readings, afterCrisis: s.afterCrisis, examples: s.examples,
            notExamples: s.notExamples, patternPlaces: patternPlaces, readingPlaces: readingPlaces,
            unlessPlaces: unless.places, unlessFramePlaces: unlessFrame.places))
      }
    }
    // Families that only `any` readings count keep their negations to themselves.
    var ordered = SignalReader.FamilyMask()
    var counted = SignalReader.FamilyMask()
    for s in detector.signals {
      for r in s.readings {
        for f in r.families {
          if r.atLeast > 0 { counted.insert(f) } else { ordered.insert(f) }
        }
      }
    }
    for f in 0..<configured { ordered.insert(f) }
    // What each family is called for people, where its concept says (`label:`).
    var labels: [String: String] = [:]
    for c in spec?.concepts ?? [] { if let label = c.label { labels[c.name.value] = label } }
    detector.reader.labels = detector.reader.names.map { labels[$0] }
    for f in 0..<detector.reader.names.count where counted.contains(f) && !ordered.contains(f) {
      detector.reader.countedOnly.insert(f)
    }
    for w in ["not", "never", "no", "nothing", "hardly", "nobody", "neither", "nor", "without"] {
      let id = pc.vocabulary.id(w)
      detector.negations.insert(id >= 0 ? id : pc.vocabulary.intern(w))
    }
    // The one-word entries of the families the `reading` section names under `typos` (the
    // words of longer entries are too common: "into", "taking").
    if anyFuzzy {
      for (f, set) in detector.reader.families.enumerated() where detector.reader.typos.contains(f) {
        fuzzyWords.formUnion(set.singles)
      }
    }
    detector.vocabulary = pc.vocabulary
    detector.vocabulary.markSpecial(for: detector.lexicon)
    return (detector, fuzzyWords.sorted())
  }

  /// The signals compiled and indexed: ``signalWords(lexicon:)`` then
  /// ``SignalDetector/index(fuzzyWords:)``.
  mutating func signalDetector(lexicon spec: LexiconSpec?) -> SignalDetector {
    var (detector, fuzzyWords) = signalWords(lexicon: spec)
    detector.index(fuzzyWords: fuzzyWords)
    return detector
  }

  /// A family of a reading: a lexicon concept, by name (braces allowed).
  mutating func family(_ name: Located<String>, _ reader: inout SignalReader, _ pc: inout PatternCompiler) -> Int? {
    var text = name.value.trimmingSpaces
    if text.hasPrefix("{") && text.hasSuffix("}") { text = String(text.dropFirst().dropLast()).trimmingSpaces }
    guard let set = pc.concepts[text] else {
      diagnostics.error(
        "unknown family '\(text)': a family is a concept of lexicon.yaml\(didYouMean(text, among: pc.concepts.keys.sorted()))",
        at: name.location)
      return nil
    }
    pc.usedConcepts.insert(text)
    guard let f = reader.family(text, set) else {
      diagnostics.error("too many families: readings can use at most \(SignalReader.maxFamilies)", at: name.location)
      return nil
    }
    return f
  }

  mutating func reading(_ spec: ReadingSpec, _ reader: inout SignalReader, _ pc: inout PatternCompiler)
    -> SignalReader.Reading?
  {
    var families: [Int] = []
    var negated: [Bool] = []
    for name in spec.families {
      // "not sig-life": the family flipped by a negation.
      var name = name
      let words = name.value.split(separator: " ")
      let flipped = words.count == 2 && words[0] == "not"
      if flipped { name.value = String(words[1]) }
      guard let f = family(name, &reader, &pc) else { return nil }
      families.append(f)
      negated.append(flipped)
    }
    var compiled = SignalReader.Reading(
      families: families, negated: negated, within: spec.within ?? reader.within, endsClause: spec.endsClause)
    compiled.acrossSubjects = spec.acrossSubjects
    if spec.atLeast > 0 {
      if negated.contains(true), let at = spec.families.first(where: { $0.value.hasPrefix("not ") }) {
        diagnostics.error("a reading with 'any' counts families met as they stand: write the family without 'not'", at: at.location)
      }
      compiled.atLeast = spec.atLeast
      for name in spec.oneOf {
        guard let f = family(name, &reader, &pc) else { return nil }
        compiled.oneOf.insert(f)
      }
      for name in spec.anyone {
        guard let f = family(name, &reader, &pc) else { return nil }
        compiled.anyone.insert(f)
      }
    }
    return compiled
  }

  /// The calm frames of the shared files' `crisis_frames`, which every crisis signal weighs after
  /// its own `unless_frame`: written once, not once a signal. A scenario file cannot add them (it
  /// would weaken the shipped crisis signals).
  mutating func crisisFrames(_ pc: inout PatternCompiler) -> (patterns: [Pattern], places: [SourceLocation]) {
    var frames: (patterns: [Pattern], places: [SourceLocation]) = ([], [])
    for doc in library.documents {
      if doc.scenario != nil {
        if let first = doc.crisisFrames.first {
          diagnostics.error(
            "a scenario file cannot add crisis frames: 'crisis_frames' belongs in signals.yaml; remove it",
            at: first.location)
        }
        continue
      }
      let placed = placedPatterns(doc.crisisFrames, &pc)
      frames.patterns += placed.patterns
      frames.places += placed.places
    }
    return frames
  }

  /// The patterns that compile, each with where it was written (one that does not is a located
  /// error, and left out of both).
  mutating func placedPatterns(_ texts: [Located<String>], _ pc: inout PatternCompiler)
    -> (patterns: [Pattern], places: [SourceLocation])
  {
    var placed: (patterns: [Pattern], places: [SourceLocation]) = ([], [])
    for text in texts {
      guard let p = pattern(text, &pc) else { continue }
      placed.patterns.append(p)
      placed.places.append(text.location)
    }
    return placed
  }

  /// The `reading` section of a shared file (a scenario file cannot change how crisis lines are read).
  mutating func readingConfig(_ reader: inout SignalReader, _ pc: inout PatternCompiler) {
    for doc in library.documents where doc.scenario != nil {
      if let r = doc.reading {
        diagnostics.error(
          "a scenario file cannot change how signals are read: the 'reading' section belongs in signals.yaml; remove it",
          at: r.location)
      }
    }
    guard let spec = library.documents.first(where: { $0.scenario == nil && $0.reading != nil })?.reading else { return }
    reader.within = spec.within
    if let n = spec.negations { reader.negation = family(n, &reader, &pc) ?? -1 }
    if let n = spec.scopeEnds { reader.scopeEnd = family(n, &reader, &pc) ?? -1 }
    if let n = spec.newSubjects { reader.newSubject = family(n, &reader, &pc) ?? -1 }
    if let n = spec.raising { reader.raising = family(n, &reader, &pc) ?? -1 }
    if let n = spec.droppedSubject { reader.droppedSubject = family(n, &reader, &pc) ?? -1 }
    if let n = spec.leads { reader.lead = family(n, &reader, &pc) ?? -1 }
    if let n = spec.speaker { reader.speaker = family(n, &reader, &pc) ?? -1 }
    if let n = spec.past { reader.past = family(n, &reader, &pc) ?? -1 }
    if let n = spec.present { reader.present = family(n, &reader, &pc) ?? -1 }
    if let n = spec.retractions { reader.retraction = family(n, &reader, &pc) ?? -1 }
    if let n = spec.clauseEnds { reader.clauseEnd = family(n, &reader, &pc) ?? -1 }
    if let n = spec.subjectChanges { reader.subjectChange = family(n, &reader, &pc) ?? -1 }
    if let n = spec.others { reader.others = family(n, &reader, &pc) ?? -1 }
    if let n = spec.quotes { reader.quote = family(n, &reader, &pc) ?? -1 }
    for n in spec.idioms { if let f = family(n, &reader, &pc) { reader.idioms.insert(f) } }
    for n in spec.deniable { if let f = family(n, &reader, &pc) { reader.deniable.insert(f) } }
    for n in spec.typos { if let f = family(n, &reader, &pc) { reader.typos.insert(f) } }
  }

  // MARK: - Personas

  /// Compiles one persona against a lexicon; `pc` holds the scenario's vocabulary.
  mutating func persona(
    _ spec: consuming PersonaSpec, lexiconConcepts: [String: PhraseSet], techniques: [String: Technique],
    pc: inout PatternCompiler
  ) -> Persona {
    let pid = spec.id.value
    pc.concepts = concepts(spec.concepts, base: lexiconConcepts, compiler: &pc)
    var meters: [MeterDefinition] = []
    for m in spec.meters {
      if meters.contains(where: { $0.name == m.name.value }) {
        diagnostics.error("the meter '\(m.name.value)' is declared twice", at: m.name.location)
      }
      meters.append(
        MeterDefinition(
          name: m.name.value, label: m.label ?? m.name.value, start: min(max(m.start, m.min), m.max), min: m.min,
          max: m.max))
    }
    var rules: [Rule] = []
    var topics: [Topic] = []
    var keywordSpecs: [[Located<String>]?] = []
    var ids = Set<String>()

    func merged(_ r: RuleSpec, _ d: RuleSpec) -> RuleSpec {
      var r = r
      r.keywords = r.keywords ?? d.keywords
      r.rank = r.rank ?? d.rank
      r.priority = r.priority ?? d.priority
      r.when = r.when ?? d.when
      r.phase = r.phase ?? d.phase
      if r.after.isEmpty { r.after = d.after }
      if r.signals.isEmpty { r.signals = d.signals }
      r.pick = r.pick ?? d.pick
      r.effects = r.effects ?? d.effects
      r.ends = r.ends ?? d.ends
      r.technique = r.technique ?? d.technique
      r.note = r.note ?? d.note
      r.healthy = r.healthy ?? d.healthy
      return r
    }

    var counters: [String: Int] = [:]
    func add(_ r: RuleSpec, event: EventKind?, topic: Int?, name: String, _ c: inout Compiler, _ pc: inout PatternCompiler) {
      counters[name, default: 0] += 1
      let id = r.id?.value ?? "\(pid).\(name).\(counters[name]!)"
      if !ids.insert(id).inserted {
        c.diagnostics.error("the rule id '\(id)' is used twice in persona '\(pid)'", at: r.id?.location ?? r.location)
      }
      var rule = Rule(
        id: id, location: r.id?.location ?? r.location, event: event, topic: topic, rank: r.rank ?? 0,
        priority: r.priority ?? 0, patterns: r.match.compactMap { c.pattern($0, &pc) },
        unless: r.unless.compactMap { c.pattern($0, &pc) }, when: r.when.flatMap { c.condition($0) },
        whenSource: r.when?.value, phases: r.phase?.map(\.value), after: r.after.map(\.value), replies: [],
        pick: r.pick ?? .cycle, effects: Effects(), ends: r.ends, technique: r.technique?.value, note: r.note,
        healthy: r.healthy, examples: r.examples)
      let minCaptures = rule.patterns.map(\.captureCount).min() ?? 0
      if r.replies.isEmpty { c.diagnostics.error("the rule '\(id)' has no replies", at: r.location) }
      rule.replies.reserveCapacity(r.replies.count)
      let ruleAnnotation = rule.annotation
      for reply in r.replies {
        var action: Reply.Action = .newkey
        if let say = reply.say, let t = c.template(say) {
          action = .say(t)
          if t.maxCapture > minCaptures {
            c.diagnostics.warning(
              "the reply uses {\(t.maxCapture)} but \(minCaptures == 0 ? "the rule captures nothing" : "a pattern of this rule captures only \(minCaptures)")",
              at: say.location)
          }
        } else if let g = reply.goto {
          let words = pc.literal(g.value)
          let kw = words.count == 1 ? pc.vocabulary.intern(words[0]) : Vocabulary.unknown
          if words.count != 1 { c.diagnostics.error("'goto' names one keyword, not '\(g.value)'", at: g.location) }
          action = .goto(keyword: kw, name: words.first ?? g.value, rewrite: reply.rewrite.flatMap { c.template($0) })
        }
        if let t = reply.technique, techniques[t.value] == nil, !techniques.isEmpty {
          c.diagnostics.error(
            "unknown technique '\(t.value)'\(didYouMean(t.value, among: techniques.keys.sorted()))", at: t.location)
        }
        let annotation =
          reply.technique == nil && reply.note == nil && reply.healthy == nil
          ? ruleAnnotation
          : Annotation(
            technique: reply.technique?.value ?? rule.technique, note: reply.note ?? rule.note,
            healthy: reply.healthy ?? rule.healthy)
        rule.replies.append(Reply(action: action, weight: reply.weight, annotation: annotation))
      }
      if let t = r.technique, techniques[t.value] == nil {
        let message =
          techniques.isEmpty
          ? "technique '\(t.value)' is named but no techniques are loaded (techniques.yaml)"
          : "unknown technique '\(t.value)'\(didYouMean(t.value, among: techniques.keys.sorted()))"
        c.diagnostics.error(message, at: t.location)
      }
      if spec.annotated {
        for (k, reply) in rule.replies.enumerated() {
          guard case .say = reply.action else { continue }
          var missing: [String] = []
          if reply.technique == nil { missing.append("technique") }
          if (reply.note ?? "").isEmpty { missing.append("note") }
          if (reply.healthy ?? "").isEmpty { missing.append("healthy") }
          if !missing.isEmpty {
            c.diagnostics.error(
              "the rule '\(id)' is not annotated: it needs \(missing.joined(separator: ", ")) (persona '\(pid)' is annotated)",
              at: r.replies[k].location)
            break
          }
        }
      }
      if let e = r.effects {
        for (m, delta) in e.meters {
          if !meters.contains(where: { $0.name == m.value }) {
            c.diagnostics.error(
              "unknown meter '\(m.value)' (persona '\(pid)' declares \(meters.isEmpty ? "no meters" : meters.map(\.name).joined(separator: ", ")))\(didYouMean(m.value, among: meters.map(\.name)))",
              at: m.location)
          }
          rule.effects.meters.append((m.value, delta))
        }
        rule.effects.set = e.set.compactMap { k, v in c.template(v).map { (k.value, $0) } }
        rule.effects.phase = e.phase?.value
        rule.effects.remember = e.remember.flatMap { c.template($0) }
      }
      rule.signals = r.signals
      rules.append(rule)
      keywordSpecs.append(r.keywords)
    }

    // Sized once: grown by doubling, 10,000 rules held up to twice their size while compiled.
    rules.reserveCapacity(
      spec.rules.count + spec.topics.reduce(0) { $0 + $1.rules.count } + spec.events.values.reduce(0) { $0 + $1.count })
    for ti in spec.topics.indices {
      var topicRules = takeReversed(&spec.topics[ti].rules)
      let t = spec.topics[ti]
      let pick = t.memoryPick?.value ?? "cycle"
      if pick != "cycle" && pick != "eliza-hash" {
        diagnostics.error("memory_pick must be 'cycle' or 'eliza-hash', not '\(pick)'", at: t.memoryPick!.location)
      }
      topics.append(
        Topic(
          memory: t.memory.compactMap { m in
            guard let p = pattern(m.match, &pc), let r = template(m.reply) else { return nil }
            return (p, r)
          }, elizaHash: pick == "eliza-hash"))
      var defaults = t.defaults
      defaults.keywords = t.keywords
      let name = Normalizer.foldWord(t.keywords.first?.value ?? "topic").replacingSpaces
      while let r = topicRules.popLast() { add(merged(r, defaults), event: nil, topic: ti, name: name, &self, &pc) }
    }
    var plainRules = takeReversed(&spec.rules)
    while let r = plainRules.popLast() {
      add(r, event: nil, topic: nil, name: r.keywords?.first.map { Normalizer.foldWord($0.value).replacingSpaces } ?? "rule", &self, &pc)
    }
    var events: [EventKind: [Int]] = [:]
    for kind in EventKind.allCases {
      for r in spec.events[kind] ?? [] {
        add(r, event: kind, topic: nil, name: kind.rawValue, &self, &pc)
        events[kind, default: []].append(rules.count - 1)
      }
    }

    // Keywords: explicit, or inferred from each pattern's rarest required word.
    var frequency: [Int32: Int] = [:]
    for r in rules where r.event == nil {
      for p in r.patterns { for w in Set(p.requiredWords) { frequency[w, default: 0] += 1 } }
    }
    var index: [Int32: [Int]] = [:]
    var always: [Int] = []
    var bySignal: [String: [Int]] = [:]
    /// A rule with no keyword is a candidate on every line, or, when it answers warning signs,
    /// on the lines that show one.
    func unkeyed(_ i: Int) {
      if rules[i].signals.isEmpty {
        always.append(i)
      } else {
        for s in Set(rules[i].signals.map(\.value)) { bySignal[s, default: []].append(i) }
      }
    }
    for (i, r) in rules.enumerated() where r.event == nil {
      var keys = Set<Int32>()
      if let explicit = keywordSpecs[i] {
        for k in explicit {
          let text = k.value.trimmingSpaces
          if text.hasPrefix("{") && text.hasSuffix("}") {
            let name = String(text.dropFirst().dropLast()).trimmingSpaces
            if let set = pc.concepts[name] {
              pc.usedConcepts.insert(name)
              // A phrase entry ("big sister") is keyed by its longest word, not a common first word.
              keys.formUnion(set.singles)
              for phrase in set.multi {
                if let w = phrase.max(by: { pc.vocabulary.word($0).count < pc.vocabulary.word($1).count }) {
                  keys.insert(w)
                }
              }
            } else {
              diagnostics.error(
                "unknown concept '{\(name)}'\(didYouMean(name, among: pc.concepts.keys.sorted()))", at: k.location)
            }
          } else {
            for w in pc.literal(text) { keys.insert(pc.vocabulary.intern(w)) }
          }
        }
      } else if r.patterns.isEmpty {
        unkeyed(i)
        continue
      } else {
        var open = false
        for p in r.patterns {
          if let best = p.requiredWords.min(by: {
            (frequency[$0] ?? 0, -pc.vocabulary.word($0).count) < (frequency[$1] ?? 0, -pc.vocabulary.word($1).count)
          }) {
            keys.insert(best)
          } else if let set = p.requiredSets.min(by: { $0.firstWords.count < $1.firstWords.count }) {
            keys.formUnion(set.firstWords)
          } else {
            open = true
          }
        }
        if open {
          unkeyed(i)
          continue
        }
      }
      for k in keys { index[k, default: []].append(i) }
    }
    func order(_ a: Int, _ b: Int) -> Bool {
      (-rules[a].rank, -rules[a].priority, a) < (-rules[b].rank, -rules[b].priority, b)
    }
    for k in index.keys { index[k]!.sort(by: order) }
    always.sort(by: order)
    for k in bySignal.keys { bySignal[k]!.sort(by: order) }

    // References between rules.
    let allIDs = rules.map(\.id)
    let keywordNames = Set(index.keys.map { pc.vocabulary.word($0) })
    for (i, r) in rules.enumerated() {
      for a in r.after where !ids.contains(a) {
        diagnostics.error(
          "'after' names the rule '\(a)', which persona '\(pid)' does not have\(didYouMean(a, among: allIDs))",
          at: rules[i].location)
      }
      for reply in r.replies {
        if case .goto(_, let name, _) = reply.action, !keywordNames.contains(name) {
          diagnostics.error(
            "'goto: \(name)': persona '\(pid)' has no rules under the keyword '\(name)'\(didYouMean(name, among: keywordNames.sorted()))",
            at: r.location)
        }
      }
    }
    return Persona(
      id: pid, name: spec.name, style: spec.style, summary: spec.summary, idle: spec.idle, meters: meters,
      variables: spec.variables.map { ($0.0.value, $0.1) }, rules: rules, index: KeywordIndex(index, words: pc.vocabulary.count), always: always,
      bySignal: bySignal, answersSigns: rules.contains { !$0.signals.isEmpty }, events: events, topics: topics, memoryRecall: spec.memoryRecall.flatMap { condition($0) },
      elizaKeywordOrder: spec.elizaKeywordOrder, location: spec.location)
  }
}

extension String {
  var replacingSpaces: String { String(map { $0 == " " ? "-" : $0 }) }
}

/// A list of rule specs taken out of its place, last first, for `while let r = list.popLast()`:
/// when the place held the only copy (``ScenarioLibrary/compileOnce(_:)``), each spec is freed as
/// soon as it is compiled.
private func takeReversed(_ specs: inout [RuleSpec]) -> [RuleSpec] {
  var taken: [RuleSpec] = []
  swap(&taken, &specs)
  taken.reverse()
  return taken
}
