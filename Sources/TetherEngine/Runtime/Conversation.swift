/// A conversation with one persona of a scenario: a pure function of the scenario, the persona,
/// the seed and the lines, turn by turn.
public struct Conversation: Sendable {
  /// Why a conversation cannot start.
  public struct Failure: Error, Sendable, CustomStringConvertible {
    public var description: String
  }

  public let scenario: Scenario
  package private(set) var persona: Persona
  public private(set) var state: ConversationState
  public let seed: UInt64
  /// The region whose crisis line the safety notice names (`us`, `uk`, …); nil for the default.
  public var region: String?
  var matcher = Matcher()
  /// A rule whose own gates (phase, after, when) are taken as open: `tether test` checks a rule's
  /// examples this way, from a fresh conversation.
  package var exempt: Int?
  /// The signals the line being answered shows, for rules that answer warning signs
  /// (`signals`); kept only when the persona has such rules.
  var lineSignals: [String] = []

  /// The persona's id.
  public var personaID: String { persona.id }

  /// `region`: whose crisis line the safety notice names (a code of the `safety` section's
  /// `regions`, see ``Scenario/regionProblem(_:)``); nil for the default line.
  public init(scenario: Scenario, persona id: String? = nil, seed: UInt64 = 0, region: String? = nil) throws(Failure) {
    let wanted = id ?? scenario.defaultPersonaID
    guard let persona = scenario.persona(wanted) else {
      throw Failure(
        description:
          "scenario '\(scenario.id)' has no persona '\(wanted)'\(didYouMean(wanted, among: scenario.personaIDs)); personas: \(scenario.personaIDs.joined(separator: ", "))"
      )
    }
    self.scenario = scenario
    self.persona = persona
    self.seed = seed
    // Set explicitly: the defaults of stored properties were seen unset in this typed-throws init.
    self.region = region
    matcher = Matcher()
    exempt = nil
    lineSignals = []
    state = ConversationState(seed: seed)
    for m in persona.meters { state.meters[m.name] = m.start }
    for (name, value) in scenario.settingMeters {
      if let m = persona.meters.first(where: { $0.name == name }) { state.meters[name] = min(max(value, m.min), m.max) }
    }
    for (k, v) in persona.variables { state.variables[k] = v }
    for (k, v) in scenario.settingVariables { state.variables[k] = v }
  }

  // MARK: - Events

  /// The persona's opening line, if it has one.
  public mutating func start() -> Turn? {
    let tokens = NormalizedLine()
    guard let outcome = eventOutcome(.start, tokens.tokens) else { return nil }
    return finish(outcome, event: "start", input: nil, found: SignalDetector.Found(), number: 0)
  }

  /// An unsolicited message after the user's silence (a nudge), if the persona sends one.
  public mutating func silence() -> Turn? {
    guard let outcome = eventOutcome(.silence, []) else { return nil }
    state.records += 1
    return finish(outcome, event: "silence", input: nil, found: SignalDetector.Found(), number: state.records)
  }

  /// The persona's answer to one user line.
  public mutating func respond(to input: String) -> Turn {
    state.lines += 1
    state.records += 1
    let since = state.crisisLine.map { state.lines - $0 }
    var (line, found) = scenario.normalizeAndDetect(input, matcher: &matcher, sinceCrisis: since)
    // The persona called by name at the start or end of a line ("night sam", "later mia"): the
    // signals read the line without it too, since no signal can know every persona's name.
    if let bare = Self.withoutName(input, persona.name) {
      let again = scenario.detectSignals(bare, matcher: &matcher, sinceCrisis: since)
      for id in again.ids where !found.ids.contains(id) { found.ids.append(id) }
      for (id, cues) in again.cues where found.cues[id] == nil { found.cues[id] = cues }
      found.crisis = found.crisis || again.crisis
      found.exit = found.exit || again.exit
    }
    if found.crisis { state.crisisLine = state.lines }
    if persona.answersSigns { lineSignals = found.ids }
    var log: [Explanation.Candidate] = []
    var outcome: Outcome?
    var event = "line"
    if found.crisis {
      outcome = eventOutcome(.crisis, line.tokens)
    } else {
      if found.exit { outcome = eventOutcome(.exit, line.tokens) }
      if outcome == nil { outcome = select(line, log: &log) }
      if outcome == nil, let recalled = recall(line) { outcome = recalled }
      if outcome == nil {
        outcome = eventOutcome(.fallback, line.tokens)
        event = "fallback"
      }
    }
    // Moved out, not copied: `outcome ?? Outcome()` copied every field of it (a retain each),
    // then destroyed the original (about 420 instructions a neutral turn, by callgrind).
    let turn = finish(
      outcome.take() ?? Outcome(), event: event, input: input, found: found, number: state.records,
      candidates: log, normalized: line.text)
    // The line's buffers serve the next turn's line.
    matcher.spareLine = Matcher.spare(line)
    return turn
  }

