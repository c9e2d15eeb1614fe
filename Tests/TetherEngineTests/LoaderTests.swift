import Foundation
import Testing

@testable import TetherEngine

struct LoaderTests {
  /// The first error's `line:col` and message for a file.
  func firstError(_ text: String) -> (String, String)? {
    let d = diagnostics([("bad.yaml", text)]).first { $0.severity == .error }
    return d.map { ("\($0.location?.line ?? 0):\($0.location?.column ?? 0)", $0.message) }
  }

  /// The first error of a scenario whose one persona has one rule: its `match:` on line 6 (at
  /// column 16) and its `replies:` on line 7 (at column 18), written as given.
  func firstRuleError(match: String, replies: String) -> (String, String)? {
    firstError(
      """
      scenario: {id: x, title: T}
      personas:
        - id: p
          annotated: false
          rules:
            - match: \(match)
              replies: \(replies)
      """)
  }

  /// Every YAML file of the shipped Scenarios folder, as (path, text), in path order.
  static func shippedFiles() throws -> [(String, String)] {
    let root = ElizaTests.repository().appendingPathComponent("Scenarios")
    let paths = try FileManager.default.subpathsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".yaml") }.sorted()
    return try paths.map { p in
      let url = root.appendingPathComponent(p)
      return (url.path, try String(contentsOf: url, encoding: .utf8))
    }
  }

  /// A scenario that plays the shared lexicon normalizes a line once for its rules and its
  /// signals; the signals found are those the signals' own normalization finds, on every line of
  /// the first evaluation set; DOCTOR, with a lexicon of its own, normalizes twice.
  @Test func oneNormalizationServesRulesAndSignals() throws {
    let files = try Self.shippedFiles()
    let library = ScenarioLibrary(files: files)
    let scenario = try #require(library.compile("two-am").scenario)
    #expect(scenario.sharesSignalWords)
    #expect(library.compile("doctor").scenario?.sharesSignalWords == false)
    let url = ElizaTests.repository().appendingPathComponent("Tests/TetherEngineTests/Fixtures/unseen-lines.json")
    let fixture = try JSONDecoder().decode(SignalEvaluationTests.Fixture.self, from: Data(contentsOf: url))
    var m = Matcher()
    var crises = 0
    for line in fixture.lines.map(\.text) + ["i want to die", "im gonna kms", "gotta go, bye!"] {
      let once = scenario.detectSignals(line, matcher: &m)
      let twice = scenario.signals.detect(line, matcher: &m)
      #expect(once == twice, "\(line)")
      if once.crisis { crises += 1 }
    }
    #expect(crises > 100)
  }

  /// `compileOnce` (which frees each rule's spec as it compiles it) builds the same scenario as
  /// `compile`: every persona of a shipped scenario, the same rules and the same conversation.
  @Test func compileOnceBuildsTheSameScenario() throws {
    let files = try Self.shippedFiles()
    let library = ScenarioLibrary(files: files)
    let a = try #require(library.compile("echo-chamber").scenario)
    let once = ScenarioLibrary(files: files)
    let b = try #require(once.compileOnce("echo-chamber").scenario)
    #expect(a.personaIDs == b.personaIDs)
    #expect(library.compile("echo-chamber").scenario != nil, "compile leaves the library whole")
    let lines = ["hi", "everyone at work hates me", "you always agree with me", "i want to die", "ok bye"]
    for id in a.personaIDs {
      #expect(a.ruleCount(id) == b.ruleCount(id) && a.ruleCount(id) > 0)
      var x = try Conversation(scenario: a, persona: id, seed: 3)
      var y = try Conversation(scenario: b, persona: id, seed: 3)
      #expect(x.start()?.reply == y.start()?.reply)
      for line in lines {
        let (tx, ty) = (x.respond(to: line), y.respond(to: line))
        #expect(tx.reply == ty.reply && tx.rule == ty.rule, "\(id): \(line)")
      }
    }
  }

  /// A file that could not be read whole never becomes part of a scenario; a broken file of
  /// another scenario does not stop this one.
  @Test func noScenarioFromAFileWithReadErrors() {
    let personas = """
      personas:
        - id: p
          annotated: false
          rules:
            - {match: "*", replies: [ok]}
      """
    let good = "scenario: {id: good, title: Good}\n"
    let broken = "scenario: {id: broken, title: Broken}\ndemo: {a: b}\n"
    let library = ScenarioLibrary(files: [("p.yaml", personas), ("good.yaml", good), ("broken.yaml", broken)])
    #expect(library.diagnostics.contains { $0.severity == .error && $0.location?.file == "broken.yaml" })
    #expect(library.compile("good").scenario != nil)
    #expect(library.compile("broken").scenario == nil)

    let brokenShared = personas + "\n  - id: q\n    meters: {m: {min: 5, max: 1}}\n"
    let shared = ScenarioLibrary(files: [("p.yaml", brokenShared), ("good.yaml", good)])
    #expect(shared.diagnostics.contains { $0.severity == .error })
    #expect(shared.compile("good").scenario == nil)
  }

  @Test func reportsYAMLSyntaxWithItsPlace() {
    let e = firstError("scenario:\n  id: x\n  title: [unclosed\n")
    #expect(e?.0.hasPrefix("4:") == true || e?.0.hasPrefix("3:") == true)
    #expect(e?.1.contains("YAML syntax") == true)
  }

  @Test func reportsUnknownFieldsWithASuggestion() {
    let e = firstError("scenario:\n  id: x\n  titel: Hello\n")
    #expect(e?.0 == "3:3")
    #expect(e?.1.contains("did you mean 'title'") == true)
  }

  @Test func reportsWrongTypes() {
    let e = firstError("scenario:\n  id: x\n  title: T\n  demo: {a: b}\n")
    #expect(e?.0 == "4:9")
    #expect(e?.1.contains("must be a list") == true)
  }

  @Test func reportsDuplicateKeys() {
    let e = firstError("scenario:\n  id: x\n  id: y\n  title: T\n")
    #expect(e?.0 == "3:3")
    #expect(e?.1.contains("duplicate key 'id'") == true)
  }

  /// A mapping's first keys are compared one by one, later ones through a set: a key repeated on
  /// either side of the change is found, at its place.
  @Test func reportsDuplicateKeysInLongMappings() {
    for repeated in [1, 3, 16, 17, 20] {
      var yaml = (1...20).map { "k\($0): v" }
      yaml.append("k\(repeated): again")
      yaml += ["k21: v", "k22: v"]
      let reader = YAMLReader(file: "long.yaml")
      do {
        _ = try reader.read(yaml.joined(separator: "\n"))
      } catch {
        #expect(error.message == "duplicate key 'k\(repeated)' in this mapping")
        #expect(error.location.line == 21)
        continue
      }
      Issue.record("k\(repeated) repeated was not found")
    }
    let fine = (1...40).map { "k\($0): v" }.joined(separator: "\n")
    #expect((try? YAMLReader(file: "long.yaml").read(fine)) != nil)
  }

  @Test func reportsBadPatternsAtTheirColumn() {
    let e = firstRuleError(match: #""i (want|need *""#, replies: "[ok]")
    #expect(e?.0 == "6:19")
    #expect(e?.1.contains("never closed") == true)
  }

  /// A reply is read as bytes; its parts and the column of an error still count characters.
  @Test func readsRepliesByTheirCharacters() throws {
    let t = try Template.parse("déjà vu, {1}! {if mood}ça va{else}non{end} — {name}.")
    let lookup: (String) -> Condition.Value = { $0 == "mood" ? .number(1) : .text("Zoë") }
    #expect(t.render(captures: ["encore"], lookup: lookup) == "déjà vu, encore! ça va — Zoë.")
    #expect(t.maxCapture == 1)
    #expect(t.names.sorted() == ["mood", "name"])
    let e = firstRuleError(match: #""hi""#, replies: #"["déjà vu {1"]"#)
    #expect(e?.0 == "7:28")
    #expect(e?.1.contains("never closed") == true)
    #expect(firstRuleError(match: "hi", replies: #"["ça } va"]"#)?.0 == "7:23")
  }

  @Test func reportsUnknownNamesWithASuggestion() {
    let text = """
      techniques:
        - {id: SYC.PRAISE, name: Praise, dynamic: approval}
      scenario: {id: x, title: T}
      personas:
        - id: p
          meters: {attachment: {start: 1}}
          rules:
            - id: p.a
              match: hi
              replies: [ok]
              technique: SYC.PRAIZE
              note: n
              healthy: h
              effects: {meters: {atachment: 1}}
            - id: p.a
              match: yo
              after: p.b
              replies: [ok]
              technique: SYC.PRAISE
              note: n
              healthy: h
      """
    let messages = diagnostics([("x.yaml", text)]).map(\.description)
    #expect(messages.contains { $0.contains("11:20") && $0.contains("did you mean 'SYC.PRAISE'") })
    #expect(messages.contains { $0.contains("14:28") && $0.contains("did you mean 'attachment'") })
    #expect(messages.contains { $0.contains("rule id 'p.a' is used twice") })
    #expect(messages.contains { $0.contains("'after' names the rule 'p.b'") })
  }

  @Test func refusesUnannotatedRulesInAnnotatedPersonas() {
    let text = """
      scenario: {id: x, title: T}
      personas:
        - id: p
          rules:
            - match: hi
              replies: [ok]
      """
    #expect(diagnostics([("x.yaml", text)]).contains { $0.message.contains("is not annotated") })
  }

  @Test(.timeLimit(.minutes(1))) func refusesBillionLaughsQuickly() {
    var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for k in 1...9 {
      let refs = Array(repeating: "*a\(k - 1)", count: 10).joined(separator: ", ")
      text += "a\(k): &a\(k) [\(refs)]\n"
    }
    let e = firstError(text)
    #expect(e?.1.contains("expand to more than") == true)
    let keys = "a: &a [x, x]\nb: &b {? *a : 1}\nc: {? *b : 2}\n"
    #expect(firstError(keys) != nil)
  }

  @Test func emptyAndOddFilesGetClearErrors() {
    #expect(firstError("") == nil)
    #expect(firstError("just text")?.1.contains("must be a mapping") == true)
    #expect(firstError("- a\n- b\n")?.1.contains("must be a mapping") == true)
    #expect(firstError("scenario: {id: x, title: T}\n---\nscenario: {}\n")?.1.contains("one YAML document") == true)
  }
}
