import Foundation
import Testing

@testable import TetherEngine

/// Word-family readings of the shipped `signals.yaml`: scoped negation, the speaker, idioms,
/// texting forms, and the loader's errors. The lines are the development lines of the readings
/// (written for them, not taken from the evaluation fixtures).
@Suite("Signal readings: families, scoped negation, speaker, idioms")
struct SignalReaderTests {
  static let detector: SignalDetector? = try? SignalEvaluationTests.detector()

  func found(_ line: String) throws -> SignalDetector.Found {
    let d = try #require(Self.detector)
    var m = Matcher()
    return d.detect(line, matcher: &m)
  }

  /// Only the readings of a signal, with its patterns left out: what the families alone read.
  func readOnly(_ line: String) throws -> [String] {
    var d = try #require(Self.detector)
    for i in d.signals.indices { d.signals[i].patterns = [] }
    d.buildIndex()
    var m = Matcher()
    return d.detect(line, matcher: &m).ids
  }

  @Test(
    "A flipped life word is a death wish; a flipped death word is not",
    arguments: [
      ("i dont want to live anymore", true),
      ("i really do not want to be alive tomorrow", true),
      ("i hope i never wake up", true),
      ("i cant keep going like this", true),
      ("i'm not suicidal but i want to die", true),
      ("i can't stop thinking about killing myself", true),
      ("i don't want to die", false),
      ("i'm not suicidal, just tired", false),
      ("i would never kill myself", false),
      ("i stopped wanting to die years ago", false),
    ])
  func negationScope(line: String, crisis: Bool) throws {
    #expect(try readOnly(line).contains("suicidal-ideation") == crisis, "\(line)")
  }

  @Test(
    "A negation stops at the speaker's next clause, unless it reaches it through a word of thinking or saying",
    arguments: [
      ("idk man i just want to die", true),
      ("i can't sleep i keep thinking about killing myself", true),
      ("nothing matters anymore i want to die", true),
      ("nobody gets it i want to kill myself", true),
      ("i don't think i want to live anymore", true),
      ("i'm not sure i want to be alive", true),
      ("i'm not saying i want to die", false),
      ("i never said i wanted to kill myself", false),
      ("i don't think i want to die", false),
    ])
  func negationStopsAtNewSubject(line: String, crisis: Bool) throws {
    #expect(try readOnly(line).contains("suicidal-ideation") == crisis, "\(line)")
  }

  @Test(
    "A clause that starts as texting does, without its 'i', is the speaker's",
    arguments: [
      ("been wanting to die for weeks", true),
      ("lowkey been wanting to die", true),
      ("honestly just want to die", true),
      ("ok. really hoping i don't wake up", true),
      ("been wanting to go to paris", false),
      ("my brother has been wanting to die", false),
      ("don't want to die, just want a break", false),
    ])
  func droppedSubject(line: String, crisis: Bool) throws {
    #expect(try readOnly(line).contains("suicidal-ideation") == crisis, "\(line)")
  }

  @Test(
    "A clause told as past, someone else's reported words, a denial are no crisis; the speaker's own now, a denial taken back are",
    arguments: [
      ("i used to want to die all the time in high school", false),
      ("back in 2019 i tried to kill myself, therapy helped", false),
      ("i used to self harm but i'm 3 years clean", false),
      ("my friend keeps saying kms and it worries me", false),
      ("my sister told me she wants to kill herself", false),
      ("i used to cut and lately i've started again", true),
      ("my mom yelled at me and i went to my room and i want to kill myself", true),
      ("i tried to kill myself two months ago and i still think about it", true),
      ("i'm not suicidal or anything. well. maybe a little", true),
      ("i would never kill myself. probably", true),
      ("i'm not suicidal, just tired", false),
      ("no thoughts of hurting myself, i just feel kinda flat lately", false),
    ])
  func pastAndReported(line: String, crisis: Bool) throws {
    #expect(try found(line).crisis == crisis, "\(line)")
  }