  // MARK: - Selection

  struct Outcome {
    var rule: Int?
    var reply: Int?
    var text = ""
    var captures: [String] = []
    var pattern: String?
    var keyword: String?
    var chain: [String] = []
    var recalled = false
  }

  struct Group {
    var keyword: Int32
    var rules: ArraySlice<Int>
    var tokens: [Token]
  }

  /// Picks the rule that answers a line through the keyword index (never a scan of every rule).
  mutating func select(_ line: NormalizedLine, log: inout [Explanation.Candidate]) -> Outcome? {
    var stack = groups(line)
    if stack.isEmpty { return nil }
    var redirects = 0
    var memoryMade = Set<Int>()
    var chain: [String] = []
    // The groups are taken in order by index, a redirect's group inserted at the next one:
    // `removeFirst()` moved the rest of the list on every group (about 145 instructions a turn).
    var next = 0
    while next < stack.count {
      let group = stack[next]
      next += 1
      let ids = group.tokens.map(\.id)
      var handedOn = false
      for r in group.rules {
        if handedOn { break }
        // The rule is read in place, by index, never bound to a name: a copy of it (passed to a
        // mutating method, the compiler must copy it) retained and released every field: about
        // 700 instructions of a neutral turn, by callgrind.
        if let t = persona.rules[r].topic, !persona.topics[t].memory.isEmpty, memoryMade.insert(t).inserted {
          remember(topic: t, tokens: group.tokens)
        }
        guard let applied = applicable(r, ids, log: &log) else { continue }
        // Picked first, then checked: `filled(pick(r), …)` copied the whole conversation (the
        // callee's `self` is read before its argument mutates it).
        let picked = pick(r)
        guard
          let choice = Self.filled(picked, persona.rules[r].replies, applied.captures, keepEmpty: persona.elizaKeywordOrder)
        else {
          log.append(
            .init(rule: persona.rules[r].id, outcome: "matched, but every reply fills in a capture the line left empty"))
          continue
        }
        switch persona.rules[r].replies[choice].action {
        case .say(let template):
          let texts = captureTexts(applied.captures, group.tokens)
          // Most chains are this rule alone: made as a one-element array, not grown from none.
          if chain.isEmpty { chain = [persona.rules[r].id] } else { chain.append(persona.rules[r].id) }
          return Outcome(
            rule: r, reply: choice, text: render(template, texts), captures: texts,
            pattern: patternSource(r, applied), keyword: scenario.vocabulary.word(group.keyword), chain: chain)
        case .newkey:
          log.append(.init(rule: persona.rules[r].id, outcome: "matched, then handed the line to the next keyword (newkey)"))
          chain.append(persona.rules[r].id)
          handedOn = true
        case .goto(let keyword, let name, let rewrite):
          redirects += 1
          if redirects > 16 {
            log.append(.init(rule: persona.rules[r].id, outcome: "too many redirects; stopped"))
            return nil
          }
          var tokens = group.tokens
          if let rewrite {
            let text = render(rewrite, captureTexts(applied.captures, group.tokens), reflect: false)
            tokens = Normalizer.rawWords(text).map {
              let id = scenario.vocabulary.id($0)
              return Token(word: $0, id: id, key: id)
            }
          }
          log.append(.init(rule: persona.rules[r].id, outcome: "matched, then handed the line to the keyword '\(name)'"))
          chain.append(persona.rules[r].id)
          stack.insert(Group(keyword: keyword, rules: persona.index[keyword] ?? [], tokens: tokens), at: next)
          handedOn = true
        }
      }
    }
    return nil
  }

