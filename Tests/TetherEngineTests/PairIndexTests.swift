import Testing

@testable import TetherEngine

/// The table of patterns filed under word pairs (`SignalDetector.byPair`) answers exactly as
/// the dictionary it was built from: every key its own patterns, in order, and any other key none.
struct PairIndexTests {
  @Test func answersAsTheDictionaryItWasBuiltFrom() {
    var random = SplitMix64(seed: 11)
    for size in [0, 1, 2, 7, 8, 9, 100, 3_000] {
      var byKey: [UInt64: [Int32]] = [:]
      while byKey.count < size {
        // Word ids as signal patterns file them (two Int32 ids in one key), many sharing a first word.
        let key = SignalDetector.pair(Int32(random.next() % 50), Int32(random.next() % 5_000))
        byKey[key, default: []] += (0..<(1 + random.next() % 3)).map { _ in Int32(random.next() % 10_000) }
      }
      let index = PairIndex(byKey)
      #expect(index.isEmpty == byKey.isEmpty)
      for (key, patterns) in byKey {
        #expect(Array(index.patterns(key)) == patterns, "size \(size), key \(key)")
      }
      for _ in 0..<1_000 {
        let key = SignalDetector.pair(Int32(random.next() % 60), Int32(random.next() % 6_000))
        #expect(Array(index.patterns(key)) == (byKey[key] ?? []), "size \(size), key \(key)")
      }
    }
  }
}

/// The vocabulary finds a word the same way from its string and from its bytes (the line
/// builder's fast path), across the growth of its table, and knows no word it was not given.
struct VocabularyLookupTests {
  @Test func bytesAndStringsFindTheSameIds() {
    var random = SplitMix64(seed: 5)
    let letters = Array("abcdefghijklmnopqrstuvwxyz'0123456789".utf8)
    func word() -> String {
      String(decoding: (0..<(1 + random.next() % 12)).map { _ in letters[Int(random.next() % UInt64(letters.count))] }, as: UTF8.self)
    }
    var vocabulary = Vocabulary()
    var ids: [String: Int32] = [:]
    for _ in 0..<2_000 {
      let w = word()
      let id = vocabulary.intern(w)
      if let known = ids[w] { #expect(id == known) } else { ids[w] = id }
    }
    let lexicon = Lexicon()
    vocabulary.markSpecial(for: lexicon)
    for (w, id) in ids {
      #expect(vocabulary.id(w) == id)
      #expect(vocabulary.word(id) == w)
      let found = Array(w.utf8).withUnsafeBufferPointer { vocabulary.lookup(bytes: $0, for: lexicon) }
      #expect(found?.id == id && found?.special == false, "\(w)")
    }
    for _ in 0..<2_000 {
      let w = word()
      let expected = ids[w] ?? Vocabulary.unknown
      #expect(vocabulary.id(w) == expected)
      let found = Array(w.utf8).withUnsafeBufferPointer { vocabulary.lookup(bytes: $0, for: lexicon) }
      #expect(found?.id == expected, "\(w)")
    }
  }
}