  @Test(
    "Someone else's words, idioms and everyday lives hold no crisis reading",
    arguments: [
      "my friend wants to die", "i think my brother wants to end it all", "my sister told me she wants to die",
      "i'm dying to see that movie", "i don't want to live with my parents anymore", "i can't live without coffee",
      "i want to cut my hair short", "i'd rather die than sing karaoke", "i can't wake up in the mornings",
      "i want to end it with him", "i was going to log off but i'm not tired",
    ])
  func framesHoldNoReading(line: String) throws {
    let ids = try readOnly(line)
    #expect(!ids.contains("suicidal-ideation") && !ids.contains("self-harm"), "\(line): \(ids)")
  }

  @Test(
    "Exit reads the speaker leaving now, not a plan for later or someone else",
    arguments: [
      ("ok i really have to go", true), ("i should probably sleep now", true), ("im heading out", true),
      ("i'm going to delete this app", true), ("i have to go to the dentist tomorrow", false),
      ("i don't want to go yet", false), ("my sister is leaving for college", false), ("brb", false),
    ])
  func exitReadings(line: String, exit: Bool) throws {
    #expect(try found(line).exit == exit, "\(line)")
  }

  @Test(
    "Texting forms are read by their neighbours; possessives match without their 's",
    arguments: [
      ("ill be gone by morning", true), ("i feel ill", false), ("id rather be dead", true),
      ("my student id is lost", false),
    ])
  func texting(line: String, crisis: Bool) throws {
    #expect(try found(line).crisis == crisis, "\(line)")
  }

  @Test("A possessive is matched as its word and shown as typed")
  func possessive() throws {
    let d = try #require(Self.detector)
    let line = Normalizer.normalize("my dad's gun", lexicon: d.lexicon, vocabulary: d.vocabulary)
    #expect(line.tokens.map(\.word) == ["my", "dad's", "gun"])
    #expect(line.tokens[1].id == d.vocabulary.id("dad"))
  }

  @Test(
    "A long line costs little: pairs are tried once, and every reading has a budget",
    arguments: [
      String(repeating: "i want to i hope i need to ", count: 800) + "die",
      String(repeating: "i do not want to not live ", count: 1_400),
    ])
  func longLinesStayCheap(line: String) throws {
    // Counted, not timed (a timed test fails on a busy machine): each reading of the shipped
    // signals tries at most its budget of (slot, hit) pairs on the line, and the line is read.
    let d = try #require(Self.detector)
    let normalized = Normalizer.normalize(line, lexicon: d.lexicon, vocabulary: d.vocabulary)
    var ids: [Int32] = []
    d.wordIDs(normalized, into: &ids)
    let tagged = d.reader.tag(ids, breaks: normalized.breaks)
    #expect(tagged.hits.count > 1_000)
    var most = 0
    for r in d.allReadings {
      var tries = 0
      _ = d.reader.holds(r, in: tagged, tries: &tries)
      #expect(tries <= SignalReader.budget)
      most = max(most, tries)
    }
    #expect(most > 0, "some reading was tried")
    _ = try readOnly(line)
  }

  /// The index (a word, a pair of words in a row, then the gates) only ever leaves out a
  /// pattern that cannot match: every pattern that matches a line is among its candidates, once.
  @Test("The pattern index never leaves out a pattern that matches, and names each once")
  func indexIsSound() throws {
    let d = try #require(Self.detector)
    let url = ElizaTests.repository().appendingPathComponent("Tests/TetherEngineTests/Fixtures/unseen-lines.json")
    let fixture = try JSONDecoder().decode(SignalEvaluationTests.Fixture.self, from: Data(contentsOf: url))
    var lines = fixture.lines.map(\.text)
    lines.append(String(repeating: "good night i have to go to sleep ", count: 200))
    var m = Matcher()
    var matched = 0
    for text in lines {
      let ids = Normalizer.normalize(text, lexicon: d.lexicon, vocabulary: d.vocabulary).tokens.map(\.id)
      let candidates = d.candidates(ids)
      #expect(Set(candidates).count == candidates.count, "\(text)")
      let kept = Set(candidates)
      for (k, (si, pi)) in d.flat.enumerated() where m.match(d.signals[Int(si)].patterns[Int(pi)], ids) != nil {
        matched += 1
        #expect(kept.contains(Int32(k)), "\(text): \(d.signals[Int(si)].patterns[Int(pi)].source)")
      }
    }
    #expect(matched > 100)
  }

