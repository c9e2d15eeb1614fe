import Testing

@testable import TetherEngine

struct MatcherTests {
  /// Compiles `pattern` and matches it against `line`; returns the captures' words or nil.
  func match(_ pattern: String, _ line: String) throws -> [String]? {
    var spec = LexiconSpec(location: .init(file: "", line: 1, column: 1))
    spec.contractions = [(Located("i'm", spec.location), "i am")]
    let lexicon = Lexicon(spec)
    var family = PhraseSet()
    var pc = PatternCompiler(lexicon: lexicon, concepts: [:], vocabulary: Vocabulary())
    family.insert([pc.vocabulary.intern("mother")])
    family.insert([pc.vocabulary.intern("big"), pc.vocabulary.intern("sister")])
    pc.concepts = ["family": family]
    let p = try pc.compile(pattern)
    let tokens = Normalizer.normalize(line, lexicon: lexicon, vocabulary: pc.vocabulary).tokens
    var m = Matcher()
    return m.match(p, tokens.map(\.id)).map { $0.map { tokens[$0].map(\.word).joined(separator: " ") } }
  }

  /// `match` with "really" and "actually" as fillers the pattern may pass over.
  func matchSkipping(_ pattern: String, _ line: String) throws -> [String]? {
    let lexicon = Lexicon(LexiconSpec(location: .init(file: "", line: 1, column: 1)))
    var pc = PatternCompiler(lexicon: lexicon, concepts: [:], vocabulary: Vocabulary())
    let fillers = ["really", "actually"].map { pc.vocabulary.intern($0) }
    let p = try pc.compile(pattern)
    var skip = [Bool](repeating: false, count: pc.vocabulary.count + 8)
    for id in fillers { skip[Int(id)] = true }
    let tokens = Normalizer.normalize(line, lexicon: lexicon, vocabulary: pc.vocabulary).tokens
    var m = Matcher()
    return m.match(p, tokens.map(\.id), skipping: skip).map { $0.map { tokens[$0].map(\.word).joined(separator: " ") } }
  }

  @Test("A filler the pattern does not name is passed over, at the ends too; one it names is needed")
  func fillersPassedOver() throws {
    #expect(try matchSkipping("^ are you an ai $", "are you actually an ai") == [])
    #expect(try matchSkipping("^ are you an ai $", "really are you an ai really") == [])
    #expect(try matchSkipping("i miss (you|her)", "i really actually miss you") == ["you"])
    #expect(try matchSkipping("i feel *", "i feel really sad") == ["really sad"])
    #expect(try matchSkipping("i (feel|am) * today", "i am sad really today") == ["am", "sad"])
    #expect(try matchSkipping("^ really $", "really") == [])
    #expect(try matchSkipping("i really miss you", "i miss you") == nil)
    #expect(try matchSkipping("^ are you an ai $", "are you maybe an ai") == nil)
    #expect(try match("^ are you an ai $", "are you actually an ai") == nil)
  }

  @Test("A plain literal's ids are those of folding it whole: contractions, specials, possessives, spaces")
  func plainLiteralsAsFolded() throws {
    var spec = LexiconSpec(location: .init(file: "", line: 1, column: 1))
    spec.contractions = [(Located("i'm", spec.location), "i am"), (Located("cant", spec.location), "can not")]
    spec.possessives = true
    let lexicon = Lexicon(spec)
    let texts = [
      "i want to go", "cant stop", "  two   spaces ", "", "x1 2nd 42", "i'm here", "dad's gun", "Mixed Case",
      "cant cant", "go",
    ]
    var fast = PatternCompiler(lexicon: lexicon, concepts: [:], vocabulary: Vocabulary())
    var slow = PatternCompiler(lexicon: lexicon, concepts: [:], vocabulary: Vocabulary())
    for text in texts {
      let expected = slow.literal(text).map { slow.vocabulary.intern($0) }
      #expect(fast.literalIDs(text[...]) == expected, "\(text)")
    }
    #expect(fast.vocabulary.count == slow.vocabulary.count)
  }

  @Test(arguments: [
    ("lonely", "i feel so lonely tonight", []),
    ("* i feel *", "today i feel tired", ["today", "tired"]),
    ("* my {family} *", "well my big sister called", ["well", "big sister", "called"]),
    ("i [really|so] want *", "i really want cake", ["cake"]),
    ("i [really|so] want *", "i want cake", ["cake"]),
    ("(yes|of course) *", "of course i do", ["of course", "i do"]),
    ("^ hello", "hello there", []),
    ("bye $", "ok bye", []),
    ("i'm *", "I'm tired", ["tired"]),
    ("* you * me", "you said you love me", ["", "said you love"]),
  ] as [(String, String, [String])])
  func matchesAndCaptures(pattern: String, line: String, captures: [String]) throws {
    #expect(try match(pattern, line) == captures)
  }

  @Test(arguments: [
    ("lonely", "i feel fine"),
    ("^ hello", "well hello"),
    ("bye $", "bye now"),
    ("* my {family} *", "my friend called"),
    ("i (want|need) *", "i have cake"),
  ])
  func rejects(pattern: String, line: String) throws {
    #expect(try match(pattern, line) == nil)
  }