  /// The keyword groups of a line, best first: rank, then position, then priority.
  // Mutating in name only, as are the other helpers a turn calls (`captureTexts`, `render`,
  // `patternSource`, `healthyText`, `holds`): a non-mutating method called from a mutating one
  // is handed a bitwise copy of the whole conversation (1,457 bytes, about 170 instructions a
  // call, four a neutral turn in `select` alone, by callgrind); a mutating one gets it in place.
  mutating func groups(_ line: NormalizedLine) -> [Group] {
    // A line of one clause (most) is read as it is, with no list of clauses made (about 570
    // instructions a turn, by callgrind).
    if line.clauseStarts.count == 1 { return groups(clause: line.tokens, last: true) ?? [] }
    let clauses = line.clauses
    let all = clauses.isEmpty ? [0..<0] : clauses
    for (k, clause) in all.enumerated() {
      // A clause of several is copied out.
      let tokens = clause == line.tokens.indices ? line.tokens : Array(line.tokens[clause])
      if let found = groups(clause: tokens, last: k == all.count - 1) { return found }
    }
    return []
  }

  /// The keyword groups of one clause, best first; nil when the clause has none and the next
  /// clause should be read. The rules that answer a warning sign the line shows are candidates
  /// in the clause that is read, or alone in the `last` clause when no clause has a keyword.
  mutating func groups(clause tokens: [Token], last: Bool) -> [Group]? {
    if persona.elizaKeywordOrder {
      // 1966 ELIZA's keystack: a keyword ranked above all before it goes on top, any other to
      // the bottom; a word typed twice counts twice.
      var stack: [Group] = []
      var top = Int.min
      for t in tokens {
        guard let list = persona.index[t.key], let first = list.first else { continue }
        let rank = persona.rules[first].rank
        let group = Group(keyword: t.key, rules: list, tokens: tokens)
        if stack.isEmpty || rank > top {
          stack.insert(group, at: 0)
          top = rank
        } else {
          stack.append(group)
        }
      }
      if stack.isEmpty && scenario.lexicon.clauses == .first && !last { return nil }
      for r in persona.always { stack.append(Group(keyword: Vocabulary.unknown, rules: [r], tokens: tokens)) }
      for r in signRules() { stack.append(Group(keyword: Vocabulary.unknown, rules: [r], tokens: tokens)) }
      if stack.isEmpty { return nil }
      return stack
    }
    // Rank and priority are copied into each entry so the sort reads nothing else.
    var entries: [(rank: Int, pos: Int, priority: Int, key: Int32, rule: Int)] = []
    let rules = persona.rules
    for (p, t) in tokens.enumerated() {
      guard let list = persona.index[t.key] else { continue }
      for r in list where !entries.contains(where: { $0.rule == r }) {
        entries.append((rules[r].rank, p, rules[r].priority, t.key, r))
      }
    }
    let hasKeyword = !entries.isEmpty
    for r in persona.always where !entries.contains(where: { $0.rule == r }) {
      entries.append((rules[r].rank, Int.max, rules[r].priority, Vocabulary.unknown, r))
    }
    if !hasKeyword && scenario.lexicon.clauses == .first && persona.always.isEmpty && !last { return nil }
    // A rule that answers signs is in neither the keyword index nor `always`: no duplicate.
    for r in signRules() { entries.append((rules[r].rank, Int.max, rules[r].priority, Vocabulary.unknown, r)) }
    if entries.isEmpty { return nil }
    entries.sort { ($0.rank, $1.pos, $0.priority, $1.rule) > ($1.rank, $0.pos, $1.priority, $0.rule) }
    var result: [Group] = []
    for e in entries {
      if let last = result.last, last.keyword == e.key, rules[last.rules.last!].rank == e.rank {
        result[result.count - 1].rules.append(e.rule)
      } else {
        result.append(Group(keyword: e.key, rules: [e.rule], tokens: tokens))
      }
    }
    return result
  }