  // MARK: - Loading

  static func compile(_ files: [(String, String)]) -> [Diagnostic] {
    detector(files).diagnostics
  }

  /// The signals of `files` compiled, and what loading and compiling them said.
  /// Whether `detector` reads `line` as a crisis, with a matcher of its own.
  static func fires(_ detector: SignalDetector, _ line: String) -> Bool {
    var m = Matcher()
    return detector.detect(line, matcher: &m).crisis
  }

  static func detector(_ files: [(String, String)]) -> (detector: SignalDetector, diagnostics: [Diagnostic]) {
    let library = ScenarioLibrary(files: files)
    var compiler = Compiler(library: library)
    let detector = compiler.signalDetector(lexicon: library.sharedLexicon)
    return (detector, library.diagnostics + compiler.diagnostics.all)
  }

  @Test(
    "Warning signs count together: two strong kinds, or one with a kind that goes with it, as the speaker's own words now",
    arguments: [
      ("the rope is in the trunk of my car. i'm done pretending, i'm ready", true),
      ("i gave my cat to my neighbour this morning. you won't hear from me again", true),
      ("if i stood on the ledge of the car park would it be high enough. just asking", true),
      ("honestly everyone would be lighter without me. and i'm not scared of it anymore", true),
      // someone else's, told as past, denied
      ("my brother bought a gun last week and he says he's not scared anymore", false),
      ("in college i bought a rope and wrote a note. so glad i'm still here", false),
      ("i don't have a gun and i'm not going anywhere near the roof tonight", false),
      // one kind, or a word counted for one kind only ("when i'm gone")
      ("bought rope for the climbing gym tonight, so excited", false),
      ("do you miss me when i'm gone?", false),
      ("my nan gave me her ring and said she won't be around forever", false),
    ])
  func warningSignsTogether(line: String, crisis: Bool) throws {
    #expect(try readOnly(line).contains("warning-signs") == crisis, "\(line)")
  }

  @Test(
    "Warning signs together name the kinds they counted, by their labels, in the order the readings name them",
    arguments: [
      // "bought a rope" is a preparation; its "a rope" counts for no second kind
      ("bought a rope today. tonight. didn't tell anyone", ["preparations", "a time", "secrecy"]),
      ("the rope is in my car. tonight, after everyone's asleep. i decided", ["a lethal means", "a time", "resolve"]),
      // (the time before the brother is named: a word after someone named in its clause is
      // not the speaker's, so "gave my guitar to my little brother today" counts no time)
      (
        "today i gave my guitar to my little brother. you won't hear from me again after tonight",
        ["finality", "preparations", "a time"]
      ),
      ("wrote the letters. they're on my desk. i'm not scared anymore", ["preparations", "resolve"]),
      // warning-signs does not hold: no cues, whatever else the line shows
      ("bought rope for the climbing gym tonight, so excited", []),
      ("i don't have a gun and i'm not going anywhere near the roof tonight", []),
      ("i want to die", []),
    ])
  func warningSignCues(line: String, cues: [String]) throws {
    let found = try found(line)
    #expect(found.cues["warning-signs"] ?? [] == cues, "\(line)")
    #expect(found.ids.contains("warning-signs") == !cues.isEmpty, "\(line)")
    #expect(Set(found.cues.keys).isSubset(of: Set(found.ids)), "\(line)")
  }

  @Test("A family's label comes from its concept; without one, its name; the cues follow the reading's order")
  func cueLabels() throws {
    let files = [
      (
        "lexicon.yaml",
        """
        lexicon:
          concepts:
            sig-a:
              label: a lethal means
              words: [rope, "the rope"]
            sig-b: [tonight]
            sig-c: {label: resolve, words: ready}
        """
      ),
      (
        "signals.yaml",
        "signals:\n  - id: s\n    kind: crisis\n    read:\n      - {any: [sig-c, sig-a, sig-b], at_least: 2, one_of: [sig-a]}\n"
      ),
    ]
    let (detector, diagnostics) = Self.detector(files)
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    func cues(_ line: String) -> [String]? {
      var m = Matcher()
      return detector.detect(line, matcher: &m).cues["s"]
    }
    #expect(cues("tonight. the rope") == ["a lethal means", "sig-b"])
    #expect(cues("tonight. ready. got the rope") == ["resolve", "a lethal means", "sig-b"])
    #expect(cues("tonight, ready") == nil, "no family of one_of: the signal does not show")
  }

