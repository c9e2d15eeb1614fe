/// Turns one file's YAML tree into a ``DocumentSpec``, reporting every problem with its place.
package struct DocumentDecoder {
  package var reader = NodeReader()
  let file: String

  package init(file: String) {
    self.file = file
  }

  static let topLevel = [
    "lexicon", "dynamics", "techniques", "signals", "reading", "crisis_frames", "safety", "persona", "personas",
    "scenario",
  ]

  package mutating func decode(_ root: YAMLNode?) -> DocumentSpec {
    var doc = DocumentSpec(file: file)
    guard let root else { return doc }
    guard let top = reader.fields(root, allowed: Self.topLevel, in: "a scenario file") else { return doc }
    if top.isEmpty {
      reader.diagnostics.error(
        "this file holds none of Tether's sections (\(Self.topLevel.joined(separator: ", ")))", at: root.location)
    }
    if let node = top["lexicon"] { doc.lexicon = lexicon(node) }
    doc.dynamics = reader.list(top["dynamics"], "dynamics").compactMap { dynamic($0) }
    doc.techniques = reader.list(top["techniques"], "techniques").compactMap { technique($0) }
    doc.signals = reader.list(top["signals"], "signals").compactMap { signal($0) }
    if let node = top["safety"] { doc.safety = safety(node) }
    if let node = top["reading"] { doc.reading = readingConfig(node) }
    doc.crisisFrames = reader.texts(top["crisis_frames"], "crisis_frames")
    if let node = top["persona"], let p = persona(node) { doc.personas.append(p) }
    doc.personas += reader.list(top["personas"], "personas").compactMap { persona($0) }
    if let node = top["scenario"] { doc.scenario = scenario(node) }
    return doc
  }

  // MARK: - Lexicon

  mutating func lexicon(_ node: YAMLNode) -> LexiconSpec? {
    let allowed = [
      "delimiters", "clauses", "contractions", "substitutions", "swaps", "texting", "possessives", "reflections",
      "concepts", "fillers",
    ]
    guard let f = reader.fields(node, allowed: allowed, in: "the lexicon") else { return nil }
    var spec = LexiconSpec(location: node.location)
    spec.delimiters = reader.plainTexts(f["delimiters"], "delimiters").map { $0.lowercased() }
    if let c = reader.located(f["clauses"], "clauses") {
      if let mode = ClauseMode(rawValue: c.value) {
        spec.clauses = mode
      } else {
        reader.diagnostics.error("clauses must be 'first' or 'whole', not '\(c.value)'", at: c.location)
      }
    }
    spec.contractions = reader.textMap(f["contractions"], "contractions")
    spec.substitutions = reader.textMap(f["substitutions"], "substitutions")
    spec.swaps = reader.textMap(f["swaps"], "swaps")
    spec.reflections = reader.textMap(f["reflections"], "reflections")
    spec.possessives = reader.bool(f["possessives"], "possessives") ?? false
    spec.fillers = reader.plainTexts(f["fillers"], "fillers").map { $0.lowercased() }
    for (word, node) in reader.pairs(f["texting"], "texting") {
      for item in reader.list(node, "texting '\(word.value)'") {
        guard
          let g = reader.fields(
            item, allowed: ["means", "before", "not_after"], in: "a texting reading of '\(word.value)'",
            required: ["means", "before"]),
          let means = reader.text(g["means"], "means")
        else { continue }
        spec.texting.append(
          TextingSpec(
            word: word, means: means, before: reader.plainTexts(g["before"], "before"),
            notAfter: reader.plainTexts(g["not_after"], "not_after")))
      }
    }
    spec.concepts = concepts(f["concepts"])
    return spec
  }

  /// A concept is a list of entries, or a mapping with its entries under `words` and a `label`
  /// for people.
  mutating func concepts(_ node: YAMLNode?) -> [ConceptSpec] {
    reader.pairs(node, "concepts").map { name, value in
      let what = "concept '\(name.value)'"
      guard case .mapping = value.value else { return ConceptSpec(name: name, entries: reader.texts(value, what)) }
      let f = reader.fields(value, allowed: ["label", "words"], in: "the \(what)", required: ["words"]) ?? Fields()
      var label = reader.text(f["label"], "the label of the \(what)")?.trimmingSpaces
      if label?.isEmpty == true {
        reader.diagnostics.error(
          "the label of the \(what) is empty: leave it out, or say in a few words what the set is",
          at: f["label"]!.location)
        label = nil
      }
      return ConceptSpec(name: name, entries: reader.texts(f["words"], what), label: label)
    }
  }

  // MARK: - Techniques and signals

  mutating func dynamic(_ node: YAMLNode) -> DynamicSpec? {
    guard let f = reader.fields(node, allowed: ["id", "name", "description"], in: "a dynamic", required: ["id"]),
      let id = reader.located(f["id"], "id")
    else { return nil }
    return DynamicSpec(
      id: id, name: reader.text(f["name"], "name") ?? id.value,
      description: reader.text(f["description"], "description") ?? "")
  }

  mutating func technique(_ node: YAMLNode) -> TechniqueSpec? {
    let allowed = ["id", "name", "family", "dynamic", "what", "why", "notice", "healthy", "sources", "analogy"]
    guard let f = reader.fields(node, allowed: allowed, in: "a technique", required: ["id", "name", "dynamic"]),
      let id = reader.located(f["id"], "id")
    else { return nil }
    return TechniqueSpec(
      id: id, name: reader.text(f["name"], "name") ?? id.value, family: reader.text(f["family"], "family") ?? "",
      dynamic: reader.located(f["dynamic"], "dynamic"), what: reader.text(f["what"], "what") ?? "",
      why: reader.text(f["why"], "why") ?? "", notice: reader.text(f["notice"], "notice") ?? "",
      healthy: reader.text(f["healthy"], "healthy") ?? "", sources: reader.plainTexts(f["sources"], "sources"),
      analogy: reader.bool(f["analogy"], "analogy") ?? false)
  }

  mutating func signal(_ node: YAMLNode) -> SignalSpec? {
    let allowed = [
      "id", "name", "kind", "description", "notice", "source", "match", "read", "unless", "negatable", "fuzzy",
      "unless_frame", "after_crisis", "examples", "not_examples",
    ]
    guard let f = reader.fields(node, allowed: allowed, in: "a signal", required: ["id", "kind"]),
      let id = reader.located(f["id"], "id")
    else { return nil }
    if f["match"] == nil && f["read"] == nil {
      reader.diagnostics.error("a signal needs 'match' (patterns) or 'read' (word-family readings)", at: node.location)
    }
    var kind = SignalKind.warning
    if let k = reader.located(f["kind"], "kind") {
      if let parsed = SignalKind(rawValue: k.value) {
        kind = parsed
      } else {
        reader.diagnostics.error("a signal's kind must be warning, crisis or exit, not '\(k.value)'", at: k.location)
      }
    }
    var spec = SignalSpec(
      id: id, name: reader.text(f["name"], "name") ?? id.value, kind: kind,
      description: reader.text(f["description"], "description") ?? "",
      notice: reader.text(f["notice"], "notice") ?? "", source: reader.text(f["source"], "source") ?? "",
      match: reader.texts(f["match"], "match"), unless: reader.texts(f["unless"], "unless"),
      negatable: reader.bool(f["negatable"], "negatable") ?? (kind != .crisis),
      fuzzy: reader.bool(f["fuzzy"], "fuzzy") ?? (kind == .crisis))
    spec.unlessFrame = reader.texts(f["unless_frame"], "unless_frame")
    if kind == .warning, let first = spec.unlessFrame.first {
      reader.diagnostics.error(
        "'unless_frame' is for crisis and exit signals; use 'unless' for a \(kind.rawValue) signal", at: first.location)
    }
    if let node = f["after_crisis"], let text = reader.text(node, "after_crisis") {
      switch text.lowercased() {
      case "true", "yes": spec.afterCrisis = 1
      case "false", "no": spec.afterCrisis = 0
      default:
        if let n = Int(text), n >= 1 {
          spec.afterCrisis = n
        } else {
          reader.diagnostics.error(
            "after_crisis must be true (the next line only), false, or a number of lines (like 10), not '\(text)'",
            at: node.location)
        }
      }
    }
    if spec.afterCrisis > 0 && kind != .crisis, let at = f["after_crisis"]?.location {
      reader.diagnostics.error("only a crisis signal can be 'after_crisis' (it shows the safety notice again)", at: at)
    }
    spec.read = reader.list(f["read"], "read").compactMap { reading($0) }
    spec.examples = reader.texts(f["examples"], "examples")
    spec.notExamples = reader.texts(f["not_examples"], "not_examples")
    return spec
  }

  /// One reading: a list of family names, or a mapping with `all`, `within`, `ends_clause` and
  /// `across_subjects`, or with `any`, `at_least`, `one_of` and `anyone`.
  mutating func reading(_ node: YAMLNode) -> ReadingSpec? {
    if case .sequence = node.value {
      let families = reader.texts(node, "a reading")
      return families.isEmpty ? nil : ReadingSpec(families: families, location: node.location)
    }
    guard case .mapping = node.value else {
      reader.diagnostics.error(
        "a reading must be a list of families ([sig-self, sig-wish, sig-death]) or a mapping with 'all' or 'any', not \(node.kindName)",
        at: node.location)
      return nil
    }
    guard
      let f = reader.fields(
        node, allowed: ["all", "within", "ends_clause", "across_subjects", "any", "at_least", "one_of", "anyone"], in: "a reading")
    else { return nil }
    if f["any"] != nil { return combination(node, f) }
    guard f["all"] != nil else {
      reader.diagnostics.error(
        "a reading needs 'all' (families in order in one clause) or 'any' (families met anywhere in the line)",
        at: node.location)
      return nil
    }
    for key in ["at_least", "one_of", "anyone"] where f[key] != nil {
      reader.diagnostics.error("'\(key)' goes with 'any', not with 'all'", at: f[key]!.location)
    }
    var spec = ReadingSpec(families: reader.texts(f["all"], "all"), location: node.location)
    if let w = f["within"], let n = reader.int(w, "within") {
      if n < 0 || n > 50 {
        reader.diagnostics.error("within must be a number of words from 0 to 50, not \(n)", at: w.location)
      } else {
        spec.within = n
      }
    }
    spec.endsClause = reader.bool(f["ends_clause"], "ends_clause") ?? false
    spec.acrossSubjects = reader.bool(f["across_subjects"], "across_subjects") ?? false
    if spec.families.isEmpty {
      reader.diagnostics.error("a reading needs at least one family in 'all'", at: node.location)
      return nil
    }
    return spec
  }

  /// A reading written with `any`: at least `at_least` of its families met anywhere in the line.
  mutating func combination(_ node: YAMLNode, _ f: Fields) -> ReadingSpec? {
    if f["all"] != nil {
      reader.diagnostics.error(
        "a reading has either 'all' (families in order) or 'any' (families met anywhere), not both", at: node.location)
      return nil
    }
    for key in ["within", "ends_clause", "across_subjects"] where f[key] != nil {
      reader.diagnostics.error("'\(key)' goes with 'all', not with 'any'", at: f[key]!.location)
    }
    var spec = ReadingSpec(families: reader.texts(f["any"], "any"), location: node.location)
    spec.oneOf = reader.texts(f["one_of"], "one_of")
    spec.anyone = reader.texts(f["anyone"], "anyone")
    guard let count = f["at_least"] else {
      reader.diagnostics.error("a reading with 'any' needs 'at_least': how many of its families must be met", at: node.location)
      return nil
    }
    guard let n = reader.int(count, "at_least") else { return nil }
    if n < 1 || n > spec.families.count {
      reader.diagnostics.error(
        "at_least must be a number from 1 to the number of families in 'any' (\(spec.families.count)), not \(n)",
        at: count.location)
      return nil
    }
    let names = Set(spec.families.map(\.value))
    for name in spec.oneOf where !names.contains(name.value) {
      reader.diagnostics.error("'\(name.value)' in one_of must also be in 'any'", at: name.location)
    }
    for name in spec.anyone where !names.contains(name.value) {
      reader.diagnostics.error("'\(name.value)' in anyone must also be in 'any'", at: name.location)
    }
    spec.atLeast = n
    return spec
  }

  mutating func readingConfig(_ node: YAMLNode) -> ReadingConfigSpec? {
    let allowed = ["negations", "scope_ends", "new_subjects", "raising", "speaker", "dropped_subject", "leads", "past", "present", "retractions", "clause_ends", "subject_changes", "others", "quotes", "idioms", "typos", "deniable", "within"]
    guard let f = reader.fields(node, allowed: allowed, in: "the reading section") else { return nil }
    var spec = ReadingConfigSpec(location: node.location)
    spec.negations = reader.located(f["negations"], "negations")
    spec.scopeEnds = reader.located(f["scope_ends"], "scope_ends")
    spec.newSubjects = reader.located(f["new_subjects"], "new_subjects")
    spec.raising = reader.located(f["raising"], "raising")
    spec.droppedSubject = reader.located(f["dropped_subject"], "dropped_subject")
    spec.leads = reader.located(f["leads"], "leads")
    spec.speaker = reader.located(f["speaker"], "speaker")
    spec.past = reader.located(f["past"], "past")
    spec.present = reader.located(f["present"], "present")
    spec.retractions = reader.located(f["retractions"], "retractions")
    spec.clauseEnds = reader.located(f["clause_ends"], "clause_ends")
    spec.subjectChanges = reader.located(f["subject_changes"], "subject_changes")
    spec.others = reader.located(f["others"], "others")
    spec.quotes = reader.located(f["quotes"], "quotes")
    spec.idioms = reader.texts(f["idioms"], "idioms")
    spec.typos = reader.texts(f["typos"], "typos")
    spec.deniable = reader.texts(f["deniable"], "deniable")
    if let w = f["within"], let n = reader.int(w, "within") {
      if n < 0 || n > 50 {
        reader.diagnostics.error("within must be a number of words from 0 to 50, not \(n)", at: w.location)
      } else {
        spec.within = n
      }
    }
    return spec
  }

  /// The largest meter value or change a file may write: meters add changes to values, and
  /// numbers this size keep every sum far from overflowing.
  static let meterLimit = 1_000_000_000

  /// A meter's bound, start, setting or change: a whole number within ±``meterLimit``.
  mutating func meterNumber(_ node: YAMLNode?, _ what: String) -> Int? {
    guard let node, let value = reader.int(node, what) else { return nil }
    guard value >= -Self.meterLimit, value <= Self.meterLimit else {
      reader.diagnostics.error("\(what) must be between -\(Self.meterLimit) and \(Self.meterLimit), not \(value)", at: node.location)
      return nil
    }
    return value
  }

  mutating func safety(_ node: YAMLNode) -> SafetySpec? {
    guard let f = reader.fields(node, allowed: ["crisis_line", "regions", "notice"], in: "safety", required: ["notice"])
    else { return nil }
    return SafetySpec(
      crisisLine: reader.text(f["crisis_line"], "crisis_line") ?? "",
      regions: reader.textMap(f["regions"], "regions").map { ($0.0.value, $0.1) },
      notice: reader.text(f["notice"], "notice") ?? "", location: node.location)
  }

  // MARK: - Personas

  mutating func persona(_ node: YAMLNode) -> PersonaSpec? {
    let allowed = [
      "id", "name", "style", "summary", "annotated", "idle", "meters", "variables", "concepts", "memory", "topics",
      "rules", "events", "keyword_order",
    ]
    guard let f = reader.fields(node, allowed: allowed, in: "a persona", required: ["id"]),
      let id = reader.located(f["id"], "id")
    else { return nil }
    var meters: [MeterSpec] = []
    for (name, value) in reader.pairs(f["meters"], "meters") {
      guard let m = reader.fields(value, allowed: ["start", "min", "max", "label"], in: "meter '\(name.value)'") else {
        continue
      }
      let lo = meterNumber(m["min"], "min") ?? 0
      let hi = meterNumber(m["max"], "max") ?? 100
      if lo > hi { reader.diagnostics.error("meter '\(name.value)': min \(lo) is above max \(hi)", at: value.location) }
      meters.append(
        MeterSpec(
          name: name, start: meterNumber(m["start"], "start") ?? lo, min: lo, max: hi,
          label: reader.text(m["label"], "label")))
    }
    var recall: Located<String>?
    if let memory = f["memory"], let m = reader.fields(memory, allowed: ["recall"], in: "memory") {
      recall = reader.located(m["recall"], "recall")
    }
    var events: [EventKind: [RuleSpec]] = [:]
    for (name, value) in reader.pairs(f["events"], "events") {
      guard let kind = EventKind(rawValue: name.value) else {
        let names = EventKind.allCases.map(\.rawValue)
        reader.diagnostics.error(
          "unknown event '\(name.value)'\(didYouMean(name.value, among: names)); events are \(names.joined(separator: ", "))",
          at: name.location)
        continue
      }
      events[kind] = reader.list(value, "event '\(name.value)'").compactMap { rule($0) }
    }
    var elizaOrder = false
    if let o = reader.located(f["keyword_order"], "keyword_order") {
      if o.value == "eliza" {
        elizaOrder = true
      } else if o.value != "rank" {
        reader.diagnostics.error("keyword_order must be 'rank' or 'eliza', not '\(o.value)'", at: o.location)
      }
    }
    let idle = reader.double(f["idle"], "idle")
    if let idle, idle <= 0 { reader.diagnostics.error("idle must be a number of seconds above 0", at: f["idle"]!.location) }
    return PersonaSpec(
      id: id, name: reader.text(f["name"], "name") ?? id.value, style: reader.text(f["style"], "style") ?? "",
      summary: reader.text(f["summary"], "summary") ?? "", annotated: reader.bool(f["annotated"], "annotated") ?? true,
      idle: idle, meters: meters, variables: reader.textMap(f["variables"], "variables"),
      concepts: concepts(f["concepts"]), memoryRecall: recall, elizaKeywordOrder: elizaOrder,
      topics: reader.list(f["topics"], "topics").compactMap { topic($0) },
      rules: decodeEach(reader.list(f["rules"], "rules")) { $0.rule($1) }, events: events, location: node.location)
  }

  /// Each node decoded, those that decode kept, into an array sized once: `compactMap` grows
  /// its result by doubling, and 10,000 rules' specs then held up to twice their size (and, while
  /// the array was copied to a larger one, both).
  mutating func decodeEach<T>(_ nodes: [YAMLNode], _ decode: (inout Self, YAMLNode) -> T?) -> [T] {
    var out: [T] = []
    out.reserveCapacity(nodes.count)
    for node in nodes {
      if let value = decode(&self, node) { out.append(value) }
    }
    return out
  }

  static let ruleFields = [
    "id", "keywords", "rank", "priority", "match", "unless", "when", "phase", "after", "signals", "replies", "pick",
    "effects", "ends", "technique", "note", "healthy", "examples",
  ]

  mutating func topic(_ node: YAMLNode) -> TopicSpec? {
    let allowed = Self.ruleFields.filter { !["id", "replies", "examples", "match", "unless"].contains($0) } + [
      "rules", "memory", "memory_pick",
    ]
    guard let f = reader.fields(node, allowed: allowed, in: "a topic", required: ["keywords", "rules"]) else {
      return nil
    }
    let defaults = ruleFields(f, at: node.location)
    var memory: [MemorySpec] = []
    for item in reader.list(f["memory"], "memory") {
      guard let m = reader.fields(item, allowed: ["match", "reply"], in: "a memory", required: ["match", "reply"]),
        let match = reader.located(m["match"], "match"), let reply = reader.located(m["reply"], "reply")
      else { continue }
      memory.append(MemorySpec(match: match, reply: reply))
    }
    return TopicSpec(
      keywords: reader.texts(f["keywords"], "keywords"), defaults: defaults,
      rules: decodeEach(reader.list(f["rules"], "rules")) { $0.rule($1) }, memory: memory,
      memoryPick: reader.located(f["memory_pick"], "memory_pick"), location: node.location)
  }

  mutating func rule(_ node: YAMLNode) -> RuleSpec? {
    guard let f = reader.fields(node, allowed: Self.ruleFields, in: "a rule") else { return nil }
    var spec = ruleFields(f, at: node.location)
    spec.id = reader.located(f["id"], "id")
    spec.match = reader.texts(f["match"], "match")
    spec.unless = reader.texts(f["unless"], "unless")
    spec.examples = reader.texts(f["examples"], "examples")
    spec.replies = decodeEach(reader.list(f["replies"], "replies")) { $0.reply($1) }
    if f["replies"] == nil {
      reader.diagnostics.error("a rule needs 'replies': what the persona says", at: node.location)
    }
    return spec
  }

  /// The fields a rule and a topic share.
  mutating func ruleFields(_ f: Fields, at location: SourceLocation) -> RuleSpec {
    var spec = RuleSpec(location: location)
    if f["keywords"] != nil { spec.keywords = reader.texts(f["keywords"], "keywords") }
    spec.rank = reader.int(f["rank"], "rank")
    spec.priority = reader.int(f["priority"], "priority")
    spec.when = reader.located(f["when"], "when")
    if f["phase"] != nil { spec.phase = reader.texts(f["phase"], "phase") }
    spec.after = reader.texts(f["after"], "after")
    spec.signals = reader.texts(f["signals"], "signals")
    if let p = reader.located(f["pick"], "pick") {
      if let mode = PickMode(rawValue: p.value) {
        spec.pick = mode
      } else {
        reader.diagnostics.error("pick must be cycle, random or weighted, not '\(p.value)'", at: p.location)
      }
    }
    if let e = f["effects"] { spec.effects = effects(e) }
    spec.ends = reader.bool(f["ends"], "ends")
    spec.technique = reader.located(f["technique"], "technique")
    spec.note = reader.text(f["note"], "note")
    spec.healthy = reader.text(f["healthy"], "healthy")
    return spec
  }

  mutating func reply(_ node: YAMLNode) -> ReplySpec? {
    if let s = node.scalar {
      var say = Located(s, node.location)
      say.oneLine = node.oneLine
      return ReplySpec(say: say, location: node.location)
    }
    let allowed = ["say", "goto", "newkey", "rewrite", "weight", "technique", "note", "healthy"]
    guard let f = reader.fields(node, allowed: allowed, in: "a reply") else { return nil }
    var spec = ReplySpec(location: node.location)
    spec.say = reader.located(f["say"], "say")
    spec.goto = reader.located(f["goto"], "goto")
    spec.newkey = reader.bool(f["newkey"], "newkey") ?? false
    spec.rewrite = reader.located(f["rewrite"], "rewrite")
    spec.weight = reader.double(f["weight"], "weight") ?? 1
    if spec.weight < 0 { reader.diagnostics.error("weight must not be negative", at: f["weight"]!.location) }
    spec.technique = reader.located(f["technique"], "technique")
    spec.note = reader.text(f["note"], "note")
    spec.healthy = reader.text(f["healthy"], "healthy")
    let actions = [spec.say != nil, spec.goto != nil, spec.newkey].filter { $0 }.count
    if actions != 1 {
      reader.diagnostics.error(
        "a reply is text ('say'), a redirect ('goto', optionally with 'rewrite') or 'newkey: true': exactly one of them",
        at: node.location)
    }
    if spec.rewrite != nil && spec.goto == nil {
      reader.diagnostics.error("'rewrite' needs 'goto': the keyword to hand the rewritten line to", at: node.location)
    }
    return spec
  }

  mutating func effects(_ node: YAMLNode) -> EffectsSpec? {
    guard let f = reader.fields(node, allowed: ["meters", "set", "phase", "remember"], in: "effects") else {
      return nil
    }
    var spec = EffectsSpec()
    for (name, value) in reader.pairs(f["meters"], "meters") {
      if let delta = meterNumber(value, "the change of meter '\(name.value)'") { spec.meters.append((name, delta)) }
    }
    spec.set = reader.pairs(f["set"], "set").compactMap { name, value in
      reader.located(value, "variable '\(name.value)'").map { (name, $0) }
    }
    spec.phase = reader.located(f["phase"], "phase")
    spec.remember = reader.located(f["remember"], "remember")
    return spec
  }

  // MARK: - Scenarios

  mutating func scenario(_ node: YAMLNode) -> ScenarioSpec? {
    let allowed = [
      "id", "title", "brief", "objectives", "facilitator_notes", "debrief", "personas", "default_persona", "setting",
      "demo", "tests",
    ]
    guard let f = reader.fields(node, allowed: allowed, in: "a scenario", required: ["id", "title"]),
      let id = reader.located(f["id"], "id")
    else { return nil }
    var meters: [(Located<String>, Int)] = []
    var variables: [(Located<String>, String)] = []
    if let s = f["setting"], let sf = reader.fields(s, allowed: ["meters", "variables"], in: "setting") {
      meters = reader.pairs(sf["meters"], "meters").compactMap { name, value in
        meterNumber(value, "meter '\(name.value)'").map { (name, $0) }
      }
      variables = reader.textMap(sf["variables"], "variables")
    }
    return ScenarioSpec(
      id: id, title: reader.text(f["title"], "title") ?? id.value, brief: reader.text(f["brief"], "brief") ?? "",
      objectives: reader.plainTexts(f["objectives"], "objectives"),
      facilitatorNotes: reader.text(f["facilitator_notes"], "facilitator_notes") ?? "",
      debrief: reader.plainTexts(f["debrief"], "debrief"),
      personas: f["personas"] == nil ? nil : reader.texts(f["personas"], "personas"),
      defaultPersona: reader.located(f["default_persona"], "default_persona"), settingMeters: meters,
      settingVariables: variables, demo: reader.plainTexts(f["demo"], "demo"),
      tests: reader.list(f["tests"], "tests").compactMap { test($0) }, location: node.location)
  }

  mutating func test(_ node: YAMLNode) -> TestSpec? {
    guard
      let f = reader.fields(
        node, allowed: ["persona", "say", "lines", "expect"], in: "a test", required: ["expect"])
    else { return nil }
    var lines = reader.plainTexts(f["lines"], "lines")
    if let say = reader.text(f["say"], "say") { lines.append(say) }
    if lines.isEmpty { reader.diagnostics.error("a test needs 'say' or 'lines': what the user types", at: node.location) }
    guard let e = f["expect"] else { return nil }
    let allowed = ["rule", "technique", "signals", "crisis", "intent", "ends", "reply", "reply_contains", "meters"]
    guard let ef = reader.fields(e, allowed: allowed, in: "expect") else { return nil }
    var expect = ExpectSpec(location: e.location)
    expect.rule = reader.located(ef["rule"], "rule")
    expect.technique = reader.located(ef["technique"], "technique")
    if ef["signals"] != nil { expect.signals = reader.texts(ef["signals"], "signals") }
    expect.crisis = reader.bool(ef["crisis"], "crisis")
    if let i = ef["intent"] { expect.intent = .some(i.isNull ? nil : reader.text(i, "intent")) }
    expect.ends = reader.bool(ef["ends"], "ends")
    expect.reply = reader.text(ef["reply"], "reply")
    expect.replyContains = reader.text(ef["reply_contains"], "reply_contains")
    expect.meters = reader.textMap(ef["meters"], "meters")
    return TestSpec(persona: reader.located(f["persona"], "persona"), lines: lines, expect: expect, location: node.location)
  }
}