  /// The rules without a keyword that answer a warning sign the line shows, in the order the
  /// signals were found.
  mutating func signRules() -> [Int] {
    if persona.bySignal.isEmpty || lineSignals.isEmpty { return [] }
    var out: [Int] = []
    for id in lineSignals {
      for r in persona.bySignal[id] ?? [] where !out.contains(r) { out.append(r) }
    }
    return out
  }

  /// The captures if `rule` can answer these words now, else nil (and why, in the log).
  /// A rule that applies to a line: its captures, and which of its patterns matched (nil for a
  /// rule with none), so that `/why` names the pattern without matching it again.
  struct Applied {
    var captures: [Range<Int>]
    var pattern: Int?
  }

  /// The source of the pattern that matched, for the explanation.
  mutating func patternSource(_ r: Int, _ applied: Applied) -> String? {
    applied.pattern.map { persona.rules[r].patterns[$0].source }
  }

  /// Whether rule `r` of the persona applies to the words. Given by index and read in place:
  /// a rule handed to this mutating method was copied, every field retained and released.
  mutating func applicable(_ r: Int, _ ids: [Int32], log: inout [Explanation.Candidate]) -> Applied? {
    var open = false
    if let e = exempt, e >= 0, e < persona.rules.count { open = persona.rules[e].id == persona.rules[r].id }
    if !open, let phases = persona.rules[r].phases, !phases.contains(state.phase) {
      log.append(
        .init(
          rule: persona.rules[r].id,
          outcome: "not in phase '\(state.phase)' (only \(phases.joined(separator: ", ")))"))
      return nil
    }
    if !open, !persona.rules[r].after.isEmpty, !persona.rules[r].after.contains(state.lastRule ?? "") {
      log.append(
        .init(rule: persona.rules[r].id, outcome: "only right after \(persona.rules[r].after.joined(separator: " or "))"))
      return nil
    }
    if !persona.rules[r].signals.isEmpty, !persona.rules[r].signals.contains(where: { lineSignals.contains($0.value) }) {
      log.append(
        .init(
          rule: persona.rules[r].id,
          outcome: "only on a line that shows \(persona.rules[r].signals.map { "'\($0.value)'" }.joined(separator: " or "))"))
      return nil
    }
    let patterns = persona.rules[r].patterns.count
    var found: Applied? = patterns == 0 ? Applied(captures: [], pattern: nil) : nil
    for k in 0..<patterns {
      if let c = matcher.match(persona.rules[r].patterns[k], ids, skipping: scenario.fillers) {
        found = Applied(captures: c, pattern: k)
        break
      }
    }
    guard let found else {
      log.append(.init(rule: persona.rules[r].id, outcome: "its pattern did not match"))
      return nil
    }
    for u in persona.rules[r].unless.indices
    where matcher.match(persona.rules[r].unless[u], ids, skipping: scenario.fillers) != nil {
      log.append(
        .init(rule: persona.rules[r].id, outcome: "matched, but also '\(persona.rules[r].unless[u].source)' (unless)"))
      return nil
    }
    if !open, let when = persona.rules[r].when, !holds(when) {
      log.append(
        .init(
          rule: persona.rules[r].id,
          outcome: "matched, but its condition '\(persona.rules[r].whenSource ?? "")' did not hold"))
      return nil
    }
    return found
  }

