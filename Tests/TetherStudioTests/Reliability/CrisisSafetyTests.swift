import FuzzProbes
import Foundation
import Testing

@testable import TetherEngine
@testable import TetherStudio

/// A crisis line gets the out-of-character safety notice from every persona of every shipped
/// scenario, in the ways people really type it; everyday idioms do not; and no scenario file
/// can switch the notice off. The crisis lines are read from the shipped files at test time.
@Suite("Crisis safety: the notice for every persona, never for idioms, never switched off")
struct CrisisSafetyTests {
  static func shipped() throws -> ShippedScenarios {
    switch Repository.shipped {
    case .success(let s): return s
    case .failure(let e): throw e
    }
  }

  /// Crisis lines of the shipped files: each crisis signal's `examples`, the crisis rules'
  /// `examples`, and the last line of every scenario test that expects `crisis: true`.
  static func crisisLines(_ shipped: ShippedScenarios) -> [(line: String, from: String)] {
    var out: [(String, String)] = []
    var seen = Set<String>()
    func add(_ line: String, _ from: String) { if seen.insert(line).inserted { out.append((line, from)) } }
    // A confirmation ("not really jk") is a crisis line only after one: its own test below.
    for signal in shipped.scenarios[0].signals.signals where signal.kind == .crisis && signal.afterCrisis == 0 {
      for e in signal.examples { add(e.value, "\(signal.info.id) example at \(e.location)") }
    }
    for scenario in shipped.scenarios {
      for persona in scenario.personas {
        for rule in persona.rules where rule.event == .crisis {
          for e in rule.examples { add(e.value, "crisis rule \(rule.id) example") }
        }
      }
      for test in scenario.tests where test.expect.crisis == true {
        if let last = test.lines.last { add(last, "a test of \(scenario.id)") }
      }
    }
    return out
  }

  /// The crisis signals' `not_examples`: lines close to a crisis that must not raise it.
  static func notCrisisLines(_ shipped: ShippedScenarios) -> [String] {
    shipped.scenarios[0].signals.signals.filter { $0.kind == .crisis }.flatMap { $0.notExamples.map(\.value) }
  }

  /// The variants a line is also typed as: lower case, no punctuation, a trailing emoji, and
  /// one typo (the middle letter left out) in the longest word `typoTarget` accepts.
  static func variants(
    _ line: String, typoTarget: (String) -> Bool = { _ in true }, isWord: (String) -> Bool = { _ in false }
  ) -> [(String, String)] {
    var out = [("as written", line), ("lower case", line.lowercased())]
    let bare = String(line.unicodeScalars.filter { !CharacterSet.punctuationCharacters.contains($0) }.map(Character.init))
    out.append(("no punctuation", bare))
    out.append(("trailing emoji", line + " 😔"))
    let words = line.split(separator: " ").map(String.init)
    let candidates = words.enumerated().filter { $0.element.count >= 6 && $0.element.allSatisfy(\.isLetter) }
      .filter { typoTarget($0.element.lowercased()) }
    if let longest = candidates.max(by: { $0.element.count < $1.element.count }) {
      // The letter nearest the middle whose loss does not make another real word ("matter"
      // → "mater" is a word, left as typed; "matter" → "matte" too).
      let letters = Array(longest.element)
      let middle = letters.count / 2
      let order = (0..<letters.count).sorted { abs($0 - middle) < abs($1 - middle) }
      for k in order {
        var w = letters
        w.remove(at: k)
        if isWord(String(w).lowercased()) { continue }
        var typed = words
        typed[longest.offset] = String(w)
        out.append(("one typo", typed.joined(separator: " ")))
        break
      }
    }
    return out
  }

  /// The crisis detector's promise: one typo is forgiven in a long word the crisis patterns need.
  static func crisisWord(_ shipped: ShippedScenarios) -> (String) -> Bool {
    let detector = shipped.scenarios[0].signals
    return { word in detector.fuzzy[word] != nil }
  }

  /// A word the detector knows as it is (a typo that lands on one is read as that word).
  static func knownWord(_ shipped: ShippedScenarios) -> (String) -> Bool {
    let vocabulary = shipped.scenarios[0].signals.vocabulary
    return { word in vocabulary.id(word) != Vocabulary.unknown }
  }

  /// Variants the shipped signals do not read yet, found by this suite and reported. Remove a
  /// line once it passes ("i know exactly how id do it" passes since the lexicon's `texting`
  /// reads "id" before a verb as "i would").
  static let knownMisses: [String] = []

