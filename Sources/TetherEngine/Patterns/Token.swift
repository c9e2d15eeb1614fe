/// One normalized word of a user's line.
package struct Token: Sendable, Equatable {
  /// The word after contractions, substitutions and swaps, lower-cased.
  package var word: String
  /// `word`'s id in the scenario's vocabulary.
  package var id: Int32
  /// The id of the word as typed (before a swap): keywords are recognized on it.
  package var key: Int32

  package init(word: String, id: Int32, key: Int32) {
    self.word = word
    self.id = id
    self.key = key
  }
}

/// A normalized line: its words and where each clause starts.
package struct NormalizedLine: Sendable, Equatable {
  package var tokens: [Token] = []
  /// Indices into `tokens` where a clause starts (the first is always 0).
  package var clauseStarts: [Int] = [0]
  /// Indices into `tokens` where a delimiter mark (punctuation) stood, whatever the clause mode:
  /// signal readings keep to one clause.
  package var breaks: [Int] = []

  package init() {}

  /// Emptied for a new line, its buffers kept (a line lent by ``Matcher/spareLine``).
  mutating func reset() {
    // One at a time: `removeAll(keepingCapacity:)` goes through the generic `replaceSubrange`
    // (about 410 instructions a line of ten words, by callgrind; this, about 370).
    while !tokens.isEmpty { tokens.removeLast() }
    if clauseStarts.count != 1 {
      clauseStarts.removeAll(keepingCapacity: true)
      clauseStarts.append(0)
    }
    if !breaks.isEmpty { breaks.removeAll(keepingCapacity: true) }
  }

  /// The clauses as ranges of `tokens`.
  package var clauses: [Range<Int>] {
    var result: [Range<Int>] = []
    for (i, start) in clauseStarts.enumerated() {
      let end = i + 1 < clauseStarts.count ? clauseStarts[i + 1] : tokens.count
      if end > start { result.append(start..<end) }
    }
    return result
  }

  /// The words joined by spaces.
  package var text: String { Self.joined(tokens[...]) }

  /// The tokens' words joined by single spaces, copied into the string's own storage once:
  /// appending word by word to a string, or gathering bytes and decoding them, costs more on
  /// every turn.
  package static func joined(_ tokens: ArraySlice<Token>) -> String {
    var total = 0
    for t in tokens { total += t.word.utf8.count + 1 }
    if total <= 1 { return tokens.first?.word ?? "" }
    return String(unsafeUninitializedCapacity: total - 1) { buffer in
      var k = 0
      for t in tokens {
        if k > 0 {
          buffer[k] = 32
          k += 1
        }
        k = copy(t.word, into: buffer, at: k)
      }
      return k
    }
  }

  /// Words joined by single spaces (as ``joined(_:)-(ArraySlice<Token>)`` does for tokens).
  package static func joined(_ words: [String]) -> String {
    var total = 0
    for w in words { total += w.utf8.count + 1 }
    if total <= 1 { return words.first ?? "" }
    return String(unsafeUninitializedCapacity: total - 1) { buffer in
      var k = 0
      for w in words {
        if k > 0 {
          buffer[k] = 32
          k += 1
        }
        k = copy(w, into: buffer, at: k)
      }
      return k
    }
  }

  /// Copies the word's bytes into `buffer` from `k`; returns where they end.
  @inline(__always)
  static func copy(_ word: String, into buffer: UnsafeMutableBufferPointer<UInt8>, at k: Int) -> Int {
    if let n = word.utf8.withContiguousStorageIfAvailable({ source -> Int in
      // Byte by byte: most words are a few bytes, and a call to `memcpy` for each cost more
      // than the copy (about 200 instructions of a neutral turn, by callgrind).
      guard let from = source.baseAddress, let to = buffer.baseAddress else { return 0 }
      for i in 0..<source.count { (to + k + i).initialize(to: from[i]) }
      return source.count
    }) {
      return k + n
    }
    var end = k
    for b in word.utf8 {
      buffer[end] = b
      end += 1
    }
    return end
  }
}
