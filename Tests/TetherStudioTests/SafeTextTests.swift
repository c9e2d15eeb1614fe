import Testing

@testable import TetherStudio

@Suite("Text made safe for a terminal and for JSON")
struct SafeTextTests {
  @Test("Escape sequences, C1 controls and bidi overrides never reach the terminal")
  func terminalText() {
    let hostile = "hi \u{1B}[31mred\u{1B}]0;title\u{07} \u{9B}2J \u{202E}evil\u{2066} ok"
    let safe = SafeText.terminal(hostile)
    #expect(!safe.unicodeScalars.contains { SafeText.isUnsafe($0) })
    #expect(safe.hasPrefix("hi \u{FFFD}[31mred"))
    #expect(safe.hasSuffix(" ok"))
  }

  @Test("Ordinary text, emoji and combining marks pass unchanged; tabs become spaces")
  func ordinaryText() {
    let text = "Café, naïve 😊 e\u{301} — fine"
    #expect(SafeText.terminal(text) == text)
    #expect(SafeText.terminal("a\tb") == "a b")
  }

  @Test("JSON text escapes C1 controls and line separators")
  func jsonText() {
    #expect(SafeText.json("a\u{85}b\u{2028}c") == "a\\u0085b\\u2028c")
    #expect(SafeText.json("plain") == "plain")
  }

  @Test("Input text splits into lines on LF and CRLF, dropping a last empty line")
  func replayLines() {
    #expect(Replay.lines("one\r\ntwo\n\nthree\n") == ["one", "two", "", "three"])
    #expect(Replay.lines("") == [])
  }
}
