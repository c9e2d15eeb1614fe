/// One turn taken apart into its stages, for `tether bench`: the pieces `Conversation.respond(to:)`
/// runs, callable one at a time so that each can be timed on its own.
///
/// normalize → signals → candidates (the keyword index) → match (gates, patterns, `unless`,
/// conditions, up to the first rule that applies, or the crisis, exit or fallback event) → render
/// (pick a reply, reflect the captures, fill the template, find the pattern for `/why`) → effects
/// (meters, variables, phase, memory, and the turn record with its annotation and safety notice).
///
/// Differences from a real turn, all outside the timed pieces' work: redirects (`goto`, `newkey`)
/// and memory recall are not followed (the match stage stops at the first rule that applies, as
/// the shipped personas and the neutral rule sets always do), the candidates' `/why` log is
/// dropped, and the turn counter is not advanced (`Conversation` keeps it private), so a rule
/// gated on `turn` sees the count of the conversation handed in. Nothing but the benchmark uses it.
package struct TurnStages {
  package private(set) var conversation: Conversation

  package init(_ conversation: Conversation) {
    self.conversation = conversation
  }

  /// The keyword groups of a line, best first.
  package struct Candidates {
    var groups: [Conversation.Group]
    /// How many candidate rules the line has.
    package var count: Int { groups.reduce(0) { $0 + $1.rules.count } }
  }

  /// What the match stage found: a rule and its captures, or nothing.
  package struct Match {
    var rule: Int?
    var applied = Conversation.Applied(captures: [], pattern: nil)
    var tokens: [Token] = []
    var keyword: Int32?
    var event = "line"
  }

  /// A reply, filled in, not yet applied.
  package struct Rendered {
    var outcome: Conversation.Outcome
    var event: String
  }

  /// Stage 1: the line as the persona's rules see it.
  package func normalize(_ input: String) -> NormalizedLine {
    Normalizer.normalize(input, lexicon: conversation.scenario.lexicon, vocabulary: conversation.scenario.vocabulary)
  }

  /// Stage 2: warning, crisis and exit signals: on the line of stage 1 when the scenario shares
  /// the signals' lexicon and words, else normalized again with the shared lexicon.
  package mutating func signals(_ input: String, _ line: NormalizedLine) -> SignalDetector.Found {
    let found = conversation.scenario.detectSignals(input, in: line, matcher: &conversation.matcher)
    if conversation.persona.answersSigns { conversation.lineSignals = found.ids }
    return found
  }

  /// Stage 3: the candidate rules, from the keyword index.
  package mutating func candidates(_ line: NormalizedLine) -> Candidates {
    Candidates(groups: conversation.groups(line))
  }

  /// Stage 4: the first rule that applies (or the event that answers instead).
  package mutating func match(_ line: NormalizedLine, _ candidates: Candidates, _ found: SignalDetector.Found) -> Match {
    var log: [Explanation.Candidate] = []
    if found.crisis { return event(.crisis, line.tokens, &log) ?? Match() }
    if found.exit, let m = event(.exit, line.tokens, &log) { return m }
    for group in candidates.groups {
      let ids = group.tokens.map(\.id)
      for r in group.rules {
        if let applied = conversation.applicable(r, ids, log: &log) {
          return Match(rule: r, applied: applied, tokens: group.tokens, keyword: group.keyword)
        }
      }
    }
    var m = event(.fallback, line.tokens, &log) ?? Match()
    m.event = "fallback"
    return m
  }

  mutating func event(_ kind: EventKind, _ tokens: [Token], _ log: inout [Explanation.Candidate]) -> Match? {
    let ids = tokens.map(\.id)
    for r in conversation.persona.events[kind] ?? [] {
      if let applied = conversation.applicable(r, ids, log: &log) {
        return Match(rule: r, applied: applied, tokens: tokens)
      }
    }
    return nil
  }

  /// Stage 5: pick a reply and fill it in.
  package mutating func render(_ m: Match) -> Rendered {
    guard let r = m.rule else { return Rendered(outcome: Conversation.Outcome(), event: m.event) }
    let choice = conversation.pick(r)
    let rule = conversation.persona.rules[r]
    var outcome = Conversation.Outcome(rule: r, reply: choice, chain: [rule.id])
    if case .say(let template) = rule.replies[choice].action {
      let texts = conversation.captureTexts(m.applied.captures, m.tokens)
      outcome.text = conversation.render(template, texts)
      outcome.captures = texts
    }
    outcome.pattern = conversation.patternSource(r, m.applied)
    outcome.keyword = m.keyword.map { conversation.scenario.vocabulary.word($0) }
    return Rendered(outcome: outcome, event: m.event)
  }

  /// Stage 6: apply the effects and build the turn record.
  package mutating func effects(
    _ rendered: Rendered, input: String, found: SignalDetector.Found, line: NormalizedLine
  ) -> Turn {
    conversation.finish(
      rendered.outcome, event: rendered.event, input: input, found: found, number: conversation.state.records + 1,
      normalized: line.text)
  }
}
