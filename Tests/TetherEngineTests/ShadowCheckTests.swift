import Testing

@testable import TetherEngine

/// `check` warns about a rule an earlier, ungated rule always beats.
struct ShadowCheckTests {
  @Test func aGeneralRuleBeforeASpecificOneShadowsIt() throws {
    let s = try compile(
      persona(
        """
              - id: sad
                match: "* sad *"
                replies: ["Why sad?"]
              - id: sad-mother
                match: "* sad * {family} *"
                replies: ["Sad about your {2}?"]
        """))
    let warnings = s.shadowWarnings()
    #expect(warnings.count == 1)
    let w = try #require(warnings.first)
    #expect(w.message.contains("'sad-mother' may never answer"))
    #expect(w.message.contains("the rule 'sad'"))
    #expect(w.location?.line != nil)
  }

  @Test func aSpecificRuleWithHigherPriorityIsReachable() throws {
    let s = try compile(
      persona(
        """
              - id: sad
                match: "* sad *"
                replies: ["Why sad?"]
              - id: sad-mother
                priority: 5
                match: "* sad * {family} *"
                replies: ["Sad about your {2}?"]
        """))
    #expect(s.shadowWarnings().isEmpty)
  }

  @Test func aGatedEarlierRuleShadowsNothing() throws {
    let s = try compile(
      persona(
        """
              - id: sad-late
                match: "* sad *"
                when: "attachment > 15"
                replies: ["Sad again?"]
              - id: sad
                match: "* sad *"
                replies: ["Why sad?"]
        """))
    #expect(s.shadowWarnings().isEmpty)
  }
}