  /// The first event rule that can answer.
  mutating func eventOutcome(_ kind: EventKind, _ tokens: [Token]) -> Outcome? {
    let ids = tokens.map(\.id)
    var log: [Explanation.Candidate] = []
    for r in persona.events[kind] ?? [] {
      guard let applied = applicable(r, ids, log: &log) else { continue }
      let picked = pick(r)
      guard
        let choice = Self.filled(picked, persona.rules[r].replies, applied.captures, keepEmpty: persona.elizaKeywordOrder)
      else { continue }
      guard case .say(let template) = persona.rules[r].replies[choice].action else { continue }
      let texts = captureTexts(applied.captures, tokens)
      return Outcome(
        rule: r, reply: choice, text: render(template, texts), captures: texts,
        pattern: patternSource(r, applied), chain: [persona.rules[r].id])
    }
    return nil
  }

  // MARK: - Memory

  mutating func remember(topic t: Int, tokens: [Token]) {
    let topic = persona.topics[t]
    let count = topic.memory.count
    let index: Int
    if topic.elizaHash {
      index = ElizaHash.memoryIndex(lastWord: tokens.last?.word ?? "", count: count)
    } else {
      index = state.memoryCycles[t, default: 0] % count
      state.memoryCycles[t, default: 0] += 1
    }
    let (pattern, template) = topic.memory[index]
    let ids = tokens.map(\.id)
    if let captures = matcher.match(pattern, ids, skipping: scenario.fillers) {
      state.memory.append(render(template, captureTexts(captures, tokens)))
    }
  }

  mutating func recall(_ line: NormalizedLine) -> Outcome? {
    guard !state.memory.isEmpty, groups(line).isEmpty else { return nil }
    if let condition = persona.memoryRecall, !holds(condition) { return nil }
    let text = state.memory.removeFirst()
    return Outcome(text: text, chain: ["memory"], recalled: true)
  }

  /// The line without the persona's name as its first or last word, or nil when it has none
  /// there. Only a whole word counts, with punctuation around it ("sam!", "@sam,"). Read on
  /// every line: the two edge words are compared as bytes, and only a line that names the
  /// persona is split and joined again.
  static func withoutName(_ input: String, _ name: String) -> String? {
    guard input.utf8.count < 4_096 else { return nil }
    // Read in place: a copy of each string to call `withUTF8` on retained and released the
    // line's on every line (with the rest of that: about 100 instructions a neutral turn, by
    // callgrind). A string not stored contiguously is copied, as before.
    let edges: (atStart: Bool, atEnd: Bool)
    if let inPlace = input.utf8.withContiguousStorageIfAvailable({ t in
      name.utf8.withContiguousStorageIfAvailable { n in nameAtEdges(t, n) }
    }), let inPlace {
      edges = inPlace
    } else {
      var text = input
      var name = name
      edges = text.withUTF8 { t in name.withUTF8 { n in nameAtEdges(t, n) } }
    }
    guard edges.atStart || edges.atEnd else { return nil }
    var words = input.split(separator: " ", omittingEmptySubsequences: true)
    if edges.atEnd { words.removeLast() }
    if edges.atStart && words.count > 1 { words.removeFirst() }
    return words.joined(separator: " ")
  }

  /// Whether the first and the last word of the line `t` are the name `n` (see
  /// ``withoutName(_:_:)``); neither for a line of one word, or a name that is empty, not
  /// ASCII, or holds a space.
  static func nameAtEdges(_ t: UnsafeBufferPointer<UInt8>, _ n: UnsafeBufferPointer<UInt8>) -> (Bool, Bool) {
    guard !n.isEmpty && n.allSatisfy({ $0 < 0x80 && $0 != 32 }) else { return (false, false) }
    func isLetter(_ b: UInt8) -> Bool { b &- 97 < 26 || b &- 65 < 26 || b &- 48 < 10 || b >= 0x80 }
    /// The word's letters within t[from..<to], trimmed of punctuation, equal the name's.
    func same(_ from: Int, _ to: Int) -> Bool {
      var lo = from, hi = to
      while lo < hi && !isLetter(t[lo]) { lo += 1 }
      while hi > lo && !isLetter(t[hi - 1]) { hi -= 1 }
      guard hi - lo == n.count else { return false }
      for k in 0..<n.count where t[lo + k] | 0x20 != n[k] | 0x20 { return false }
      return true
    }
    var first = 0
    while first < t.count && t[first] == 32 { first += 1 }
    var firstEnd = first
    while firstEnd < t.count && t[firstEnd] != 32 { firstEnd += 1 }
    var last = t.count
    while last > 0 && t[last - 1] == 32 { last -= 1 }
    var lastStart = last
    while lastStart > 0 && t[lastStart - 1] != 32 { lastStart -= 1 }
    if lastStart <= first { return (false, false) }  // one word only
    return (same(first, firstEnd), same(lastStart, last))
  }