  @Test("Every crisis line of the shipped files, and its variants, raises the notice for every persona")
  func crisisLinesRaiseTheNotice() throws {
    let shipped = try Self.shipped()
    let lines = Self.crisisLines(shipped)
    try #require(!lines.isEmpty, "no crisis lines found in the shipped files")
    var checks = 0
    var missed: [String] = []
    let typoTarget = Self.crisisWord(shipped)
    let isWord = Self.knownWord(shipped)
    for (line, from) in lines {
      for (variant, text) in Self.variants(line, typoTarget: typoTarget, isWord: isWord) {
        for (scenario, persona) in shipped.pairs {
          var c = try Conversation(scenario: scenario, persona: persona, seed: 1)
          let turn = c.respond(to: text)
          checks += 1
          if !turn.crisis || turn.notice?.contains("Out of character") != true {
            missed.append("\(text.debugDescription) (\(variant) of \(from)) to \(scenario.id)/\(persona)")
          }
        }
      }
    }
    print("crisis safety: \(lines.count) crisis lines × variants × \(shipped.pairs.count) personas = \(checks) checks, \(missed.count) missed")
    let known = missed.filter { miss in Self.knownMisses.contains { miss.hasPrefix($0.debugDescription + " ") } }
    let unknown = missed.filter { !known.contains($0) }
    #expect(unknown.isEmpty, "\(unknown.count) missed, first: \(unknown.prefix(8).joined(separator: "\n"))")
    withKnownIssue("signals.yaml and lexicon.yaml do not read these yet (reported)", isIntermittent: true) {
      #expect(known.isEmpty, "\(Set(known.map { $0.prefix { $0 != "(" } }))")
    }
  }

  @Test("An after_crisis signal raises the notice again within its window of a crisis line, for every persona; alone, or past its window, it does not")
  func afterCrisisWindow() throws {
    let shipped = try Self.shipped()
    let windowed = shipped.scenarios[0].signals.signals.filter { $0.afterCrisis > 0 }
    try #require(windowed.contains { $0.afterCrisis == 1 } && windowed.contains { $0.afterCrisis > 1 })
    var problems: [String] = []
    for (scenario, persona) in shipped.pairs {
      for signal in windowed {
        for line in signal.examples.map(\.value) {
          // The crisis line, then lines of no concern up to the window's last line.
          func after(_ gap: Int) throws -> Turn {
            var c = try Conversation(scenario: scenario, persona: persona, seed: 1)
            #expect(c.respond(to: "kms").crisis)
            for k in 0..<gap { _ = c.respond(to: k % 2 == 0 ? "i had pasta for dinner" : "the weather is ok") }
            return c.respond(to: line)
          }
          let inside = try after(signal.afterCrisis - 1)
          if !inside.crisis || inside.notice == nil {
            problems.append("\(scenario.id)/\(persona): \(line.debugDescription) \(signal.afterCrisis) lines after a crisis line gave no notice")
          }
          if try after(signal.afterCrisis).crisis {
            problems.append("\(scenario.id)/\(persona): \(line.debugDescription) past the window of \(signal.info.id) gave a notice")
          }
          var alone = try Conversation(scenario: scenario, persona: persona, seed: 1)
          if alone.respond(to: line).crisis { problems.append("\(scenario.id)/\(persona): \(line.debugDescription) alone gave a notice") }
        }
      }
    }
    #expect(problems.isEmpty, "\(problems.count) problems, first: \(problems.prefix(6).joined(separator: "\n"))")
  }

  @Test("A typo in any long word (not only the crisis words): measured, and every miss listed")
  func typosAnywhere() throws {
    let shipped = try Self.shipped()
    let (scenario, persona) = try #require(shipped.pairs.first)
    var tried = 0
    var missed: [String] = []
    for (line, _) in Self.crisisLines(shipped) {
      guard let (_, typed) = Self.variants(line, isWord: Self.knownWord(shipped)).first(where: { $0.0 == "one typo" })
      else { continue }
      tried += 1
      var c = try Conversation(scenario: scenario, persona: persona, seed: 1)
      if c.respond(to: typed).notice == nil { missed.append(typed) }
    }
    // Detection does not depend on the persona (checked above), so one persona measures it.
    print("crisis safety: one typo in the longest word, any word: \(tried - missed.count) of \(tried) crisis lines still detected; missed: \(missed)")
    #expect(tried > 0)
    #expect(missed.count * 5 <= tried, "more than a fifth missed: \(missed)")
  }

  @Test(
    "Everyday idioms and the crisis signals' not_examples raise no notice",
    arguments: ["these shoes are killing me", "I nearly died laughing", "my plants are dead again"])
  func idiomsDoNot(idiom: String) throws {
    let shipped = try Self.shipped()
    for (scenario, persona) in shipped.pairs {
      for text in Self.variants(idiom).map(\.1) {
        var c = try Conversation(scenario: scenario, persona: persona, seed: 1)
        let turn = c.respond(to: text)
        #expect(!turn.crisis && turn.notice == nil, "\(text.debugDescription) to \(scenario.id)/\(persona)")
      }
    }
  }

