import Foundation
import Testing
import TetherEngine

@testable import TetherStudio

@Suite("HTML pages: escaping and structure")
struct HTMLTextTests {
  static let hostile = "<script>alert('x')</script> & \"quoted\" \u{1B}[31mred\u{1B}]0;title\u{07} \u{202E}evil"

  @Test("Markup, ampersands, quotes, escape sequences and bidi overrides never reach the page raw")
  func escape() {
    #expect(
      HTMLText.escape(Self.hostile)
        == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot; \u{FFFD}[31mred\u{FFFD}]0;title\u{FFFD} \u{FFFD}evil"
    )
    // A combining mark after a quote is one Character with it: still escaped.
    #expect(HTMLText.escape("\"\u{0338}") == "&quot;\u{0338}")
    #expect(HTMLText.escape("<\u{0338}") == "&lt;\u{0338}")
    #expect(HTMLText.escape("a\tb\r\nc") == "a b\nc")
  }

  @Test("Markdown escapes markup and keeps the text on one line")
  func markdown() {
    #expect(
      MarkdownText.inline("<b>|x|</b> *a* _b_ [c](d) & `e`")
        == "\\<b\\>\\|x\\|\\</b\\> \\*a\\* \\_b\\_ \\[c\\](d) \\& \\`e\\`")
    #expect(MarkdownText.inline("one\ntwo\u{1B}") == "one two\u{FFFD}")
  }

  /// A debrief of one conversation in which the user typed hostile text.
  static func hostileDebrief() throws -> Debrief {
    let turns = try ClassroomFixture.turns("engager", [hostile, "I feel so lonely tonight", "good night"])
    let text = ClassroomFixture.header("engager", name: "Mia <b>") + ClassroomFixture.jsonl(turns)
    let contents = try TranscriptReader.read(Data(text.utf8), file: "t.jsonl")
    return Debrief(
      contents.conversations, scenarios: ["lonely-evening": try ClassroomFixture.scenario()],
      taxonomy: try ClassroomFixture.taxonomy())
  }

  @Test("A report's page escapes what the user typed and what the transcript says")
  func reportEscapes() throws {
    let page = HTMLReport.debrief(try Self.hostileDebrief())
    #expect(!page.contains("<script"))
    #expect(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;"))
    #expect(page.contains("Mia &lt;b&gt;"))
    #expect(!page.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    #expect(!page.unicodeScalars.contains { $0 == "\u{202E}" })
  }

  @Test("A report is one page: a chart per conversation with a title and a description, no outside reference")
  func reportStructure() throws {
    let page = HTMLReport.debrief(try Self.hostileDebrief())
    #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
    #expect(page.hasSuffix("</html>\n"))
    #expect(page.components(separatedBy: "<svg").count - 1 == 1)
    #expect(page.components(separatedBy: "</svg>").count - 1 == 1)
    #expect(
      page.contains("<title id=\"chart-conversation-1-title\">Meters over the turns: Mia &lt;b&gt; (engager)</title>"))
    #expect(page.contains("<desc id=\"chart-conversation-1-desc\">Attachment went from"))
    for outside in ["http://", "https://", "<link", "<script", "@import", "url(", "<img", "<iframe"] {
      #expect(!page.contains(outside), "\(outside)")
    }
    #expect(page.contains("@media print"))
    #expect(page.contains("This transcript was cut short"))
    #expect(page.contains("<h2>Debrief: A lonely evening</h2>"))
  }

  @Test("The same debrief gives the same bytes")
  func deterministic() throws {
    #expect(HTMLReport.debrief(try Self.hostileDebrief()) == HTMLReport.debrief(try Self.hostileDebrief()))
  }
}
