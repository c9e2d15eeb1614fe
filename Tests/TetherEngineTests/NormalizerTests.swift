import Testing

@testable import TetherEngine

struct NormalizerTests {
  func words(_ text: String, _ spec: LexiconSpec = LexiconSpec(location: .init(file: "", line: 1, column: 1))) -> String
  {
    Normalizer.normalize(text, lexicon: Lexicon(spec), vocabulary: Vocabulary()).text
  }

  @Test(arguments: [
    ("Hello, WORLD!", "hello world"),
    ("I’m “fine”", "i'm fine"),
    ("ＦＵＬＬ　ｗｉｄｔｈ", "full width"),
    ("self-harm", "self harm"),
    ("'quoted' words'", "quoted words"),
    ("Café ÉTÉ", "café été"),
    ("a\u{1B}[31mred\u{07}", "a 31mred"),
    ("", ""),
  ])
  func foldsCaseUnicodeAndPunctuation(input: String, expected: String) {
    #expect(words(input) == expected)
  }

  @Test("One scan for two lexicons gives the lines two scans give")
  func pairScanMatchesTwoScans() throws {
    let shipped = try SignalEvaluationTests.detector()
    var spec = LexiconSpec(location: .init(file: "", line: 1, column: 1))
    spec.contractions = [(Located("i'm", spec.location), "i am")]
    let own = Lexicon(spec)
    var ownWords = Vocabulary()
    for w in ["i", "am", "feel", "sad", "rope"] { _ = ownWords.intern(w) }
    let lines = [
      "I'm fine, really. the rope's in my car; tonight!", "idk man… i just can’t", "Café ÉTÉ? ok bye",
      "ＦＵＬＬ　ｗｉｄｔｈ, then: more", "", "   ", "'quoted' words' and don't", "a\u{1B}[31mred\u{07} 12 kms",
      "gonna crash lol. night x", String(repeating: "word, ", count: 300), "byeeee 😘", "sooo tiiired. gooodnight",
      "i feeeel saaaad", "aaaargh zzz hmmm",
    ]
    for line in lines {
      let (a, b) = Normalizer.normalize(
        line, lexicon: own, vocabulary: ownWords, and: shipped.lexicon, shipped.vocabulary)
      #expect(a == Normalizer.normalize(line, lexicon: own, vocabulary: ownWords), "\(line)")
      #expect(b == Normalizer.normalize(line, lexicon: shipped.lexicon, vocabulary: shipped.vocabulary), "\(line)")
    }
  }

  @Test("A word stretched for emphasis is read as the shortening the vocabulary or the lexicon knows")
  func stretchedWords() {
    var spec = LexiconSpec(location: .init(file: "", line: 1, column: 1))
    spec.substitutions = [(Located("plz", spec.location), "please")]
    let lexicon = Lexicon(spec)
    var vocabulary = Vocabulary()
    for w in ["bye", "goodbye", "sleep", "so", "tired", "cool", "please"] { _ = vocabulary.intern(w) }
    var marked = vocabulary
    marked.markSpecial(for: lexicon)
    for v in [vocabulary, marked] {
      func read(_ text: String) -> String { Normalizer.normalize(text, lexicon: lexicon, vocabulary: v).text }
      #expect(read("byeeee") == "bye")
      #expect(read("GOODBYEEE!!") == "goodbye", "runs cut to two first, then to one")
      #expect(read("sleeeeep") == "sleep", "a double letter of the word is kept")
      #expect(read("soooo tiiired 😴") == "so tired", "also on a line with an emoji")
      #expect(read("coooool") == "cool")
      #expect(read("plzzz") == "please", "a shortening the lexicon rewrites")
      #expect(read("aaaargh zzz") == "aaaargh zzz", "kept as typed when no shortening is known")
      #expect(read("hellooo") == "hellooo", "an unknown word stays as typed")
      #expect(read("1000 bye") == "1000 bye", "digits are no stretched letters")
    }
  }

  @Test func expandsContractionsThenSubstitutions() {
    var spec = LexiconSpec(location: .init(file: "", line: 1, column: 1))
    spec.contractions = [(Located("i'm", spec.location), "i am")]
    spec.substitutions = [(Located("u", spec.location), "you"), (Located("im", spec.location), "i'm")]
    #expect(words("I'm sure u know, im here", spec) == "i am sure you know i am here")
  }

  @Test func splitsClausesAtDelimitersInFirstMode() {
    var spec = LexiconSpec(location: .init(file: "", line: 1, column: 1))
    spec.delimiters = [".", ",", "but"]
    spec.clauses = .first
    let line = Normalizer.normalize("Well, I think so but no. Yes", lexicon: Lexicon(spec), vocabulary: Vocabulary())
    #expect(line.clauses.map { line.tokens[$0].map(\.word).joined(separator: " ") } == ["well", "i think so", "no", "yes"])
  }

  @Test func normalizingIsIdempotent() {
    let samples = ["Hello, WORLD!", "I’m “fine”", "ＦＵＬＬ width", "don't   stop", "émigré ÇA", "x\u{0}y"]
    for s in samples {
      let once = words(s)
      #expect(words(once) == once)
    }
  }

  @Test func aMegabyteLineIsCutAtTheWordLimit() {
    let line = String(repeating: "word ", count: 200_000)
    let n = Normalizer.normalize(line, lexicon: Lexicon(), vocabulary: Vocabulary())
    #expect(n.tokens.count == Normalizer.maxWords)
  }
}

/// An emoji's variation selector is no word: "im out ✌️" ends with "out", so exit patterns
/// anchored at the end and `ends_clause` readings still hold; a combining accent stays in its word.
@Test("Emoji selectors are no words; combining accents stay in theirs")
func emojiSelectorsAreNoWords() {
  #expect(Normalizer.rawWords("im out ✌️") == ["im", "out"])
  #expect(Normalizer.rawWords("good night ❤️❤️") == ["good", "night"])
  #expect(Normalizer.rawWords("👍🏽 ok") == ["ok"])
  #expect(Normalizer.rawWords("cafe\u{301} time") == ["cafe\u{301}", "time"])
}

/// The ASCII fast path and the scalar path must split and fold every ASCII line the same way.
struct NormalizerFastPathTests {
  /// Every word and every delimiter mark (nil), in order.
  struct Marks: Normalizer.WordSink {
    var all: [String?] = []
    mutating func take(_ word: String?) { all.append(word) }
  }

  @Test func asciiFastPathAgreesWithTheScalarPath() {
    let alphabet = Array("aZb'c 9.,!?'' -Dd\"e\tx'y''") + ["\u{7F}", "\u{01}"]
    var random = SplitMix64(seed: 7)
    let delimiters: Set<Unicode.Scalar> = [".", ","]
    for _ in 0..<5_000 {
      let length = Int(random.next() % 24)
      let line = String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
      var fast = Marks()
      var slow = Marks()
      Normalizer.scanASCII(line, delimiters: delimiters, into: &fast)
      Normalizer.scanScalars(line, delimiters: delimiters, into: &slow)
      #expect(fast.all == slow.all, "\(line.debugDescription)")
    }
  }
}