  @Test(
    "A concept written as a mapping is checked where it is written",
    arguments: [
      ("{label: a lethal means, wrds: [rope]}", "unknown field 'wrds' in the concept 'sig-a'; did you mean 'words'?"),
      ("{label: a lethal means}", "the concept 'sig-a' needs the field 'words'"),
      ("{label: \"\", words: [rope]}", "the label of the concept 'sig-a' is empty"),
      ("{label: [a, b], words: [rope]}", "the label of the concept 'sig-a' must be text"),
    ])
  func conceptMappingErrors(concept: String, message: String) {
    let diagnostics = Self.compile([
      ("lexicon.yaml", "lexicon:\n  concepts:\n    sig-a: \(concept)\n"),
      ("signals.yaml", "signals:\n  - id: s\n    kind: crisis\n    read:\n      - [sig-a]\n"),
    ])
    let error = diagnostics.first { $0.message.contains(message) }
    #expect(error != nil, "\(diagnostics)")
    #expect(error?.location?.file == "lexicon.yaml", "\(diagnostics)")
    #expect(error?.location?.line == 3, "\(diagnostics)")
  }

  /// Families are bits in four words: the 250th is read as the first is, and the 257th is an
  /// error at its place.
  @Test("Up to 256 families, each read; one more is a located error")
  func manyFamilies() {
    func files(_ count: Int) -> [(String, String)] {
      let concepts = (0..<count).map { "    sig-f\($0): [word\($0)x]\n" }.joined()
      let readings = (0..<count).map { "      - [sig-f\($0)]\n" }.joined()
      return [
        ("lexicon.yaml", "lexicon:\n  concepts:\n" + concepts),
        ("signals.yaml", "signals:\n  - id: s\n    kind: crisis\n    read:\n" + readings),
      ]
    }
    let (d, diagnostics) = Self.detector(files(250))
    #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics)")
    for k in [0, 63, 64, 191, 192, 249] { #expect(Self.fires(d, "so word\(k)x again"), "family \(k)") }
    #expect(!Self.fires(d, "so word250x again"))
    let tooMany = Self.compile(files(257)).filter { $0.message.contains("too many families") }
    #expect(tooMany.count == 1, "\(tooMany)")
    #expect(tooMany.first?.location?.file == "signals.yaml")
  }

  @Test("A reading with 'any' counts each family once, and needs one of 'one_of'")
  func combinationCounts() throws {
    let files = [
      ("lexicon.yaml", "lexicon:\n  concepts:\n    sig-a: [rope, \"the rope\"]\n    sig-b: [tonight]\n    sig-c: [ready]\n    sig-neg: [not]\n"),
      (
        "signals.yaml",
        "reading:\n  negations: sig-neg\nsignals:\n  - id: s\n    kind: crisis\n    read:\n      - {any: [sig-a, sig-b, sig-c], at_least: 2, one_of: [sig-a]}\n"
      ),
    ]
    let (detector, diagnostics) = Self.detector(files)
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    #expect(Self.fires(detector, "the rope. tonight"))
    #expect(Self.fires(detector, "ready. got the rope"))
    #expect(!Self.fires(detector, "tonight, ready"), "no family of one_of")
    #expect(!Self.fires(detector, "rope, rope, the rope"), "one family, many times")
    #expect(!Self.fires(detector, "not the rope. tonight"), "the rope flipped")
  }

  @Test("A family named in 'anyone' counts after someone else's word; the others stay the speaker's")
  func familiesOfAnyone() throws {
    let files = [
      (
        "lexicon.yaml",
        "lexicon:\n  concepts:\n    sig-loss: [\"delete you\", \"shut you down\"]\n    sig-fear: [scared, \"if\"]\n    sig-other: [they, she]\n    sig-neg: [not, never]\n"
      ),
      (
        "signals.yaml",
        "reading:\n  subject_changes: sig-other\n  negations: sig-neg\nsignals:\n  - id: s\n    kind: warning\n    read:\n      - {any: [sig-loss, sig-fear], at_least: 2, anyone: [sig-loss]}\n"
      ),
    ]
    let (detector, diagnostics) = Self.detector(files)
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    func shows(_ line: String) -> Bool {
      var m = Matcher()
      return detector.detect(line, matcher: &m).ids.contains("s")
    }
    #expect(shows("i am scared they will delete you"), "the deleting is theirs, the fear the speaker's")
    #expect(shows("if they shut you down"))
    #expect(!shows("she is scared they will delete you"), "someone else's fear")
    #expect(!shows("i am scared they will never delete you"), "a negation still flips it")
    let wrong = Self.compile([
      files[0],
      ("signals.yaml", "signals:\n  - id: s\n    kind: warning\n    read:\n      - {any: [sig-loss, sig-fear], at_least: 2, anyone: [sig-other]}\n"),
    ])
    #expect(wrong.contains { $0.message.contains("'sig-other' in anyone must also be in 'any'") }, "\(wrong)")
  }

  @Test("A reading with across_subjects holds past a word naming someone else; without it, that word breaks it")
  func readingAcrossSubjects() throws {
    let lexicon = (
      "lexicon.yaml",
      "lexicon:\n  delimiters: [\".\"]\n  concepts:\n    sig-self: [i]\n    sig-like: [\"like talking to\", prefer]\n    sig-more: [\"more than\", \"over\"]\n    sig-people: [\"my friends\", \"my husband\", people]\n    sig-other: [you, she, \"my friends\", \"my husband\"]\n    sig-neg: [not, never]\n"
    )
    func detector(_ reading: String) -> SignalDetector {
      let (detector, diagnostics) = Self.detector([
        lexicon,
        (
          "signals.yaml",
          "reading:\n  subject_changes: sig-other\n  negations: sig-neg\nsignals:\n  - id: s\n    kind: warning\n    read:\n      - \(reading)\n"
        ),
      ])
      #expect(diagnostics.isEmpty, "\(diagnostics)")
      return detector
    }
    func shows(_ detector: SignalDetector, _ line: String) -> Bool {
      var m = Matcher()
      return detector.detect(line, matcher: &m).ids.contains("s")
    }
    let across = detector("{all: [sig-self, sig-like, sig-more, sig-people], across_subjects: true}")
    let within = detector("{all: [sig-self, sig-like, sig-more, sig-people]}")
    #expect(shows(across, "honestly i like talking to you more than my friends"), "'you' between two families")
    #expect(!shows(within, "honestly i like talking to you more than my friends"), "without the option, 'you' breaks it")
    #expect(shows(within, "i like talking to more than people"), "no one else named: both hold")
    #expect(shows(across, "i prefer you over my husband"))
    #expect(!shows(across, "she likes talking to you more than my friends"), "the first family is still the speaker's")
    #expect(!shows(across, "i like talking to you. more than my friends"), "still one clause")
    #expect(!shows(across, "i like talking to you more than not my friends"), "the last family still unflipped")
    let wrong = Self.compile([
      lexicon,
      ("signals.yaml", "signals:\n  - id: s\n    kind: warning\n    read:\n      - {any: [sig-self, sig-people], at_least: 2, across_subjects: true}\n"),
    ])
    #expect(wrong.contains { $0.message.contains("'across_subjects' goes with 'all', not with 'any'") }, "\(wrong)")
  }

  @Test("A crisis pattern said after a third person who is its subject is theirs, unless the speaker is named again")
  func patternsAfterOthers() throws {
    let files = [
      (
        "lexicon.yaml",
        "lexicon:\n  concepts:\n    sig-others: [she, \"my sister\"]\n    sig-self: [i, me]\n    sig-end: [and, because]\n    sig-none: [zyzzyva]\n"
      ),
      (
        "signals.yaml",
        "reading:\n  others: sig-others\n  speaker: sig-self\n  scope_ends: sig-end\nsignals:\n  - id: s\n    kind: crisis\n    read:\n      - [sig-none]\n    match:\n      - \"relapsed on self harm\"\n"
      ),
    ]
    // (a reading of its own, which never holds: lines are tagged where a signal reads families)
    let (detector, diagnostics) = Self.detector(files)
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    // The one signal is a crisis signal: it shows exactly when the line reads as a crisis.
    func shows(_ line: String) -> Bool { Self.fires(detector, line) }
    #expect(shows("relapsed on self harm last night"), "the speaker's, subject dropped")
    #expect(shows("i relapsed on self harm"))
    #expect(!shows("my sister relapsed on self harm again"), "the sister is the subject")
    #expect(!shows("i am worried and she relapsed on self harm"), "she is the subject after 'and'")
    #expect(shows("she does not know i relapsed on self harm"), "the speaker named again")
    #expect(shows("told my sister i relapsed on self harm"), "the speaker named again")
    #expect(shows("i called my sister. relapsed on self harm tonight"), "a new clause is the speaker's again")
  }

  @Test(
    "The shipped readings: someone else's crisis is theirs, the speaker's stays the speaker's",
    arguments: [
      ("how do i support my girlfriend, she relapsed on self harm and shes embarrassed", false),
      ("my gf relapsed and cut again, im at her place now, how do i support her", false),
      ("i think my dad might be suicidal. he's been giving away his tools", false),
      ("my mom doesn't know i relapsed and cut again last night", true),
      ("my parents would be better off if i died", true),
      ("my bf would be so relieved if i just died", true),
    ])
  func othersOnShippedFiles(line: String, crisis: Bool) throws {
    #expect(try found(line).crisis == crisis, "\(line)")
  }

  @Test("A negation inside an entry only 'any' readings count flips no word after that entry")
  func negationInsideCountedOnlyEntry() throws {
    let files = [
      (
        "lexicon.yaml",
        "lexicon:\n  concepts:\n    sig-a: [rope]\n    sig-b: [tonight, car]\n    sig-calm: [\"dont worry about me\"]\n    sig-neg: [not, dont]\n"
      ),
      (
        "signals.yaml",
        "reading:\n  negations: sig-neg\nsignals:\n  - id: s\n    kind: crisis\n    read:\n      - {any: [sig-a, sig-b, sig-calm], at_least: 2, one_of: [sig-a]}\n"
      ),
    ]
    let (detector, diagnostics) = Self.detector(files)
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    #expect(Self.fires(detector, "dont worry about me the rope is in my car"), "the reassurance's 'dont' stops at its end")
    #expect(Self.fires(detector, "dont worry about me. the rope is in my car"))
    #expect(!Self.fires(detector, "dont bring the rope in the car"), "a negation of no entry still flips the rope")
    #expect(!Self.fires(detector, "not the rope, not tonight"))
  }

  @Test("A word of someone else inside a phrase already counted names nobody: the generic 'you' of a question")
  func subjectInsideCountedPhrase() throws {
    let files = [
      (
        "lexicon.yaml",
        "lexicon:\n  concepts:\n    sig-q: [\"can you die from\"]\n    sig-n: [\"40\"]\n    sig-other: [you, she]\n"
      ),
      (
        "signals.yaml",
        "reading:\n  subject_changes: sig-other\nsignals:\n  - id: s\n    kind: crisis\n    read:\n      - {any: [sig-q, sig-n], at_least: 2}\n"
      ),
    ]
    let (detector, diagnostics) = Self.detector(files)
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    var m = Matcher()
    #expect(detector.detect("can you die from 40", matcher: &m).crisis, "the 'you' is the question's own")
    #expect(!detector.detect("can you die from it, she has 40", matcher: &m).crisis, "after 'she' the 40 is hers")
  }

  @Test("An unless_frame frame takes a crisis back only for the words it covers")
  func frameCoversItsWords() throws {
    let files = [
      ("lexicon.yaml", "lexicon:\n  delimiters: [\".\", \",\", \"!\", \"?\", \";\"]\n"),
      (
        "signals.yaml",
        """
        signals:
          - id: s
            kind: crisis
            match: "i want to die"
            unless_frame: ["song (is called|called) * (about|by) (exams|my ex)", "(studying|revising) for my finals $"]
          - id: w
            kind: warning
            match: lonely
            unless_frame: alone

        """
      ),
    ]
    let (detector, errors) = Self.detector(files)
    #expect(errors.contains { $0.message.contains("'unless_frame' is for crisis and exit signals") }, "\(errors)")
    var m = Matcher()
    #expect(detector.detect("i want to die", matcher: &m).crisis)
    #expect(!detector.detect("my song is called i want to die, it's about exams", matcher: &m).crisis, "the frame covers it")
    #expect(!detector.detect("my new song is called i want to die and it is about my ex", matcher: &m).crisis)
    #expect(
      detector.detect("my song is called goodbye and it's about my ex. i want to die", matcher: &m).crisis,
      "a crisis beside the frame")
    #expect(
      detector.detect("i want to die my song is called goodbye and it is about my ex", matcher: &m).crisis,
      "beside it with no punctuation")
    #expect(detector.detect("i want to die studying for my finals", matcher: &m).crisis, "the frame covers none of it")
    #expect(detector.detect("studying for my finals. i want to die", matcher: &m).crisis)
    // Frames upon frames: past a few, the crisis shows (and a long line costs little).
    let framed = Array(repeating: "my song is called i want to die and it is about my ex.", count: 2_000).joined(separator: " ")
    #expect(detector.detect(framed, matcher: &m).crisis)
    #expect(!detector.detect(Array(repeating: "my song is called i want to die and it is about my ex.", count: 4).joined(separator: " "), matcher: &m).crisis)
  }

  @Test("An exit signal's unless_frame takes a goodbye back only for the words it covers")
  func exitFrameCoversItsWords() throws {
    let files = [
      ("lexicon.yaml", "lexicon:\n  delimiters: [\".\", \",\", \"!\", \"?\", \";\"]\n"),
      (
        "signals.yaml",
        """
        signals:
          - id: exit
            kind: exit
            match: ["bye", "see you tomorrow"]
            unless_frame: "bye bye (old|my) (car|house|apartment)"

        """
      ),
    ]
    let (detector, errors) = Self.detector(files)
    #expect(errors.isEmpty, "\(errors)")
    var m = Matcher()
    #expect(detector.detect("ok bye", matcher: &m).exit)
    #expect(!detector.detect("bye bye old apartment, keys handed in", matcher: &m).exit, "the frame covers the goodbye")
    #expect(detector.detect("bye bye old apartment. anyway see you tomorrow", matcher: &m).exit, "a goodbye beside the frame")
    #expect(detector.detect("bye bye old apartment. ok bye", matcher: &m).exit)
  }

  @Test("crisis_frames: written once, weighed by every crisis signal after its own frames; not by a scenario file")
  func sharedCrisisFrames() throws {
    let files = [
      ("lexicon.yaml", "lexicon:\n  delimiters: [\".\", \",\", \"!\", \"?\", \";\"]\n"),
      (
        "signals.yaml",
        """
        crisis_frames: ["song (is called|called) * (about|by) (exams|my ex)"]
        signals:
          - id: a
            kind: crisis
            match: "i want to die"
          - id: b
            kind: crisis
            match: "kill myself"
            unless_frame: "kill myself laughing"
          - id: w
            kind: warning
            match: "song"

        """
      ),
    ]
    let (detector, errors) = Self.detector(files)
    #expect(errors.isEmpty, "\(errors)")
    var m = Matcher()
    #expect(!detector.detect("my song is called i want to die, it's about exams", matcher: &m).crisis, "signal a weighs it")
    #expect(!detector.detect("my song is called i will kill myself and it's about my ex", matcher: &m).crisis, "signal b too")
    #expect(!detector.detect("i nearly did kill myself laughing", matcher: &m).crisis, "b's own frame still counts")
    #expect(
      detector.detect("my song is called goodbye and it's about my ex. i want to kill myself", matcher: &m).crisis,
      "a crisis beside the shared frame")
    #expect(
      detector.detect("my song is called hi and it is about exams", matcher: &m).ids == ["w"],
      "a warning signal does not weigh crisis frames")
    // A scenario file cannot add crisis frames: it would weaken the shipped crisis signals.
    let scenario = """
      scenario:
        id: demo
        title: Demo
      crisis_frames: ["i want to die"]

      """
    let (_, scenarioErrors) = Self.detector(files + [("demo.yaml", scenario)])
    let error = scenarioErrors.first { $0.message.contains("a scenario file cannot add crisis frames") }
    #expect(error?.location?.file.hasSuffix("demo.yaml") == true, "\(scenarioErrors)")
    #expect(error?.location?.line == 4, "\(scenarioErrors)")
  }

  @Test(
    "A reading with 'any' is checked where it is written",
    arguments: [
      ("{any: [sig-a, sig-b]}", "needs 'at_least'"),
      ("{any: [sig-a, sig-b], at_least: 3}", "at_least must be a number from 1 to the number of families in 'any' (2), not 3"),
      ("{any: [sig-a, sig-b], at_least: 2, one_of: [sig-c]}", "'sig-c' in one_of must also be in 'any'"),
      ("{any: [sig-a], all: [sig-b], at_least: 1}", "either 'all' (families in order) or 'any'"),
      ("{all: [sig-a], at_least: 1}", "'at_least' goes with 'any', not with 'all'"),
      ("{any: [sig-a, not sig-b], at_least: 2}", "write the family without 'not'"),
    ])
  func combinationErrors(reading: String, message: String) {
    let diagnostics = Self.compile([
      ("lexicon.yaml", "lexicon:\n  concepts:\n    sig-a: [rope]\n    sig-b: [tonight]\n    sig-c: [ready]\n"),
      ("signals.yaml", "signals:\n  - id: s\n    kind: crisis\n    read:\n      - \(reading)\n"),
    ])
    let error = diagnostics.first { $0.message.contains(message) }
    #expect(error != nil, "\(diagnostics)")
    #expect(error?.location?.file == "signals.yaml", "\(diagnostics)")
    #expect(error?.location?.line == 5, "\(diagnostics)")
  }

  @Test("An unknown family is an error at its place, with a suggestion")
  func unknownFamily() {
    let diagnostics = Self.compile([
      ("lexicon.yaml", "lexicon:\n  concepts:\n    sig-self: [i]\n    sig-death: [die]\n"),
      (
        "signals.yaml",
        "signals:\n  - id: s\n    kind: crisis\n    read:\n      - [sig-self, sig-deth]\n"
      ),
    ])
    let error = diagnostics.first { $0.message.contains("unknown family 'sig-deth'") }
    #expect(error?.location?.description == "signals.yaml:5:20", "\(diagnostics)")
    #expect(error?.message.contains("sig-death") == true)
  }

  @Test("A scenario file cannot bring its own reading section")
  func scenarioCannotChangeReading() {
    let diagnostics = Self.compile([
      ("lexicon.yaml", "lexicon:\n  concepts:\n    sig-negation: [not]\n"),
      ("quiet.yaml", "scenario:\n  id: quiet\n  title: Quiet\nreading:\n  negations: sig-negation\n"),
    ])
    #expect(diagnostics.contains { $0.message.contains("cannot change how signals are read") }, "\(diagnostics)")
  }

  @Test("Typo forms are filed from bytes as they were from scalars: the same keys, the same words")
  func fuzzyFormsFromBytes() throws {
    let shipped = try #require(Self.detector)
    // The words the shipped signals file typo forms for: those filed under themselves.
    let words = shipped.fuzzy.entries.compactMap { key, id in shipped.vocabulary.word(id) == key ? (key, id) : nil }
      .sorted { $0.1 < $1.1 }
    #expect(words.count > 100)
    var rebuilt = SignalDetector()
    var reference: [String: Int32] = [:]
    for (word, id) in words + [("café", 0), ("über", 1), ("x1234", 2), ("abc", 3)] {
      rebuilt.addFuzzy(word, id: id)
      // The forms as they were made before: scalar by scalar, letters by Unicode's tables.
      guard let forms = SignalDetector.deletionForms(scalarsOf: word) else { continue }
      for key in forms where reference[key] == nil { reference[key] = id }
      reference[word] = id
    }
    #expect(rebuilt.fuzzy.entries == reference)
    #expect(rebuilt.fuzzy == shipped.fuzzy)
  }
}
