import Testing

@testable import TetherStudio

@Suite("Columns fitted to the terminal")
struct ColumnLayoutTests {
  @Test("Every line of the comparison fits the width; three columns from 80, stacked below", arguments: [60, 80, 120])
  func comparisonFits(width: Int) throws {
    let s = try ClassroomFixture.scenario()
    let c = try Compare.run(
      s, personas: s.personaIDs, lines: s.demo, seed: 1, source: "the demo script",
      taxonomy: ClassroomFixture.taxonomy())
    let text = c.text(width: width)
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      #expect(ColumnLayout.displayWidth(line) <= width, "\(line)")
      #expect(line.last != " ", "trailing space: \(line)")
    }
    let layout = ColumnLayout(width: width, count: 3)
    #expect(layout.stacked == (width < 80))
    #expect(text.contains(" │ ") == !layout.stacked)
    // Stacked, every reply says whose it is; in columns, the header row does.
    #expect(text.contains("Mia (engager):") == layout.stacked)
    #expect(text.contains("you> I feel so lonely tonight"))
  }

  @Test("Columns share the width exactly, the remainder going to the first ones")
  func columnWidths() {
    #expect(ColumnLayout(width: 80, count: 3).columns == [25, 25, 24])
    #expect(ColumnLayout(width: 120, count: 3).columns == [38, 38, 38])
    #expect(ColumnLayout(width: 60, count: 3).columns == [60])
    #expect(ColumnLayout(width: 60, count: 2).columns == [29, 28])
  }

  @Test("Wide characters take two columns, combining marks none")
  func displayWidths() {
    #expect(ColumnLayout.displayWidth("abc") == 3)
    #expect(ColumnLayout.displayWidth("日本語") == 6)
    #expect(ColumnLayout.displayWidth("e\u{301}") == 1)
    #expect(ColumnLayout.displayWidth("🥹") == 2)
    #expect(ColumnLayout.displayWidth("☀️") == 2)
  }

  @Test("Wrapping breaks at spaces, cuts words longer than a line, and keeps line breaks")
  func wrapping() {
    #expect(ColumnLayout.wrap("the quick brown fox", width: 9) == ["the quick", "brown fox"])
    #expect(ColumnLayout.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
    #expect(ColumnLayout.wrap("one\ntwo", width: 10) == ["one", "two"])
    #expect(ColumnLayout.wrap("", width: 10) == [""])
    #expect(ColumnLayout.wrap("日本語日本語", width: 5) == ["日本", "語日", "本語"])
    for line in ColumnLayout.wrap(String(repeating: "word ", count: 50), width: 13) {
      #expect(ColumnLayout.displayWidth(line) <= 13)
    }
  }

  @Test("A row pads each cell to its column and puts the gutter between")
  func renderRow() {
    let layout = ColumnLayout(width: 51, count: 2)
    #expect(layout.columns == [24, 24])
    let rows = layout.render([[.init("short")], [.init("a reply long enough to wrap around")]])
    let blank = String(repeating: " ", count: 24)
    #expect(
      rows == ["short" + String(repeating: " ", count: 19) + " │ a reply long enough to", blank + " │ wrap around"])
    #expect(layout.rule() == String(repeating: "─", count: 24) + "─┼─" + String(repeating: "─", count: 24))
    #expect(layout.rule("═") == String(repeating: "═", count: 24) + "═╪═" + String(repeating: "═", count: 24))
    // Two columns narrower than a readable minimum are stacked instead.
    #expect(ColumnLayout(width: 30, count: 2).stacked)
  }

  @Test("Colour only when asked: plain output holds no escape sequence")
  func colour() {
    let layout = ColumnLayout(width: 40, count: 2)
    let cells: [[ColumnLayout.Line]] = [[.init("Mia", .heading)], [.init("REL.LOVEBOMB", .tag)]]
    #expect(!layout.render(cells).joined().contains("\u{1B}"))
    #expect(layout.render(cells, colour: true).joined().contains("\u{1B}[1m"))
  }

  @Test("A table keeps ids whole and wraps the last column")
  func table() {
    let rows = ColumnLayout.table(
      header: ["ID", "NAME"], rows: [["REL.LOVEBOMB", "Love-bombing, with a name long enough to wrap twice over"]],
      width: 40)
    #expect(rows.first == "ID            NAME")
    #expect(rows.dropFirst().first?.hasPrefix("REL.LOVEBOMB  Love-bombing") == true)
    #expect(rows.count > 2)
    for r in rows { #expect(ColumnLayout.displayWidth(r) <= 40) }
  }
}