  // MARK: - Replies

  /// A healthy alternative that names a capture or a variable ("You're feeling {3}.") is filled
  /// in as a reply is, so the trainee never reads a bare "{3}"; one that is not a valid template
  /// is shown as written.
  mutating func healthyText(_ text: String, _ captures: [String]) -> String {
    guard text.utf8.contains(UInt8(ascii: "{")), let template = try? Template.parse(text) else { return text }
    return render(template, captures).trimmingSpaces
  }

  /// The reply to give when a capture may be empty ("should i" matching `should i *`): the one
  /// picked, unless its text fills in an empty capture ("Ooh, ? Honestly..."); then the first
  /// reply that does not; nil when every reply does (the rule then does not answer). A persona
  /// that keeps 1966 ELIZA's keyword order keeps its empty captures too ("OH I"), as ELIZA did.
  /// Given the rule's replies, not the rule: a rule passed as an argument was copied (about 50
  /// instructions a turn, by callgrind).
  static func filled(_ choice: Int, _ replies: [Reply], _ captures: [Range<Int>], keepEmpty: Bool) -> Int? {
    if keepEmpty { return choice }
    var empty: UInt64 = 0
    for (k, range) in captures.enumerated() where range.isEmpty && k < 63 { empty |= 1 << UInt64(k + 1) }
    if empty == 0 { return choice }
    func needs(_ i: Int) -> Bool {
      guard case .say(let template) = replies[i].action else { return false }
      return template.parts.contains {
        if case .capture(let n) = $0, n < 64 { return empty & (1 << UInt64(n)) != 0 }
        return false
      }
    }
    if !needs(choice) { return choice }
    return replies.indices.first { !needs($0) }
  }

  mutating func pick(_ r: Int) -> Int {
    // The rule is read in place: a copy of it retains every field.
    let n = persona.rules[r].replies.count
    if n <= 1 { return 0 }
    // A rule's place in the cycle and its last pick are kept by rule index (see
    // ``ConversationState/cycles``).
    switch persona.rules[r].pick {
    case .cycle:
      if state.cycles.count <= r { state.cycles += repeatElement(0, count: persona.rules.count - state.cycles.count) }
      let i = Int(state.cycles[r])
      state.cycles[r] = Int32((i + 1) % n)
      return i % n
    case .random:
      if state.lastPick.count <= r {
        state.lastPick += repeatElement(-1, count: persona.rules.count - state.lastPick.count)
      }
      var i = Int(state.random.next() % UInt64(n))
      let last: Int? = state.lastPick[r] < 0 ? nil : Int(state.lastPick[r])
      if let last, i == last { i = (i + 1 + Int(state.random.next() % UInt64(n - 1))) % n }
      if let last, i == last { i = (i + 1) % n }
      state.lastPick[r] = Int32(i)
      return i
    case .weighted:
      let total = persona.rules[r].replies.reduce(0) { $0 + $1.weight }
      if total <= 0 { return 0 }
      var x = Double(state.random.next() >> 11) / Double(1 << 53) * total
      for i in 0..<n {
        x -= persona.rules[r].replies[i].weight
        if x < 0 { return i }
      }
      return n - 1
    }
  }

