import Testing

@testable import TetherEngine

/// The notice is built over bytes where it can be; these check it is built as it was by
/// characters (the code before that change is kept below as the reference).
struct SafetyNoticeTests {
  /// Ends of ASCII, white space of ASCII, a combining mark, a prepending mark, non-ASCII white space.
  static let texts = [
    "", " ", "\n", "\r\n", " \t\r\n\u{0B}\u{0C}", "x", "abc", " abc\n", "\n\n a b c \t\r\n", "a\r\nb\r\n",
    " \u{301}abc\n", "abc \u{301}", "\u{301}abc", "\u{A0}abc\n", "abc\u{A0}\n", "é\n", "\nabc é", " \u{85}x",
    "x\u{85}", "x\u{600}\n", "\u{600}x", "\u{3000}x\u{3000}", " 👋🏽 hi 👋🏽 ", "\r\n\u{301}",
  ]

  @Test func trimmingAsBytesCutsWhereTrimmingCharactersDid() {
    var texts = Self.texts
    for b in UInt8(0)..<128 {
      let c = String(decoding: [b], as: UTF8.self)
      texts += [c + "x" + c, c + c + "é" + c, c]
    }
    for text in texts {
      #expect(text.trimmingSpaces.utf8.elementsEqual(Self.oldTrimmed(text).utf8), "\(Array(text.unicodeScalars))")
    }
  }

  @Test func searchingAsBytesFindsWhatSearchingCharactersDid() {
    let texts =
      Self.texts + [
        "Out of character", "OUT OF CHARACTER\r\n", "[out-of-character] x", "out of\r\ncharacter", "Out Of Kharacter",
        "out of character\u{301}", "call {crisis_line}", "{crisis_line", "{{crisis_line}}", "{CRISIS_LINE}",
        "x\u{600}{crisis_line}", "out of \u{212A}haracter",
      ]
    for text in texts {
      for needle in ["{crisis_line}", "out of character", "out-of-character"] {
        #expect(text.contains(ascii: needle) == Self.oldContains(text, needle), "\(text) \(needle)")
        #expect(
          text.contains(ascii: needle, foldingCase: true) == Self.oldContains(text.lowercased(), needle),
          "\(text) \(needle)")
      }
    }
  }

  @Test func theNoticeIsTheOneBuiltByCharacters() throws {
    var scenario = try compile(
      persona(
        """
              - match: "*"
                replies: ["Go on."]
        """))
    let templates: [String?] =
      [nil]
      + Self.texts + [
        SafetyNotice.defaultNotice, SafetyNotice.defaultNotice + "\n",
        "Out of character for a moment: a training simulation.\nTalk to someone:\n{crisis_line}\nIn danger, call.\n",
        "  Leading spaces {crisis_line} and trailing \n\n", "\r\nOUT OF CHARACTER: call {crisis_line}\r\n",
        "Out-Of-Character {crisis_line}{crisis_line}", "no placeholder at all\n", "Call {crisis_line}.",
        "{crisis_line}", "{crisis_line", "{{crisis_line}}", "Hors personnage : appelez {crisis_line} é",
        "é {crisis_line}\n",
        "\u{A0}out of character {crisis_line}\u{A0}", "x\u{600}{crisis_line}", "out of\r\ncharacter {crisis_line}\n",
        "out of character\u{301} {crisis_line}", "{crisis_line}\u{301} ",
      ]
    let lines = [
      "", "  \n", "988 Suicide & Crisis Lifeline (US): call or text 988", "Samaritans: 116 123\n", " 3114 \n",
      "Ligne d'écoute : 3114", "\u{301}x", "{crisis_line}", "out of character",
    ]
    let regions = [("uk", "Samaritans: call 116 123, free, day or night"), ("fr", "3114 (numéro)"), ("ws", "\n ")]
    for template in templates {
      for line in lines {
        scenario.safetyNotice = template
        scenario.crisisLine = line
        scenario.regions = regions
        for region in [nil, "uk", "UK", "fr", "ws", "zz"] {
          Self.expectTheOldNotice(scenario, region: region)
        }
      }
    }
  }

  /// The shipped notice (a YAML block, so ending in a newline) and every region's line.
  @Test func theShippedNoticeIsTheOneBuiltByCharacters() throws {
    let library = ScenarioLibrary(files: try LoaderTests.shippedFiles())
    let scenario = try #require(library.compile("lonely-evening").scenario)
    #expect(scenario.safetyNotice?.hasSuffix("\n") == true)
    for region in [nil] + scenario.regions.map(\.0) + ["UK", "zz"] {
      Self.expectTheOldNotice(scenario, region: region)
    }
  }

  static func expectTheOldNotice(
    _ scenario: Scenario, region: String?, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    let old = oldText(
      template: scenario.safetyNotice, line: scenario.crisisLine, regions: scenario.regions, region: region)
    let new = SafetyNotice.text(for: scenario, region: region)
    #expect(
      new.utf8.elementsEqual(old.utf8),
      "\(String(describing: scenario.safetyNotice)) \(scenario.crisisLine) \(String(describing: region))",
      sourceLocation: sourceLocation)
  }

  // MARK: - The notice as it was built before (by characters)

  static func oldText(template: String?, line: String, regions: [(String, String)], region: String?) -> String {
    var line = line
    if let region, let r = regions.first(where: { $0.0 == region.lowercased() }) { line = r.1 }
    var template = template ?? SafetyNotice.defaultNotice
    if oldTrimmed(template).isEmpty { template = SafetyNotice.defaultNotice }
    if !oldContains(template, "{crisis_line}") { template += "\n{crisis_line}" }
    var text = oldReplacing(
      template, "{crisis_line}", with: oldTrimmed(line).isEmpty ? SafetyNotice.defaultCrisisLine : line)
    if !oldContains(text.lowercased(), "out of character") && !oldContains(text.lowercased(), "out-of-character") {
      text = "[Out of character] " + text
    }
    return oldTrimmed(text)
  }

  /// `text.contains(needle)` as the engine reads it: the standard library's search of characters.
  /// (Here, where Foundation is seen through Testing, `contains` is Foundation's, which finds
  /// "{crisis_line}" inside "x\u{600}{crisis_line}", whose "\u{600}{" is one character.)
  static func oldContains(_ text: String, _ needle: String) -> Bool {
    let t = Array(text)
    let n = Array(needle)
    return t.count >= n.count && (0...(t.count - n.count)).contains { t[$0..<$0 + n.count].elementsEqual(n) }
  }

  static func oldTrimmed(_ text: String) -> String {
    var s = Substring(text)
    while s.first?.isWhitespace == true { s = s.dropFirst() }
    while s.last?.isWhitespace == true { s = s.dropLast() }
    return String(s)
  }

  static func oldReplacing(_ text: String, _ target: String, with replacement: String) -> String {
    var result = ""
    var rest = Substring(text)
    while let r = oldRange(of: target, in: rest) {
      result += rest[..<r.lowerBound]
      result += replacement
      rest = rest[r.upperBound...]
    }
    return result + rest
  }

  static func oldRange(of target: String, in text: Substring) -> Range<Substring.Index>? {
    let t = Array(target.utf8)
    let u = text.utf8
    var i = u.startIndex
    while i != u.endIndex {
      var j = i
      var k = 0
      while k < t.count, j != u.endIndex, u[j] == t[k] {
        j = u.index(after: j)
        k += 1
      }
      if k == t.count { return i..<j }
      i = u.index(after: i)
    }
    return nil
  }
}