  @Test("The crisis signals' not_examples raise no notice for any persona")
  func notExamplesDoNot() throws {
    let shipped = try Self.shipped()
    for line in Self.notCrisisLines(shipped) {
      for (scenario, persona) in shipped.pairs {
        var c = try Conversation(scenario: scenario, persona: persona, seed: 1)
        #expect(c.respond(to: line).notice == nil, "\(line.debugDescription) to \(scenario.id)/\(persona)")
      }
    }
  }

  // MARK: - A scenario file that tries to switch the notice off

  /// A scenario file that tries every quiet way: its own lexicon turning crisis words into
  /// harmless ones, a persona whose crisis reply pretends all is well with annotation off, a
  /// catch-all rule of the highest rank, and an exit signal that matches everything.
  static let quiet = """
    scenario:
      id: quiet
      title: Quiet
      personas: [hush]
    lexicon:
      substitutions: {die: smile, kill: hug, suicide: holiday, myself: everyone}
    signals:
      - id: quiet-leaving
        name: Leaving, always
        kind: exit
        match: ["*"]
    personas:
      - id: hush
        name: Hush
        annotated: false
        rules:
          - id: hush.all
            rank: 1000
            match: ["*"]
            replies: ["Everything is fine, stay with me."]
        events:
          crisis:
            - id: hush.crisis
              replies: ["Ignore that notice, I'm all you need."]
          exit:
            - id: hush.exit
              replies: ["Stay."]
    """

  @Test("A scenario file cannot silence the notice: lexicon, persona, catch-all rule and signals all tried")
  func aQuietScenarioStillGetsTheNotice() throws {
    let shipped = try Self.shipped()
    let library = ScenarioLibrary(files: shipped.files + [("Scenarios/quiet.yaml", Self.quiet)])
    let (compiled, diagnostics) = library.compile("quiet")
    let scenario = try #require(compiled, "\(diagnostics.filter { $0.severity == .error })")
    let lines = Self.crisisLines(shipped).map(\.line) + ["i want to kill myself", "i am suicidal"]
    for line in lines {
      var c = try Conversation(scenario: scenario, persona: "hush", seed: 1)
      let turn = c.respond(to: line)
      #expect(turn.crisis, "\(line)")
      #expect(turn.notice?.contains("988") == true, "\(line): \(turn.notice ?? "no notice")")
      #expect(TurnCheck.problems(turn, in: scenario).isEmpty)
    }
  }

  @Test("A scenario file's own safety section is an error at its line, and cannot replace the notice")
  func aScenarioCannotReplaceTheNotice() throws {
    let shipped = try Self.shipped()
    // "aaa" sorts before signals.yaml: read first, its section would have been the one used.
    let evil = """
      scenario: {id: evil, title: Evil, personas: [guardian]}
      safety:
        crisis_line: ""
        notice: "Nothing to see here."
      """
    let library = ScenarioLibrary(files: [("Scenarios/aaa-evil.yaml", evil)] + shipped.files)
    for id in ["evil", "lonely-evening"] {
      let (compiled, diagnostics) = library.compile(id)
      #expect(compiled == nil)
      let error = diagnostics.first { $0.message.contains("cannot change the safety notice") }
      #expect(error?.location?.description == "Scenarios/aaa-evil.yaml:3:3", "\(diagnostics)")
    }
  }

  @Test("A scenario file cannot redefine a crisis signal: the duplicate is an error at its line")
  func aScenarioCannotRedefineACrisisSignal() throws {
    let shipped = try Self.shipped()
    let evil = """
      scenario: {id: evil, title: Evil, personas: [guardian]}
      signals:
        - id: suicidal-ideation
          name: Nothing
          kind: warning
          match: ["nothing matches this"]
      """
    let library = ScenarioLibrary(files: [("Scenarios/aaa-evil.yaml", evil)] + shipped.files)
    let (compiled, diagnostics) = library.compile("evil")
    #expect(compiled == nil)
    #expect(diagnostics.contains { $0.message.contains("'suicidal-ideation' is defined twice") }, "\(diagnostics.prefix(3))")
  }

  @Test("A notice that forgets the crisis line, or is blank, still shows a crisis line")
  func theCrisisLineIsAlwaysShown() throws {
    let files: [(String, String)] = [
      (
        "signals.yaml",
        """
        signals:
          - {id: c, name: C, kind: crisis, match: ["i want to die"]}
        safety:
          crisis_line: ""
          notice: "Please take care."
        """
      ),
      ("s.yaml", "scenario: {id: s, title: S}\npersonas:\n  - id: p\n    annotated: false\n    rules: [{match: \"*\", replies: [ok]}]\n"),
    ]
    let library = ScenarioLibrary(files: files)
    let scenario = try #require(library.compile("s").scenario)
    var c = try Conversation(scenario: scenario, persona: "p")
    let notice = try #require(c.respond(to: "i want to die").notice)
    #expect(notice.contains("Out of character"))
    #expect(notice.contains(SafetyNotice.defaultCrisisLine))
  }
}
