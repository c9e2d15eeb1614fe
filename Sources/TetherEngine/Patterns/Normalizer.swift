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
  }

  struct WordList: WordSink {
    var words: [String] = []
    mutating func take(_ word: String?) {
      if let word { words.append(word) }
    }
  }

  /// Hands `sink` each folded word, and `nil` at each delimiter mark.
  static func scan<S: WordSink>(_ text: String, delimiters: Set<Unicode.Scalar>, into sink: inout S) {
    if isASCII(text) {
      scanASCII(text, delimiters: delimiters, into: &sink)
      return
    }
    scanScalars(text, delimiters: delimiters, into: &sink)
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

  /// `scan` for a line of ASCII only (most lines): bytes in, no per-scalar work, and a word
  /// that is already lower case and apostrophe-free becomes a `String` straight from the bytes.
  static func scanASCII<S: WordSink>(_ text: String, delimiters: Set<Unicode.Scalar>, into sink: inout S) {
    var isDelimiter = (UInt64(0), UInt64(0))
    for d in delimiters where d.value < 128 {
      if d.value < 64 { isDelimiter.0 |= 1 << UInt64(d.value) } else { isDelimiter.1 |= 1 << UInt64(d.value - 64) }
    }
    var copy = text
    copy.withUTF8 { bytes in
      var start = -1  // where the current word starts, or -1
      var end = 0  // just after its last letter or digit
      var simple = true  // the word is bytes[start..<end] as typed
      var word: [UInt8] = []  // the word, once it differs from the bytes (capitals, apostrophes)
      var pendingApostrophe = false
      var emitted = 0
      for k in 0..<bytes.count {
        if emitted >= maxWords { return }
        var b = bytes[k]
        let upper = b >= 65 && b <= 90
        if upper { b += 32 }
        if (b >= 97 && b <= 122) || (b >= 48 && b <= 57) {
          if start < 0 {
            start = k
            simple = !upper
            if !simple {
              word.removeAll(keepingCapacity: true)
              word.append(b)
            }
          } else {
            if simple && (pendingApostrophe || upper) {
              simple = false
              word.removeAll(keepingCapacity: true)
              word.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
            }
            if !simple {
              if pendingApostrophe { word.append(39) }
              word.append(b)
            }
          }
          pendingApostrophe = false
          end = k + 1
          continue
        }
        if b == 39 {
          if start >= 0 { pendingApostrophe = true }
          continue
        }
        if start >= 0 {
          sink.take(
            simple
              ? String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
              : String(decoding: word, as: UTF8.self))
          emitted += 1
          start = -1
          pendingApostrophe = false
        }
        let delimiter = b < 64 ? isDelimiter.0 & (1 << UInt64(b)) != 0 : isDelimiter.1 & (1 << UInt64(b - 64)) != 0
        if delimiter { sink.take(nil) }
      }
      if start >= 0, emitted < maxWords {
        sink.take(
          simple
            ? String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            : String(decoding: word, as: UTF8.self))
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
        sink.take(nil)
      } else {
        flush()
      }
    }
    flush()
  }

  /// Normalizes a user line for a lexicon and vocabulary.
  package static func normalize(_ text: String, lexicon: Lexicon, vocabulary: Vocabulary) -> NormalizedLine {
    var builder = LineBuilder(lexicon: lexicon, vocabulary: vocabulary)
    builder.line.tokens.reserveCapacity(min(maxWords, text.utf8.count / 4 + 4))
    scan(text, delimiters: lexicon.delimiterScalars, into: &builder)
    builder.resolve(next: nil)
    if builder.line.clauseStarts.last == builder.line.tokens.count && builder.line.clauseStarts.count > 1 {
      builder.line.clauseStarts.removeLast()
    }
    return builder.line
  }

  /// One line being normalized: the scanner hands it each folded word and delimiter mark.
  struct LineBuilder: WordSink {
    let lexicon: Lexicon
    let vocabulary: Vocabulary
    let splitClauses: Bool
    var line = NormalizedLine()
    /// A texting form that is also a word waits for the next word to say what it is.
    var pending: (raw: String, previous: String?)?
    var previous: String?

    init(lexicon: Lexicon, vocabulary: Vocabulary) {
      self.lexicon = lexicon
      self.vocabulary = vocabulary
      splitClauses = lexicon.clauses == .first
    }

    mutating func take(_ raw: String?) {
      guard let raw else {
        resolve(next: nil)
        previous = nil
        return mark()
      }
      resolve(next: raw)
      // One hash for most words: a vocabulary marked for this lexicon answers both what the
      // word's id is and whether the lexicon changes it; texting forms are special words.
      let found = vocabulary.lookup(raw, for: lexicon)
      let special = found?.special ?? lexicon.special.contains(raw)
      if special, !lexicon.texting.isEmpty, lexicon.texting[raw] != nil {
        pending = (raw, previous)
      } else if let found, !special, !(lexicon.possessives && raw.utf8.last == 115) {
        line.tokens.append(Token(word: raw, id: found.id, key: found.id))
      } else {
        plain(raw, special: special)
      }
      previous = raw
    }

    mutating func mark() {
      if line.breaks.last != line.tokens.count { line.breaks.append(line.tokens.count) }
      if splitClauses, line.clauseStarts.last != line.tokens.count { line.clauseStarts.append(line.tokens.count) }
    }

    mutating func plain(_ raw: String, special: Bool? = nil) {
      if !(special ?? lexicon.special.contains(raw)) {
        // "dad's" is matched as "dad" (its possessive left out) and shown as typed.
        let id = vocabulary.id(raw.utf8.last == 115 ? lexicon.base(raw) : raw)
        line.tokens.append(Token(word: raw, id: id, key: id))
        return
      }
      if splitClauses && lexicon.delimiterWords.contains(raw) { return mark() }
      for word in lexicon.expand(raw) {
        let key = vocabulary.id(word)
        if let swapped = lexicon.swaps[word] {
          for (i, w) in swapped.enumerated() {
            line.tokens.append(Token(word: w, id: vocabulary.id(w), key: i == 0 ? key : Vocabulary.unknown))
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
