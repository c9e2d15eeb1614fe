/// Turns a raw user line into normalized tokens: case, Unicode, punctuation, contractions, swaps.
package enum Normalizer {
  /// The most words of one line that are read; the rest is ignored.
  package static let maxWords = 10_000

  /// Folds one scalar: curly quotes to straight ones, full-width letters to ASCII, upper to lower case.
  @inline(__always)
  static func fold(_ s: Unicode.Scalar) -> Unicode.Scalar {
    let v = s.value
    if v < 0x80 {
      if v >= 65 && v <= 90 { return Unicode.Scalar(v + 32)! }
      return s
    }
    switch v {
    case 0x2018, 0x2019, 0x201B, 0x2032, 0x02BC, 0x0060, 0x00B4: return "'"
    case 0x201C, 0x201D, 0x201E, 0x2033: return "\""
    case 0x2026: return "."
    case 0xFF01...0xFF5E: return fold(Unicode.Scalar(v - 0xFEE0)!)
    case 0x3002, 0xFF61: return "."
    case 0x3001, 0xFF64: return ","
    default: return s
    }
  }

  @inline(__always)
  static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
    let v = s.value
    if v < 0x80 {
      return (v >= 97 && v <= 122) || (v >= 48 && v <= 57) || (v >= 65 && v <= 90)
    }
    let p = s.properties
    return p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
  }

  /// Lower-cases and folds one word written in a scenario file.
  package static func foldWord(_ word: String) -> String {
    rawWords(word).joined(separator: " ")
  }

  /// Splits text into folded words, dropping punctuation (no delimiters, no lexicon).
  package static func rawWords(_ text: String) -> [String] {
    var sink = WordList()
    scan(text, delimiters: [], into: &sink)
    return sink.words
  }

  /// What the scanner hands its words to: each folded word, and each delimiter mark (`nil`).
  /// A struct passed `inout`, not a closure: a closure would box every variable it captures and
  /// check each access to them at run time, for every word of every line.
  protocol WordSink {
    mutating func take(_ word: String?)
    /// A folded word of ASCII letters, digits and apostrophes, as bytes: a sink that can find
    /// it without making it a string first saves that on most words of most lines.
    mutating func take(ascii word: UnsafeBufferPointer<UInt8>)
    /// A delimiter mark, and the scalar that made it: a sink that serves two lexicons (see
    /// ``PairBuilder``) passes it on to those that hold it.
    mutating func take(delimiter: Unicode.Scalar)
  }

  struct WordList: WordSink {
    var words: [String] = []
    mutating func take(_ word: String?) {
      if let word { words.append(word) }
    }
  }

  /// Hands `sink` each folded word, and `nil` at each delimiter mark.
  static func scan<S: WordSink>(_ text: String, delimiters: Set<Unicode.Scalar>, into sink: inout S) {
    scan(text, delimiters: delimiters, ascii: asciiMask(delimiters), into: &sink)
  }

  /// `scan` with the ASCII delimiters already as bits (a lexicon keeps them so).
  static func scan<S: WordSink>(
    _ text: String, delimiters: Set<Unicode.Scalar>, ascii: (UInt64, UInt64), into sink: inout S
  ) {
    if isASCII(text) {
      scanASCII(text, delimiters: ascii, into: &sink)
      return
    }
    scanScalars(text, delimiters: delimiters, into: &sink)
  }

  /// The ASCII scalars of a delimiter set as bits: codes 0–63, then 64–127.
  static func asciiMask(_ delimiters: Set<Unicode.Scalar>) -> (UInt64, UInt64) {
    var mask = (UInt64(0), UInt64(0))
    for d in delimiters where d.value < 128 {
      if d.value < 64 { mask.0 |= 1 << UInt64(d.value) } else { mask.1 |= 1 << UInt64(d.value - 64) }
    }
    return mask
  }

  /// True when the ASCII code `v` (below 128) is one of a mask's delimiters.
  @inline(__always)
  static func inMask(_ v: UInt32, _ mask: (UInt64, UInt64)) -> Bool {
    v < 64 ? mask.0 & (1 << UInt64(v)) != 0 : mask.1 & (1 << UInt64(v - 64)) != 0
  }

  /// True when every byte of the text is ASCII (checked over its contiguous bytes, eight at a time).
  static func isASCII(_ text: String) -> Bool {
    if let answer = text.utf8.withContiguousStorageIfAvailable({ bytes -> Bool in
      var k = 0
      let n = bytes.count
      var any: UInt64 = 0
      if let base = bytes.baseAddress {
        let raw = UnsafeRawPointer(base)
        while k + 8 <= n {
          any |= raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
          k += 8
        }
      }
      while k < n {
        any |= UInt64(bytes[k])
        k += 1
      }
      return any & 0x8080_8080_8080_8080 == 0
    }) {
      return answer
    }
    return text.utf8.allSatisfy { $0 < 0x80 }
  }

  /// `scan` for a line of ASCII only (most lines): bytes in, no per-scalar work, a word at a
  /// time (a tight loop over its letters, whose branches the processor predicts), and a word
  /// that is already lower case is handed over as the bytes typed.
  static func scanASCII<S: WordSink>(_ text: String, delimiters: Set<Unicode.Scalar>, into sink: inout S) {
    scanASCII(text, delimiters: asciiMask(delimiters), into: &sink)
  }

  static func scanASCII<S: WordSink>(_ text: String, delimiters isDelimiter: (UInt64, UInt64), into sink: inout S) {
    var copy = text
    copy.withUTF8 { bytes in
      let n = bytes.count
      var k = 0
      var emitted = 0
      var word: [UInt8] = []  // a word whose folded form differs from its bytes (capitals, '')
      while k < n {
        if emitted >= maxWords { return }
        let b = bytes[k]
        if !(b &- 97 < 26 || b &- 48 < 10 || b &- 65 < 26) {
          // Not in a word: an apostrophe with no word before it is dropped, a delimiter marked.
          if b != 39, inMask(UInt32(b), isDelimiter) {
            sink.take(delimiter: Unicode.Scalar(b))
          }
          k += 1
          continue
        }
        // A word: letters and digits, with apostrophes inside it ("don't"); apostrophes after
        // its last letter are dropped, and a run of them inside it counts as one.
        let start = k
        var end = k
        var simple = true
        var apostrophes = 0
        while k < n {
          let c = bytes[k]
          if c &- 97 < 26 || c &- 48 < 10 {
            if apostrophes > 1 { simple = false }
            apostrophes = 0
          } else if c &- 65 < 26 {
            simple = false
            apostrophes = 0
          } else if c == 39 {
            apostrophes += 1
            k += 1
            continue
          } else {
            break
          }
          k += 1
          end = k
        }
        if simple {
          sink.take(ascii: UnsafeBufferPointer(rebasing: bytes[start..<end]))
        } else {
          word.removeAll(keepingCapacity: true)
          var apostrophe = false
          for j in start..<end {
            let c = bytes[j]
            if c == 39 {
              apostrophe = true
              continue
            }
            if apostrophe {
              word.append(39)
              apostrophe = false
            }
            word.append(c &- 65 < 26 ? c + 32 : c)
          }
          word.withUnsafeBufferPointer { sink.take(ascii: $0) }
        }
        emitted += 1
      }
    }
  }

  /// `scan` for a line with non-ASCII text: scalar by scalar, folded.
  static func scanScalars<S: WordSink>(_ text: String, delimiters: Set<Unicode.Scalar>, into sink: inout S) {
    var current = String.UnicodeScalarView()
    var pendingApostrophe = false
    var emitted = 0
    func flush() {
      if !current.isEmpty {
        var word = String(current)
        if word.unicodeScalars.contains(where: { $0.value >= 0x80 }) { word = word.lowercased() }
        sink.take(word)
        emitted += 1
      }
      current = String.UnicodeScalarView()
      pendingApostrophe = false
    }
    for raw in text.unicodeScalars {
      if emitted >= maxWords { return }
      let s = fold(raw)
      // A combining mark belongs to the letter before it ("café" written with U+0301); with no
      // word before it, it is an emoji's variation selector ("✌️" is U+270C U+FE0F) or a stray
      // mark, and no word of its own.
      if isWordScalar(s) && (!current.isEmpty || s.properties.generalCategory != .nonspacingMark) {
        if pendingApostrophe {
          current.append("'")
          pendingApostrophe = false
        }
        current.append(s)
      } else if s == "'" && !current.isEmpty {
        pendingApostrophe = true
      } else if delimiters.contains(s) {
        flush()
        sink.take(delimiter: s)
      } else {
        flush()
      }
    }
    flush()
  }

  /// Normalizes a user line for a lexicon and vocabulary.
  package static func normalize(_ text: String, lexicon: Lexicon, vocabulary: Vocabulary) -> NormalizedLine {
    var none: NormalizedLine?
    return normalize(text, lexicon: lexicon, vocabulary: vocabulary, reusing: &none)
  }

  /// `reusing`: a line of an earlier turn whose buffers the line is built in (see
  /// ``Matcher/spareLine``), taken out (nil after), or nil. Taken, not copied: a line shared
  /// with the caller would be copied on its first change.
  package static func normalize(
    _ text: String, lexicon: Lexicon, vocabulary: Vocabulary, reusing spare: inout NormalizedLine?
  ) -> NormalizedLine {
    // The builder reads the vocabulary in place: a copy of it in the builder retained (and
    // then released) each of its tables, on every line.
    withUnsafePointer(to: vocabulary) { normalize(text, lexicon: lexicon, vocabulary: $0, reusing: spare.take()) }
  }

  static func normalize(
    _ text: String, lexicon: Lexicon, vocabulary: UnsafePointer<Vocabulary>, reusing spare: consuming NormalizedLine?
  ) -> NormalizedLine {
    var builder = LineBuilder(lexicon: lexicon, vocabulary: vocabulary, reusing: spare)
    builder.line.tokens.reserveCapacity(min(maxWords, text.utf8.count / 4 + 4))
    scan(text, delimiters: lexicon.delimiterScalars, ascii: lexicon.asciiDelimiters, into: &builder)
    return builder.finished()
  }

  /// Normalizes a user line twice in one scan: for the rules (`lexicon`, `vocabulary`) and for
  /// the signals (`other`, `otherVocabulary`), when a scenario plays a lexicon or words of its
  /// own. A word is found the same way whatever the lexicon (only the delimiter marks differ),
  /// so the line's bytes are read once and each word handed to both lines: about 1,600
  /// instructions fewer a neutral turn than two scans (callgrind).
  package static func normalize(
    _ text: String, lexicon: Lexicon, vocabulary: Vocabulary, and other: Lexicon, _ otherVocabulary: Vocabulary
  ) -> (NormalizedLine, NormalizedLine) {
    var none: NormalizedLine?
    var otherNone: NormalizedLine?
    return normalize(
      text, lexicon: lexicon, vocabulary: vocabulary, and: other, otherVocabulary, reusing: &none, &otherNone)
  }

  /// ``normalize(_:lexicon:vocabulary:and:_:)``, the lines built in the buffers of earlier ones.
  ///
  /// `reusing`: lines of an earlier turn whose buffers the two lines are built in (see
  /// ``Matcher/spareLine``), taken out (nil after), or nil.
  package static func normalize(
    _ text: String, lexicon: Lexicon, vocabulary: Vocabulary, and other: Lexicon, _ otherVocabulary: Vocabulary,
    reusing spare: inout NormalizedLine?, _ otherSpare: inout NormalizedLine?
  ) -> (NormalizedLine, NormalizedLine) {
    withUnsafePointer(to: vocabulary) { first in
      withUnsafePointer(to: otherVocabulary) { second in
        var pair = PairBuilder(
          first: LineBuilder(lexicon: lexicon, vocabulary: first, reusing: spare.take()),
          second: LineBuilder(lexicon: other, vocabulary: second, reusing: otherSpare.take()))
        let room = min(maxWords, text.utf8.count / 4 + 4)
        pair.first.line.tokens.reserveCapacity(room)
        pair.second.line.tokens.reserveCapacity(room)
        if isASCII(text) {
          let a = lexicon.asciiDelimiters, b = other.asciiDelimiters
          scanASCII(text, delimiters: (a.0 | b.0, a.1 | b.1), into: &pair)
        } else {
          scanScalars(text, delimiters: lexicon.delimiterScalars.union(other.delimiterScalars), into: &pair)
        }
        return (pair.first.finished(), pair.second.finished())
      }
    }
  }

  /// Two lines being normalized from one scan: each word goes to both, each delimiter mark to
  /// the lines whose lexicon holds that delimiter.
  struct PairBuilder: WordSink {
    var first: LineBuilder
    var second: LineBuilder

    mutating func take(_ word: String?) {
      first.take(word)
      second.take(word)
    }

    /// The word is hashed once for both vocabularies (they hash alike), and its text is made
    /// once: it is the string of whichever vocabulary holds it, or one string built for both.
    /// A word of a line most often is one of the two vocabularies' (a neutral line's filler
    /// words are the shared lexicon's, not the rules'): about 1,000 instructions of a neutral
    /// turn were spent building again a string one of them already held (callgrind).
    mutating func take(ascii word: UnsafeBufferPointer<UInt8>) {
      let hash = Vocabulary.hash(word)
      let a = first.plainID(ascii: word, hash: hash)
      let b = second.plainID(ascii: word, hash: hash)
      // A word stretched for emphasis ("byeee") that the signals' words do not hold as typed:
      // each line shortens it as its own vocabulary knows it (``LineBuilder/unstretched(_:)``).
      // Asked only then: most words of a neutral line are no word of its rules, and looking
      // each for a stretch cost about 260 instructions a turn (callgrind).
      if b == Vocabulary.unknown, Normalizer.isStretched(word) {
        first.take(ascii: word, hash: hash)
        second.take(ascii: word, hash: hash)
        return
      }
      let text: String
      if let a, a >= 0 {
        text = first.vocabulary.pointee.words[Int(a)]
      } else if let b, b >= 0 {
        text = second.vocabulary.pointee.words[Int(b)]
      } else {
        text = Normalizer.string(ascii: word)
      }
      if let a { first.append(text, id: a) } else { first.take(text) }
      if let b { second.append(text, id: b) } else { second.take(text) }
    }

    mutating func take(delimiter: Unicode.Scalar) {
      if first.lexicon.holdsDelimiter(delimiter) { first.take(nil) }
      if second.lexicon.holdsDelimiter(delimiter) { second.take(nil) }
    }
  }

  /// One line being normalized: the scanner hands it each folded word and delimiter mark.
  struct LineBuilder: WordSink {
    let lexicon: Lexicon
    /// Valid for the builder's life: `normalize` holds the vocabulary while it runs.
    let vocabulary: UnsafePointer<Vocabulary>
    let splitClauses: Bool
    var line: NormalizedLine
    /// A texting form that is also a word waits for the next word to say what it is.
    var pending: (raw: String, previous: String?)?
    /// The word before, as typed, when it is not the last token's own text. Most words become a
    /// token as they are: for those only `previousIsToken` is set, and no string is stored (a
    /// retain and a release, for each word of both lines of a neutral turn: about 600
    /// instructions, by callgrind). Read only where a texting form waits for the next word,
    /// which a word taken as a token never does, so the last token is still that word's then.
    var previousText: String?
    var previousIsToken = false
    var previous: String? { previousIsToken ? line.tokens.last?.word : previousText }

    /// `reusing`: a line of an earlier turn, emptied here, whose buffers this line is built in:
    /// a new line allocated its tokens' and clauses' arrays on every turn, and freed them after
    /// (with the signal reader's ids, see ``Matcher/spareIDs``, about 650 instructions fewer a
    /// neutral turn, by callgrind).
    init(lexicon: Lexicon, vocabulary: UnsafePointer<Vocabulary>, reusing spare: NormalizedLine? = nil) {
      self.lexicon = lexicon
      self.vocabulary = vocabulary
      splitClauses = lexicon.clauses == .first
      line = spare ?? NormalizedLine()
      line.reset()
    }

    mutating func take(_ raw: String?) {
      guard let raw else {
        resolve(next: nil)
        previousText = nil
        previousIsToken = false
        return mark()
      }
      resolve(next: raw)
      // One hash for most words: a vocabulary marked for this lexicon answers both what the
      // word's id is and whether the lexicon changes it; texting forms are special words.
      let found = vocabulary.pointee.lookup(raw, for: lexicon)
      let special = found?.special ?? lexicon.special.contains(raw)
      // A stretched word ("byeee") the vocabulary does not know: the scan for a stretch comes
      // before a second lookup, which only a vocabulary not marked for the lexicon needs.
      if !special, Normalizer.isASCII(raw), Vocabulary.withBytes(raw, Normalizer.isStretched),
        (found?.id ?? vocabulary.pointee.id(raw)) == Vocabulary.unknown,
        let known = Vocabulary.withBytes(raw, { unstretched($0) })
      {
        return take(String(decoding: known, as: UTF8.self))
      }
      if special, !lexicon.texting.isEmpty, lexicon.texting[raw] != nil {
        pending = (raw, previous)
      } else if let found, !special, !(lexicon.possessives && raw.utf8.last == 115) {
        line.tokens.append(Token(word: raw, id: found.id, key: found.id))
      } else {
        plain(raw, special: special)
      }
      previousText = raw
      previousIsToken = false
    }

    /// Most words: one the vocabulary holds and the lexicon leaves alone becomes a token
    /// whose text is the vocabulary's own string, found from the bytes; any other goes the
    /// long way, as a string.
    mutating func take(ascii bytes: UnsafeBufferPointer<UInt8>) {
      take(ascii: bytes, hash: Vocabulary.hash(bytes))
    }

    /// ``take(ascii:)`` with the word's ``Vocabulary/hash(_:)`` already taken.
    @inline(__always)
    mutating func take(ascii bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) {
      guard let id = plainID(ascii: bytes, hash: hash) else { return take(Normalizer.string(ascii: bytes)) }
      if id == Vocabulary.unknown, Normalizer.isStretched(bytes), let known = unstretched(bytes) {
        return known.withUnsafeBufferPointer { take(ascii: $0) }
      }
      // A word the scenario never mentions keeps its text as typed, and no id.
      append(id >= 0 ? vocabulary.pointee.words[Int(id)] : Normalizer.string(ascii: bytes), id: id)
    }

    /// A word stretched for emphasis ("byeee", "sooo", "nightttt"), which the vocabulary does not
    /// know as typed: the first of its shortenings, each run of three or more of one letter cut
    /// to two ("sleeeep": "sleep"), then to one ("goodbyeee": "goodbye"), that the vocabulary or
    /// the lexicon knows; nil when neither does (the word is kept as typed).
    func unstretched(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
      for keep in [2, 1] {
        let form = Normalizer.shortened(bytes, keep: keep)
        let known = form.withUnsafeBufferPointer { form -> Bool in
          if let found = vocabulary.pointee.lookup(bytes: form, for: lexicon) { return found.id >= 0 || found.special }
          let word = Normalizer.string(ascii: form)
          return vocabulary.pointee.id(word) >= 0 || lexicon.special.contains(word)
        }
        if known { return form }
      }
      return nil
    }

    /// The id of a word that becomes a token as it is (``Vocabulary/unknown`` for a word the
    /// scenario never mentions), or nil when the word must go the long way: a special word of the
    /// lexicon, a possessive, or a word after a texting form still waiting for it.
    @inline(__always)
    func plainID(ascii bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32? {
      let n = bytes.count
      guard pending == nil, let found = vocabulary.pointee.lookup(bytes: bytes, hash: hash, for: lexicon), !found.special,
        !(lexicon.possessives && n > 2 && bytes[n - 1] == 115 && bytes[n - 2] == 39)
      else { return nil }
      return found.id
    }

    /// A word that becomes a token as it is, with its text and id (see ``plainID(ascii:hash:)``).
    @inline(__always)
    mutating func append(_ word: String, id: Int32) {
      line.tokens.append(Token(word: word, id: id, key: id))
      previousIsToken = true
    }

    /// The line, once the scanner is done.
    mutating func finished() -> NormalizedLine {
      resolve(next: nil)
      if line.clauseStarts.last == line.tokens.count && line.clauseStarts.count > 1 {
        line.clauseStarts.removeLast()
      }
      return line
    }

    mutating func mark() {
      if line.breaks.last != line.tokens.count { line.breaks.append(line.tokens.count) }
      if splitClauses, line.clauseStarts.last != line.tokens.count { line.clauseStarts.append(line.tokens.count) }
    }

    mutating func plain(_ raw: String, special: Bool? = nil) {
      if !(special ?? lexicon.special.contains(raw)) {
        // "dad's" is matched as "dad" (its possessive left out) and shown as typed.
        let id = vocabulary.pointee.id(raw.utf8.last == 115 ? lexicon.base(raw) : raw)
        line.tokens.append(Token(word: raw, id: id, key: id))
        return
      }
      if splitClauses && lexicon.delimiterWords.contains(raw) { return mark() }
      for word in lexicon.expand(raw) {
        let key = vocabulary.pointee.id(word)
        if let swapped = lexicon.swaps[word] {
          for (i, w) in swapped.enumerated() {
            line.tokens.append(Token(word: w, id: vocabulary.pointee.id(w), key: i == 0 ? key : Vocabulary.unknown))
          }
        } else {
          line.tokens.append(Token(word: word, id: key, key: key))
        }
      }
    }

    mutating func resolve(next: String?) {
      guard let (raw, before) = pending else { return }
      pending = nil
      if let next, let rule = lexicon.texting[raw]?.first(where: {
        $0.before.contains(next) && !(before.map($0.notAfter.contains) ?? false)
      }) {
        for w in rule.words { plain(w) }
      } else {
        plain(raw)
      }
    }
  }
}