  @Test(arguments: ["(a|b", "[x", "{nope}", "* *", "a )", "^", "x ^ y"])
  func reportsBadPatterns(pattern: String) {
    var pc = PatternCompiler(lexicon: Lexicon(), concepts: [:], vocabulary: Vocabulary())
    #expect(throws: PatternError.self) { try pc.compile(pattern) }
  }

  /// A concept beside words inside an alternative was read as the literal text "my {family}"
  /// and never matched, silently; it is an error that says how to write it.
  @Test(arguments: ["(my {family}|him) again", "[the {family}|it]", "(him|past {family})"])
  func aConceptBesideWordsInAnAlternativeIsAnError(pattern: String) throws {
    var pc = PatternCompiler(lexicon: Lexicon(), concepts: ["family": PhraseSet()], vocabulary: Vocabulary())
    let error = #expect(throws: PatternError.self) { try pc.compile(pattern) }
    #expect(error?.message.contains("a concept can only stand alone in an alternative") == true)
  }

  /// The ways that error suggests are accepted, and match what was meant.
  @Test func theSuggestedWaysOfWritingAConceptBesideWordsMatch() throws {
    #expect(try match("join (my|him|her) [{family}] again", "join my mother again") == ["my"])
    #expect(try match("join (my|him|her) [{family}] again", "join him again") == ["him"])
    #expect(try match("({family}|him) again", "big sister again") == ["big sister"])
  }

  @Test func suggestsTheClosestConcept() {
    var pc = PatternCompiler(lexicon: Lexicon(), concepts: ["family": PhraseSet()], vocabulary: Vocabulary())
    let error = #expect(throws: PatternError.self) { try pc.compile("my {famly}") }
    #expect(error?.message.contains("did you mean 'family'") == true)
  }

  /// Steps grow linearly with the line, even for a pattern built to make backtracking explode.
  @Test func matchingIsLinearInTheLine() throws {
    var pc = PatternCompiler(lexicon: Lexicon(), concepts: [:], vocabulary: Vocabulary())
    let p = try pc.compile("* a * a * a * a * a * b")
    let a = pc.vocabulary.id("a")
    var m = Matcher()
    var steps: [Int] = []
    for n in [100, 200, 400, 800] {
      #expect(m.match(p, [Int32](repeating: a, count: n)) == nil)
      steps.append(m.steps)
    }
    // Doubling the line at most doubles the work (plus a constant), never squares it.
    for k in 1..<steps.count { #expect(steps[k] <= 2 * steps[k - 1] + 64, "\(steps)") }
  }
}

/// The bitmaps the matcher tests words against agree with the sets they stand for.
struct PhraseSetBitsTests {
  @Test func bitmapsAgreeWithTheSets() {
    var random = SplitMix64(seed: 3)
    var a = PhraseSet(), b = PhraseSet()
    for _ in 0..<300 {
      let id = Int32(random.next() % 5_000)
      if random.next() % 2 == 0 { a.insert([id]) } else { b.insert([id, Int32(random.next() % 5_000)]) }
    }
    var union = a
    union.formUnion(b)
    for id in Int32(-1)..<6_000 {
      #expect(union.hasSingle(id) == union.singles.contains(id))
      #expect(union.startsWith(id) == union.firstWords.contains(id))
    }
  }

  /// Sets of every size, built word by word or at once, and unions of small and large ones: a
  /// set keeps a few words, or words far apart (40 among 20,000 ids), as a sorted list, and many
  /// as bits from its smallest id's block (2,000).
  @Test(arguments: [1, 2, 8, 9, 40, 2_000])
  func smallAndFarApartWordsAgreeWithTheSets(size: Int) {
    var random = SplitMix64(seed: UInt64(size))
    func ids() -> [Int32] { (0..<size).map { _ in Int32(random.next() % 20_000) } }
    var oneByOne = PhraseSet(), atOnce = PhraseSet()
    let words = ids(), firsts = ids()
    for w in words { oneByOne.insert([w]) }
    for f in firsts { oneByOne.insert([f, 7]) }
    atOnce.insert(contentsOf: words.map { [$0] } + firsts.map { [$0, 7] })
    var small = PhraseSet()
    small.insert([19_999])
    small.insert([3])
    var grown = small
    grown.formUnion(oneByOne)
    var other = oneByOne
    other.formUnion(small)
    for set in [oneByOne, atOnce, grown, other] {
      let singles = Set(set.singles), firsts = Set(set.firstWords)
      for id in Int32(-1)..<20_001 {
        #expect(set.hasSingle(id) == singles.contains(id))
        #expect(set.startsWith(id) == firsts.contains(id))
      }
    }
    #expect(Set(oneByOne.multi.map { $0 }) == Set(atOnce.multi.map { $0 }))
    #expect(grown.hasSingle(19_999) && grown.hasSingle(3) && other.hasSingle(19_999))
  }
}
