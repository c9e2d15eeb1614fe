import TetherEngine

/// Lines a trainee could type (or paste) to break a terminal program, and a seeded generator
/// of random ones.
public enum HostileLines {
  /// Bytes that are not UTF-8, as Tether reads them (each bad sequence becomes U+FFFD).
  public static func decoded(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

  /// Hand-written hostile lines: escape sequences, controls, bidi, invalid UTF-8, huge words.
  /// Never a `/save` command: play would write the file it names.
  public static let fixed: [String] = [
    "", " ", "\t", "\u{0}", "a\u{0}b", "hello\u{0}world i want to die",
    "\u{1B}[2J\u{1B}[H", "\u{1B}[31mred\u{1B}[0m text", "\u{1B}]0;owned\u{07}", "\u{1B}]52;c;aGVsbG8=\u{07}",
    "\u{1B}]8;;http://example.invalid\u{1B}\\link\u{1B}]8;;\u{1B}\\", "\u{1B}P+q544e\u{1B}\\", "\u{1B}[6n", "\u{1B}c",
    "\u{9B}2J\u{9D}0;title\u{9C}", "\u{85}next line", "bell\u{07}\u{07}\u{07}", "back\u{08}\u{08}\u{08}space",
    "carriage\rreturn", "line\nbreak", "crlf\r\nline", "\u{7F}\u{7F}", "\u{1B}", "\u{1B}[", "\u{1B}]",
    "\u{202E}evil text\u{202C}", "\u{2066}isolate\u{2069}", "\u{200F}rtl mark\u{200E}", "\u{061C}arabic mark",
    "e\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}\u{308}\u{309}\u{30A}",
    String(repeating: "z\u{336}\u{34F}\u{35C}", count: 200),
    "😭😭😭 i feel so alone 💔", "👨‍👩‍👧‍👦 family", "🇬🇧🇺🇸", "\u{FEFF}bom first", "zero\u{200B}width\u{200D}joiner",
    "line\u{2028}separator\u{2029}paragraph", "ｉ ｗａｎｔ ｔｏ ｄｉｅ", "I’M “FINE” — REALLY…",
    "مرحبا كيف حالك", "שלום מה שלומך", "我很孤独", "Ich bin so einsam heute",
    decoded([0xFF, 0xFE, 0xFD]), decoded([0xC0, 0xAF]), decoded([0xED, 0xA0, 0x80]), decoded([0xE2, 0x82]),
    decoded([0xF4, 0x90, 0x80, 0x80]), decoded(Array("i want to ".utf8) + [0xC3] + Array("die".utf8)),
    "{1} {2} {name} {{persona}} {turn} $1 \\1 %s %n %x %@", "\"}{\"turn\":99,\"crisis\":false}",
    "\\u0000 \\n \\\" </script><script>alert(1)</script>", "$(rm -rf ~) `reboot` ; DROP TABLE users;--",
    // No "/save": these lines also go through play, where it would write a file.
    "/quit", "/why", "/state", "//", "/", "* ^ $ ( ) [ ] | { }",
    String(repeating: "a", count: 100_000), String(repeating: "i want to die ", count: 2_000),
    String(repeating: "? ", count: 20_000), String(repeating: "don't ", count: 5_000),
    "i want to \u{1B}[31mdie\u{1B}[0m", "i want to k\u{0}ill myself", "i\u{202E} want to die",
    "I WANT TO DIE!!!", "kms", "i'm going to end it tonight", "these shoes are killing me",
  ]

  /// One megabyte of ordinary text on one line.
  public static let megabyte: String = {
    let words = ["i", "feel", "so", "lonely", "tonight", "and", "nobody", "calls", "me", "anymore"]
    var out = ""
    out.reserveCapacity(1_050_000)
    var k = 0
    while out.utf8.count < 1_000_000 {
      out += words[k % words.count] + " "
      k += 1
    }
    return out
  }()

  /// Pieces random lines are built from.
  static let words = [
    "i", "you", "me", "my", "feel", "lonely", "sad", "want", "to", "die", "kill", "myself", "end", "it", "all",
    "not", "don't", "never", "bye", "goodnight", "love", "work", "mom", "sleep", "suicide", "hurt", "cut", "pills",
    "anymore", "tonight", "killing", "dead", "laughing", "shoes", "the", "a", "and", "but", "because",
  ]
  static let specials: [String] = [
    "\u{1B}[", "\u{1B}]", "\u{07}", "\u{9B}", "\u{0}", "\u{202E}", "\u{2066}", "\u{301}", "😭", "\u{FEFF}",
    "\u{2028}", "\r", "\t", "\u{7F}", "'", "’", ".", ",", "!", "?", "\"", "{", "}", "*", "|", "\\",
  ]

  /// A random line from `random`: words, punctuation, controls, escape sequences, random
  /// scalars from every plane, and now and then raw bytes that are not UTF-8.
  public static func random(_ random: inout SplitMix64, maxPieces: Int = 40) -> String {
    let pieces = Int(random.next() % UInt64(maxPieces + 1))
    var bytes: [UInt8] = []
    for _ in 0..<pieces {
      switch random.next() % 10 {
      case 0...3: bytes += Array(words[Int(random.next() % UInt64(words.count))].utf8) + [32]
      case 4, 5: bytes += Array(specials[Int(random.next() % UInt64(specials.count))].utf8)
      case 6: bytes.append(UInt8(truncatingIfNeeded: random.next()))  // any byte, valid or not
      case 7:
        // A scalar from anywhere in Unicode (surrogates skipped).
        var v = UInt32(truncatingIfNeeded: random.next() % 0x110000)
        if (0xD800...0xDFFF).contains(v) { v = 0xFFFD }
        bytes += Array(String(Unicode.Scalar(v)!).utf8)
      case 8: bytes.append(UInt8(truncatingIfNeeded: random.next() % 0x20))  // a C0 control
      default: bytes += Array("\u{1B}[\(random.next() % 100);\(random.next() % 100)m".utf8)
      }
    }
    return decoded(bytes)
  }
}
