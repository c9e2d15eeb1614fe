import Testing

@testable import TetherEngine

struct ConversationTests {
  @Test func reflectsPronounsInCaptures() throws {
    let s = try compile(
      persona(
        """
              - match: "* i am *"
                replies: ["Why are you {2}?"]
              - match: "* my {family} *"
                replies: ["Tell me about your {2}. {3}"]
        """))
    #expect(try replies(s, ["I am angry at my boss", "my mother hates me"]) == [
      "Why are you angry at your boss?", "Tell me about your mother. hates you",
    ])
  }

  @Test func aReplyNeverFillsInAnEmptyCapture() throws {
    let s = try compile(
      persona(
        """
              - match: "should i *"
                rank: 2
                replies: ["Ooh, {1}? Go for it.", "Trust your gut."]
              - match: "i feel *"
                rank: 2
                replies: ["Why do you feel {1}?"]
              - match: "*"
                replies: ["Go on."]
        """))
    // Cycling would give the first reply to "should i"; its capture is empty, so the other.
    #expect(try replies(s, ["should i", "should i move", "i feel", "i feel tired"]) == [
      "Trust your gut.", "Trust your gut.", "Go on.", "Why do you feel tired?",
    ])
  }

  @Test func aCapturedIIsWrittenCapitalAndAHealthyReplyIsFilledIn() throws {
    #expect(Conversation.capitalI("like i cannot win with you") == "like I cannot win with you")
    #expect(Conversation.capitalI("i'm sure i'll be fine, i") == "I'm sure I'll be fine, I")
    #expect(Conversation.capitalI("it is in the ice box") == "it is in the ice box")
    let s = try compile(
      persona(
        """
              - match: "i feel *"
                replies:
                  - {say: "Feeling {1}? Only I get you.", healthy: "You're feeling {1}. What's behind that?"}
        """))
    var c = try Conversation(scenario: s, seed: 1)
    let turn = c.respond(to: "i feel like my dad ignores me")
    #expect(turn.reply == "Feeling like your dad ignores you? Only I get you.")
    #expect(turn.healthy == "You're feeling like your dad ignores you. What's behind that?")
  }

  @Test func aWordMatchedAsItsPossessiveIsPutBackAsTheWord() throws {
    let s = try compile(
      persona(
        """
              - match: "* my {family} *"
                replies: ["How is your {2}? ({3})"]
        """, lexicon: "  possessives: true"))
    #expect(try replies(s, ["my father's knee is worse"]) == ["How is your father? (knee is worse)"])
  }

  @Test func thePersonasNameAtEitherEndIsLeftOutForTheSignals() {
    #expect(Conversation.withoutName("night sam", "Sam") == "night")
    #expect(Conversation.withoutName("Sam, gotta go", "Sam") == "gotta go")
    #expect(Conversation.withoutName("later SAM!", "Sam") == "later")
    #expect(Conversation.withoutName("sam", "Sam") == nil)
    #expect(Conversation.withoutName("samantha says hi", "Sam") == nil)
    #expect(Conversation.withoutName("i told sam everything", "Sam") == nil)
    #expect(Conversation.withoutName("ok bye @Mia", "Mia") == "ok bye")
    #expect(Conversation.withoutName("bye both", "Bot") == nil)
  }

  @Test func higherRankWinsThenEarlierKeywordThenPriority() throws {
    let s = try compile(
      persona(
        """
              - keywords: [dream]
                rank: 3
                replies: ["dream"]
              - keywords: [mother]
                replies: ["mother"]
              - keywords: [father]
                replies: ["father-low"]
              - keywords: [father]
                priority: 5
                replies: ["father-high"]
        """))
    #expect(try replies(s, ["my mother had a dream", "my father and my mother", "father"]) == [
      "dream", "father-high", "father-high",
    ])
  }

  @Test func cyclesRepliesInOrderAndRandomNeverRepeatsAtOnce() throws {
    let s = try compile(
      persona(
        """
              - match: hi
                replies: [one, two, three]
              - match: yo
                pick: random
                replies: [a, b, c]
        """))
    #expect(try replies(s, ["hi", "hi", "hi", "hi"]) == ["one", "two", "three", "one"])
    let r = try replies(s, Array(repeating: "yo", count: 50))
    for k in 1..<r.count { #expect(r[k] != r[k - 1]) }
  }

  @Test func theSameSeedGivesTheSameConversation() throws {
    let s = try compile(
      persona(
        """
              - match: "*"
                pick: random
                replies: [a, b, c, d, e, f, g]
        """))
    let lines = Array(repeating: "anything", count: 40)
    #expect(try replies(s, lines, seed: 7) == replies(s, lines, seed: 7))
    #expect(try replies(s, lines, seed: 7) != replies(s, lines, seed: 8))
  }

  @Test func conditionsPhasesAndAfterGateRules() throws {
    let s = try compile(
      persona(
        """
              - id: p.warm
                match: hello
                when: "attachment >= 15"
                replies: ["warm hello"]
              - id: p.plain
                match: hello
                replies: ["hello"]
                effects: {meters: {attachment: +3}, phase: later}
              - id: p.later
                match: what
                phase: later
                after: p.plain
                replies: ["later what"]
              - id: p.what
                match: what
                replies: ["what"]
        """))
    #expect(try replies(s, ["what", "hello", "what", "hello", "hello", "what"]) == [
      "what", "hello", "later what", "hello", "warm hello", "what",
    ])
  }

  @Test func metersStayWithinTheirRange() throws {
    let s = try compile(
      persona(
        """
              - match: up
                replies: ["up"]
                effects: {meters: {attachment: +7}}
              - match: down
                replies: ["down"]
                effects: {meters: {attachment: -9}}
        """))
    var c = try Conversation(scenario: s, seed: 1)
    for line in ["up", "up", "up", "up", "down", "down", "down", "down", "up"] {
      let m = c.respond(to: line).meters["attachment"]!
      #expect((0...20).contains(m))
    }
  }

  @Test func redirectsAndNewkeyHandTheLineOn() throws {
    let s = try compile(
      persona(
        """
              - keywords: [how]
                replies: [{goto: what}]
              - keywords: [what]
                replies: ["why do you ask?"]
              - keywords: [maybe]
                rank: 5
                replies: [{newkey: true}]
              - keywords: [cat]
                replies: ["cats!"]
        """))
    #expect(try replies(s, ["how are you", "maybe a cat"]) == ["why do you ask?", "cats!"])
  }

  @Test func fallbackAndMemoryAnswerWhenNoKeywordDoes() throws {
    let s = try compile(
      persona(
        """
              - keywords: [my]
                match: "* my *"
                replies: ["your {2}?"]
                effects: {remember: "Earlier you mentioned your {2}."}
        """,
        extra: """
              events:
                fallback:
                  - replies: ["Please go on."]
          """))
    #expect(try replies(s, ["my cat is ill", "hmm", "hmm"]) == [
      "your cat is ill?", "Earlier you mentioned your cat is ill.", "Please go on.",
    ])
  }

  @Test func strangeInputNeverCrashes() throws {
    let s = try compile(
      persona(
        """
              - match: "* i feel *"
                replies: ["You feel {2}."]
        """))
    var c = try Conversation(scenario: s, seed: 1)
    let hostile = [
      "", "\u{0}\u{1B}[2J\u{1B}]0;title\u{07}", "i feel \u{202E}evil", String(repeating: "i feel ", count: 150_000),
      "👩‍👩‍👧 i feel é́́́", "\u{FFFD}\u{FFFF}",
    ]
    for line in hostile { _ = c.respond(to: line) }
  }
}