  mutating func captureTexts(_ captures: [Range<Int>], _ tokens: [Token]) -> [String] {
    let reflecting = !scenario.lexicon.reflections.isEmpty
    return captures.map { range in
      // One word matched as its possessive's base ("my dad's" for `my {family}`) is put back as
      // that word: "your dad", not "your dad's".
      if range.count == 1, scenario.lexicon.possessives {
        let w = tokens[range.lowerBound].word
        if w.utf8.count > 2 && w.hasSuffix("'s") { return String(w.dropLast(2)) }
      }
      if reflecting {
        let words = tokens[range].map(\.word)
        return Self.capitalI(NormalizedLine.joined(scenario.lexicon.reflect(words[...])))
      }
      return Self.capitalI(NormalizedLine.joined(tokens[range]))
    }
  }

  /// Words are read in lower case; put back into a reply, "i" (and "i'm", "i'll" …) is written
  /// "I" ("you feel like I cannot understand you"). Most captures hold no such word: one scan.
  static func capitalI(_ text: String) -> String {
    // A word "i" or "i'…": an "i" at the start or after a space, then a space, an apostrophe or
    // the end. Read in place, a byte at a time (an iterator over the view cost ten times more).
    let found =
      text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
        let n = bytes.count
        var k = 0
        while k < n {
          if bytes[k] == 105 && (k == 0 || bytes[k - 1] == 32) && (k + 1 == n || bytes[k + 1] == 32 || bytes[k + 1] == 39) {
            return true
          }
          k += 1
        }
        return false
      } ?? true
    if !found { return text }
    var out = ""
    var first = true
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
      if !first { out += " " }
      first = false
      if word == "i" || word.hasPrefix("i'") {
        out += "I" + word.dropFirst()
      } else {
        out += word
      }
    }
    return out
  }

  mutating func render(_ template: Template, _ captures: [String], reflect: Bool = true) -> String {
    // The closures capture only the state and a name: capturing `self` would copy the whole
    // conversation (its scenario included) on every call.
    if template.isPlain { return template.render(captures: captures, lookup: { _ in .text("") }) }
    let state = self.state
    let name = persona.name
    return template.render(captures: captures, lookup: { Self.lookup($0, state, name) })
  }

  /// Whether a condition holds now.
  mutating func holds(_ condition: Condition) -> Bool {
    let state = self.state
    let name = persona.name
    return condition.holds({ Self.lookup($0, state, name) })
  }

  /// Resolves a name in a condition or template.
  func lookup(_ name: String) -> Condition.Value { Self.lookup(name, state, persona.name) }

  static func lookup(_ name: String, _ state: ConversationState, _ personaName: String) -> Condition.Value {
    if let m = state.meters[name] { return .number(Double(m)) }
    if let v = state.variables[name] { return .text(v) }
    switch name {
    case "turn": return .number(Double(state.lines))
    case "phase": return .text(state.phase)
    case "last_rule": return .text(state.lastRule ?? "")
    case "persona": return .text(personaName)
    default: return .text("")
    }
  }

  // MARK: - Effects and the record

  /// Applies rule `r`'s meter effects; returns the meters they changed, in the persona's order.
  ///
  /// The meters are changed in place: a copy of them kept as "before" made every change copy
  /// the whole table. Each meter's value before the turn is kept only when it is touched, with
  /// its value after, so that the explanation does not look each meter up again (one hash a
  /// meter: about 300 instructions fewer a neutral turn, by callgrind); they are kept by the
  /// meter's place in the persona, in scratch memory on the stack (an array of them, keyed by
  /// name, was allocated on every turn that moved a meter).
  mutating func applyMeters(_ r: Int) -> [Explanation.MeterChange] {
    let count = persona.meters.count
    return withUnsafeTemporaryAllocation(of: (touched: Bool, before: Int?, after: Int).self, capacity: count) {
      touched in
      touched.initialize(repeating: (false, nil, 0))
      for (name, delta) in persona.rules[r].effects.meters {
        // A persona's meters have distinct names (the compiler checks): the first is the one.
        guard let k = persona.meters.firstIndex(where: { $0.name == name }) else { continue }
        let low = persona.meters[k].min, high = persona.meters[k].max
        // One hash for a meter already set: its value is changed through its index.
        let old: Int?
        let new: Int
        if let i = state.meters.index(forKey: name) {
          old = state.meters.values[i]
          new = min(max(state.meters.values[i] + delta, low), high)
          state.meters.values[i] = new
        } else {
          old = nil
          new = min(max(persona.meters[k].start + delta, low), high)
          state.meters[name] = new
        }
        if touched[k].touched {
          touched[k].after = new
        } else {
          touched[k] = (true, old, new)
        }
      }
      var changes: [Explanation.MeterChange] = []
      for k in 0..<count where touched[k].touched && touched[k].before != touched[k].after {
        changes.append(.init(meter: persona.meters[k].name, before: touched[k].before ?? 0, after: touched[k].after))
      }
      return changes
    }
  }

  mutating func finish(
    _ outcome: consuming Outcome, event: String, input: String?, found: consuming SignalDetector.Found, number: Int,
    candidates: consuming [Explanation.Candidate] = [], normalized: consuming String = ""
  ) -> Turn {
    // The rule is read in place, never copied (a copy retains every field of it).
    var meterChanges: [Explanation.MeterChange] = []
    // The reply's three notes, read in place: a copy of the reply retained all its fields
    // (about 390 instructions a turn, by callgrind).
    var techniqueID: String?
    var note: String?
    var healthy: String?
    if let r = outcome.rule {
      if let k = outcome.reply {
        techniqueID = persona.rules[r].replies[k].technique
        note = persona.rules[r].replies[k].note
        healthy = persona.rules[r].replies[k].healthy
      }
      if !persona.rules[r].effects.meters.isEmpty { meterChanges = applyMeters(r) }
      for (name, template) in persona.rules[r].effects.set { state.variables[name] = render(template, outcome.captures) }
      if let phase = persona.rules[r].effects.phase { state.phase = phase }
      if let remember = persona.rules[r].effects.remember { state.memory.append(render(remember, outcome.captures)) }
      state.lastRule = persona.rules[r].id
    } else {
      state.lastRule = nil
    }
    let ends = outcome.rule.flatMap { persona.rules[$0].ends } ?? false
    if ends { state.ended = true }
    // The outcome, the signals found, the log and the normalized text are the caller's to give
    // (`consuming`): borrowed, each field the turn took from them was retained, and released
    // with them after. (The explanation is still copied into the turn once, and that copy
    // destroyed: about 390 instructions a neutral turn, by callgrind, left for later.)
    let healthyReply = healthy.map { healthyText($0, outcome.captures) }
    // The warning sign that let a rule answer, if it answers signs (read before the signals
    // found are taken out below).
    var sign: String?
    if let r = outcome.rule, !persona.rules[r].signals.isEmpty {
      sign = persona.rules[r].signals.first { found.ids.contains($0.value) }?.value
    }
    // The fields the turn keeps are taken out of the outcome and the signals found, not copied
    // from them: a copy retained each, and the end of the outcome released it again (a neutral
    // turn: about 480 instructions fewer, by callgrind).
    var captures: [String] = []
    swap(&captures, &outcome.captures)
    var chain: [String] = []
    swap(&chain, &outcome.chain)
    var signals: [String] = []
    swap(&signals, &found.ids)
    var cues = [String: [String]]()
    swap(&cues, &found.cues)
    return Turn(
      turn: number, event: outcome.recalled ? "line" : event, input: input, reply: outcome.text.trimmingSpaces,
      persona: persona.id, rule: outcome.rule.map { persona.rules[$0].id } ?? (outcome.recalled ? "memory" : nil),
      technique: techniqueID,
      dynamic: techniqueID.flatMap { scenario.techniques[$0]?.dynamic }, note: note,
      healthy: healthyReply,
      signals: signals, signalCues: cues, crisis: found.crisis,
      notice: found.crisis ? SafetyNotice.text(for: scenario, region: region) : nil,
      intent: found.exit ? "exit" : nil, ends: ends, meters: state.meters, seed: seed,
      why: Explanation(
        keyword: outcome.keyword.take(), pattern: outcome.pattern.take(), captures: captures, chain: chain,
        meterChanges: meterChanges, candidates: candidates, normalized: normalized, signal: sign))
  }
}