extension Normalizer {
  /// True when a letter stands three times or more in a row ("byeee"): no English word has one.
  @inline(__always)
  static func isStretched(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var k = 2
    while k < bytes.count {
      let c = bytes[k]
      if c == bytes[k - 1] && c == bytes[k - 2] && c &- 97 < 26 { return true }
      k += 1
    }
    return false
  }

  /// The word with each run of three or more of one letter cut to `keep` letters.
  static func shortened(_ bytes: UnsafeBufferPointer<UInt8>, keep: Int) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var k = 0
    while k < bytes.count {
      let c = bytes[k]
      var end = k + 1
      while end < bytes.count && bytes[end] == c { end += 1 }
      let run = end - k
      out.append(contentsOf: repeatElement(c, count: run >= 3 && c &- 97 < 26 ? keep : run))
      k = end
    }
    return out
  }

  /// A string of bytes known to be ASCII (a word of the ASCII scanner). Built through
  /// `String(unsafeUninitializedCapacity:)`, which makes a word of up to 15 bytes a small string
  /// with one ASCII test; `String(decoding:as:)` validated it as UTF-8 first. Most words of a
  /// neutral line are no word of its scenario: about 370 instructions a turn saved (callgrind).
  @inline(__always)
  static func string(ascii bytes: UnsafeBufferPointer<UInt8>) -> String {
    String(unsafeUninitializedCapacity: bytes.count) { buffer in
      guard let source = bytes.baseAddress, let target = buffer.baseAddress else { return 0 }
      target.initialize(from: source, count: bytes.count)
      return bytes.count
    }
  }
}

extension Normalizer.WordSink {
  /// A sink that only takes strings gets the word as one.
  mutating func take(ascii word: UnsafeBufferPointer<UInt8>) {
    take(Normalizer.string(ascii: word))
  }

  /// A sink of one lexicon marks every delimiter the same way.
  mutating func take(delimiter: Unicode.Scalar) {
    take(nil)
  }
}
