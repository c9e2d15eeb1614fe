import Testing

@testable import TetherEngine

/// Rules that answer a warning sign (`signals:`): candidates only on a line that shows one of
/// their signs, ranked with the keyword rules, and checked against the shared signals.
@Suite struct SignRuleTests {
  static let signals = """
    signals:
      - id: lonely
        name: Growing isolation
        kind: warning
        description: d
        notice: n
        source: s
        match: ["i am so alone", "nobody calls me *"]
      - id: no-sleep
        name: Lost sleep
        kind: warning
        description: d
        notice: n
        source: s
        match: ["up all night *"]
      - id: hurt
        name: Self-harm
        kind: crisis
        description: d
        notice: n
        source: s
        match: ["hurt myself"]
      - id: leaving
        name: Leaving
        kind: exit
        description: d
        notice: n
        source: s
        match: ["bye"]
    """

  static func files(_ rules: String, extra: String = "") -> [(String, String)] {
    persona(rules, extra: extra) + [("signals.yaml", signals)]
  }

  static let rules = """
          - id: weather
            match: "* rain *"
            replies: ["Rain again?"]
          - id: calls
            match: "* calls *"
            replies: ["Who called?"]
          - id: alone
            signals: lonely
            replies: ["That sounds lonely. Who used to call?"]
          - id: alone-ranked
            signals: [no-sleep]
            rank: 5
            replies: ["A whole night awake is a lot. Rest first."]
          - id: anything
            match: "*"
            keywords: [hello]
            replies: ["Hello."]
    """

  @Test func aSignRuleAnswersOnlyALineThatShowsItsSign() throws {
    let scenario = try compile(Self.files(Self.rules))
    var c = try Conversation(scenario: scenario)
    let turn = c.respond(to: "I am so alone")
    #expect(turn.rule == "alone")
    #expect(turn.why.signal == "lonely")
    #expect(turn.signals == ["lonely"])
    // Without the sign, the rule is no candidate at all.
    let calm = c.respond(to: "what a day")
    #expect(calm.rule == nil)
    #expect(calm.event == "fallback" || calm.reply.isEmpty)
    #expect(calm.why.signal == nil)
  }

  @Test func aKeywordRuleOfTheSameRankAnswersFirstAndRankDecides() throws {
    let scenario = try compile(Self.files(Self.rules))
    var c = try Conversation(scenario: scenario)
    // "calls" is a keyword of rank 0: it outranks the unkeyed sign rule of the same rank.
    #expect(c.respond(to: "nobody calls me anymore").rule == "calls")
    // The sign rule of rank 5 outranks the keyword rule "rain".
    #expect(c.respond(to: "up all night listening to the rain").rule == "alone-ranked")
  }

  @Test func aSignRuleWithAKeywordNeedsBoth() throws {
    let rules = """
            - id: calls-alone
              match: "* calls *"
              signals: [lonely]
              replies: ["Nobody calls. That hurts."]
            - id: calls
              match: "* calls *"
              replies: ["Who called?"]
      """
    let scenario = try compile(Self.files(rules))
    var c = try Conversation(scenario: scenario)
    #expect(c.respond(to: "nobody calls me these days").rule == "calls-alone")
    let other = c.respond(to: "my mum calls on sundays")
    #expect(other.rule == "calls")
    #expect(other.why.candidates.contains { $0.rule == "calls-alone" && $0.outcome.contains("'lonely'") })
  }

  @Test func aLineOfSeveralClausesWithNoKeywordStillReachesTheSignRule() throws {
    let files = Self.files(Self.rules).map { name, text in
      (name, name == "test.yaml" ? text.replacingOccurrences(of: "lexicon:\n", with: "lexicon:\n  clauses: first\n") : text)
    }
    let scenario = try compile(files)
    #expect(scenario.lexicon.clauses == .first)
    var c = try Conversation(scenario: scenario)
    #expect(c.respond(to: "well. i am so alone").rule == "alone")
  }

  @Test func namesThatAreNoWarningSignAreLocatedErrors() {
    let rules = """
            - id: a
              signals: [lonley]
              replies: ["x"]
            - id: b
              signals: [hurt]
              replies: ["x"]
            - id: c
              signals: leaving
              replies: ["x"]
      """
    let found = diagnostics(Self.files(rules)).filter { $0.severity == .error }
    let messages = found.map(\.message)
    #expect(messages.contains { $0.contains("unknown warning sign 'lonley'") && $0.contains("did you mean 'lonely'") })
    #expect(messages.contains { $0.contains("'hurt' is a crisis signal") })
    #expect(messages.contains { $0.contains("'leaving' is the exit intent") })
    #expect(found.allSatisfy { $0.location?.file == "test.yaml" && ($0.location?.line ?? 0) > 0 })
  }

  @Test func aSignOnAnEventRuleIsAnError() {
    let body = """
            - id: a
              match: "* rain *"
              replies: ["x"]
      """
    let extra = """
          events:
            fallback:
              - signals: [lonely]
                replies: ["y"]
      """
    let messages = diagnostics(Self.files(body, extra: extra)).filter { $0.severity == .error }.map(\.message)
    #expect(messages.contains { $0.contains("'signals' belongs on an ordinary rule") }, "\(messages)")
  }
}
