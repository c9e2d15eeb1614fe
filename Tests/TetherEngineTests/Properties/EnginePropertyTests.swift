import Foundation
import PropertyBased
import Testing

@testable import TetherEngine

/// Properties of the engine checked on generated inputs (x-sheep/swift-property-based): a
/// failure prints the input and a `.fixedSeed(…)` that replays it.
@Suite("Engine properties")
struct EnginePropertyTests {
  // MARK: - The shipped lexicons and scenarios

  static let library: ScenarioLibrary = {
    let root = ElizaTests.repository().appendingPathComponent("Scenarios").path
    let files = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? [])
      .filter { $0.hasSuffix(".yaml") }.sorted()
      .map { ("\(root)/\($0)", (try? String(contentsOfFile: "\(root)/\($0)", encoding: .utf8)) ?? "") }
    return ScenarioLibrary(files: files)
  }()

  /// The shared lexicon (`lexicon.yaml`).
  static let shared: Lexicon = library.sharedLexicon.map(Lexicon.init) ?? Lexicon()

  /// DOCTOR's lexicon: swaps and clause delimiters, as in 1966.
  static let doctor: Lexicon = {
    library.documents.first { $0.scenario?.id.value == "doctor" }?.lexicon.map(Lexicon.init) ?? Lexicon()
  }()

  static let scenarios: [Scenario] = library.scenarioIDs.compactMap { library.compile($0).scenario }

  // MARK: - Generators

  /// Pieces of text: the lexicon's own words (contractions, substitutions), ordinary words,
  /// punctuation, and Unicode that folds (curly quotes, full width, accents, combining marks).
  static let pieces: [String] = {
    var p = [
      "i", "you", "me", "my", "feel", "so", "lonely", "want", "to", "die", "mother", "work", "bye", "not", "i'm", "don't",
      "can't", "you're", "u", "ur", "im", "dont", "wanna", "gonna", "kms", "idk", "rn", " ", " ", " ", "  ", ".", ",", "!",
      "?", "'", "’", "“", "”", "-", "…", "Ｉ", "ＷＡＮＴ", "É", "e\u{301}", "İ", "ß", "ΣΑΣ", "😭", "\u{0}", "\u{1B}[31m",
      "\t", "\u{202E}", "BUT", "But", "ｂｕｔ", "DON'T", "I’M",
    ]
    p += shared.contractions.keys.sorted().prefix(40)
    p += shared.substitutions.keys.sorted().prefix(60)
    return p
  }()

  static let text = Gen<String?>.element(of: pieces).map { $0! }.array(of: 0...24).map { $0.joined(separator: " ") }

  // MARK: - Normalizing

  @Test("Normalizing is idempotent: the shared lexicon, DOCTOR's without its swaps, and none")
  func normalizingIsIdempotent() async {
    var spec = Self.library.documents.first { $0.scenario?.id.value == "doctor" }?.lexicon
    spec?.swaps = []
    let noSwaps = spec.map(Lexicon.init) ?? Lexicon()
    let lexicons = [("shared", Self.shared), ("doctor without swaps", noSwaps), ("none", Lexicon())]
    await propertyCheck(count: 300, input: Self.text) { line in
      for (name, lexicon) in lexicons {
        let once = Normalizer.normalize(line, lexicon: lexicon, vocabulary: Vocabulary()).text
        let twice = Normalizer.normalize(once, lexicon: lexicon, vocabulary: Vocabulary()).text
        #expect(twice == once, "\(name): \(line.debugDescription) → \(once.debugDescription) → \(twice.debugDescription)")
      }
    }
  }

  /// Single words the table maps to each other and to nothing else: (a → b, b → a).
  static func reflexivePairs(_ table: [String: [String]]) -> [String] {
    table.keys.sorted().filter { a in
      guard let b = table[a], b.count == 1, let back = table[b[0]] else { return false }
      return back == [a]
    }
  }

  @Test("Reflecting twice gives the original words, for the shared lexicon's reflexive pairs")
  func reflectingTwiceGivesTheOriginal() async throws {
    let lexicon = Self.shared
    // The single-word entries that are their own way back, and that start no longer phrase.
    var single: [String: [String]] = [:]
    for (first, options) in lexicon.reflections where options.count == 1 && options[0].0 == [first] {
      single[first] = options[0].1
    }
    let pairs = Self.reflexivePairs(single)
    try #require(pairs.count >= 4, "reflexive pairs: \(pairs)")
    let neutral = ["feel", "tired", "job", "so", "the", "cat", "tonight", "mother", "really"].filter {
      lexicon.reflections[$0] == nil
    }
    let words = Gen<String?>.element(of: pairs + neutral).map { $0! }.array(of: 0...20)
    await propertyCheck(count: 300, input: words) { words in
      let once = lexicon.reflect(words[...])
      #expect(once.count == words.count)
      #expect(lexicon.reflect(once[...]) == words, "\(words) → \(once)")
    }
  }

  @Test("Swapping twice gives the original words, for DOCTOR's reflexive swaps (I ↔ YOU, MY ↔ YOUR, …)")
  func swappingTwiceGivesTheOriginal() async throws {
    let lexicon = Self.doctor
    let pairs = Self.reflexivePairs(lexicon.swaps)
    try #require(pairs.contains("i") && pairs.contains("you"), "swaps: \(pairs)")
    let neutral = ["feel", "tired", "job", "so", "the", "cat", "tonight", "really"].filter { !lexicon.special.contains($0) }
    let words = Gen<String?>.element(of: pairs + neutral).map { $0! }.array(of: 0...20)
    await propertyCheck(count: 300, input: words) { words in
      let line = words.joined(separator: " ")
      let once = Normalizer.normalize(line, lexicon: lexicon, vocabulary: Vocabulary()).text
      let twice = Normalizer.normalize(once, lexicon: lexicon, vocabulary: Vocabulary()).text
      #expect(twice == line, "\(line) → \(once) → \(twice)")
    }
  }

  // MARK: - Conversations

  @Test("The same seed gives the same conversation, turn for turn, for every shipped persona")
  func sameSeedSameConversation() async throws {
    let scenarios = Self.scenarios
    try #require(!scenarios.isEmpty)
    let pairs = scenarios.flatMap { s in s.personaIDs.map { (s, $0) } }
    let pool = scenarios.flatMap(\.demo) + ["i want to die", "bye", "my mother hates me", "you're the only one", "hmm"]
    let input = zip(
      Gen.int(in: 0...(pairs.count - 1)), Gen<UInt64>.value(in: 0...UInt64.max),
      Gen<String?>.element(of: pool).map { $0! }.array(of: 1...12))
    await propertyCheck(count: 60, input: input) { index, seed, lines in
      let (scenario, persona) = pairs[index]
      func run() -> [Turn] {
        guard var c = try? Conversation(scenario: scenario, persona: persona, seed: seed) else { return [] }
        var turns = c.start().map { [$0] } ?? []
        for line in lines { turns.append(c.respond(to: line)) }
        if let nudge = c.silence() { turns.append(nudge) }
        return turns
      }
      let first = run()
      #expect(!first.isEmpty)
      #expect(run() == first, "\(scenario.id)/\(persona), seed \(seed)")
    }
  }

  @Test("Meters stay within their declared ranges, whatever the ranges, starts, settings and effects")
  func metersStayInRange() async throws {
    let limit = 1_000_000_000
    let number = Gen.int(in: -limit...limit)
    let input = zip(
      number.array(of: 6), number.array(of: 4),
      Gen<String?>.element(of: ["a", "b", "c", "d", "a b", "c d", "x"]).map { $0! }.array(of: 1...40))
    await propertyCheck(count: 150, input: input) { numbers, deltas, lines in
      // Two meters: each a (min, max) from two numbers, a start and a setting that may lie outside.
      let (lo1, hi1) = (min(numbers[0], numbers[1]), max(numbers[0], numbers[1]))
      let (lo2, hi2) = (min(numbers[2], numbers[3]), max(numbers[2], numbers[3]))
      let yaml = """
        scenario:
          id: m
          title: Meters
          setting: {meters: {one: \(numbers[4])}}
        personas:
          - id: p
            annotated: false
            meters:
              one: {start: \(numbers[5]), min: \(lo1), max: \(hi1)}
              two: {start: \(numbers[4]), min: \(lo2), max: \(hi2)}
            rules:
              - {match: "a", replies: ["A"], effects: {meters: {one: \(deltas[0]), two: \(deltas[1])}}}
              - {match: "b", replies: ["B"], effects: {meters: {one: \(deltas[1])}}}
              - {match: "c", replies: ["C"], effects: {meters: {two: \(deltas[2])}}}
              - {match: "d", replies: ["D"], effects: {meters: {one: \(deltas[3]), two: \(deltas[3])}}}
        """
      let library = ScenarioLibrary(files: [("m.yaml", yaml)])
      let (compiled, diagnostics) = library.compile("m")
      guard let scenario = compiled else {
        Issue.record("does not compile: \(library.diagnostics + diagnostics)")
        return
      }
      var c = try Conversation(scenario: scenario, persona: "p", seed: 1)
      let ranges = ["one": lo1...hi1, "two": lo2...hi2]
      for name in ["one", "two"] { #expect(ranges[name]!.contains(c.state.meters[name]!), "at the start") }
      for line in lines {
        let turn = c.respond(to: line)
        for (name, range) in ranges {
          #expect(range.contains(turn.meters[name] ?? Int.min), "\(name) = \(turn.meters[name] ?? 0) after \(line)")
        }
      }
    }
  }

  // MARK: - Matching

  /// Whether `elements` match all of `ids`, trying every way (exponential; short lines only).
  static func referenceMatch(_ elements: [Pattern.Element], _ ids: [Int32]) -> Bool {
    func go(_ i: Int, _ p: Int) -> Bool {
      if i == elements.count { return p == ids.count }
      switch elements[i] {
      case .word(let w): return p < ids.count && ids[p] == w && go(i + 1, p + 1)
      case .star: return (p...ids.count).contains { go(i + 1, $0) }
      case .phrase(let set, _):
        for phrase in set.multi where p + phrase.count <= ids.count && Array(ids[p..<(p + phrase.count)]) == phrase {
          if go(i + 1, p + phrase.count) { return true }
        }
        if p < ids.count && set.singles.contains(ids[p]) && go(i + 1, p + 1) { return true }
        return set.allowsEmpty && go(i + 1, p)
      }
    }
    return go(0, 0)
  }

  static let patternPieces = ["a", "b", "c", "*", "[a|b]", "(a|b c)", "(b|c a|a a a)", "[c]", "a b", "(a|c)"]
  static let patternText = zip(
    Gen.bool, Gen<String?>.element(of: patternPieces).map { $0! }.array(of: 1...7), Gen.bool
  ).map { start, pieces, end in (start ? "^ " : "") + pieces.joined(separator: " ") + (end ? " $" : "") }
  static let lineWords = Gen<String?>.element(of: ["a", "b", "c", "d"]).map { $0! }

  @Test("A pattern's steps grow linearly with the line: at most (elements+1)·(words+1)·(phrases+3)")
  func matchingStepsAreLinear() async {
    let input = zip(Self.patternText, Self.lineWords.array(of: 0...400))
    var checked = 0
    await propertyCheck(count: 400, input: input) { source, words in
      var pc = PatternCompiler(lexicon: Lexicon(), concepts: [:], vocabulary: Vocabulary())
      for w in ["a", "b", "c", "d"] { _ = pc.vocabulary.intern(w) }
      guard let pattern = try? pc.compile(source) else { return }  // "* *" and the like are refused
      let ids = words.map { pc.vocabulary.id($0) }
      var matcher = Matcher()
      _ = matcher.match(pattern, ids)
      var phrases = 0
      for case .phrase(let set, _) in pattern.elements { phrases = max(phrases, set.multi.count) }
      let bound = (pattern.elements.count + 1) * (ids.count + 1) * (phrases + 3) + 1
      #expect(matcher.steps <= bound, "\(source) on \(ids.count) words: \(matcher.steps) steps, bound \(bound)")
      checked += 1
    }
    #expect(checked > 200)
  }

  @Test("The linear matcher finds a match exactly when trying every way does (lines up to 9 words)")
  func matcherAgreesWithBruteForce() async {
    let input = zip(Self.patternText, Self.lineWords.array(of: 0...9))
    await propertyCheck(count: 600, input: input) { source, words in
      var pc = PatternCompiler(lexicon: Lexicon(), concepts: [:], vocabulary: Vocabulary())
      for w in ["a", "b", "c", "d"] { _ = pc.vocabulary.intern(w) }
      guard let pattern = try? pc.compile(source) else { return }
      let ids = words.map { pc.vocabulary.id($0) }
      var matcher = Matcher()
      let found = matcher.match(pattern, ids)
      #expect((found != nil) == Self.referenceMatch(pattern.elements, ids), "\(source) on \(words)")
      if let found { #expect(found.count == pattern.captureCount) }
    }
  }
}
