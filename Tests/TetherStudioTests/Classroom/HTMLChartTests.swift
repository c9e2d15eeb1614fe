import Testing

@testable import TetherStudio

@Suite("HTML charts: geometry")
struct HTMLChartTests {
  static func numbers(_ points: String) -> [Double] {
    points.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
  }

  @Test(
    "Every point of every line lies inside the plot, whatever the values",
    arguments: [
      [(0, 10), (1, 55), (2, 100)],
      [(0, 0)],
      [(3, -5), (4, 7), (40, 2)],
      [(0, 1_000), (1, 0)],
    ])
  func insideThePlot(points: [(Int, Int)]) throws {
    let chart = SVGChart.line(
      id: "c", title: "t", description: "d",
      series: [.init(label: "a", points: points.map { (x: $0.0, y: $0.1) })], yLabel: "v", ceiling: 100)
    let left = try #require(Double(chart.plotLeft))
    let right = try #require(Double(chart.plotRight))
    let top = try #require(Double(chart.plotTop))
    let bottom = try #require(Double(chart.plotBottom))
    let xy = Self.numbers(try #require(chart.lines.first).points)
    #expect(xy.count == points.count * 2)
    for (i, v) in xy.enumerated() {
      if i % 2 == 0 {
        #expect(v >= left && v <= right, "x \(v)")
      } else if points[i / 2].1 <= 100 {
        #expect(v >= top && v <= bottom, "y \(v)")
      }
    }
  }

  @Test("Beyond seven lines, colours come back with another dash pattern")
  func distinctStyles() {
    let series = (0..<14).map { SVGChart.Series(label: "line \($0)", points: [(x: 0, y: $0), (x: 1, y: $0 + 1)]) }
    let chart = SVGChart.line(id: "c", title: "t", description: "d", series: series, yLabel: "v")
    let styles = Set(chart.lines.map { "\($0.colour) \($0.dash)" })
    #expect(styles.count == 14)
    #expect(chart.keys.count == 14)
  }

  @Test("Bars are as long as their counts, segments side by side, and the key names each family once")
  func bars() throws {
    let chart = SVGChart.bars(
      id: "b", title: "t", description: "d",
      stacks: [
        .init(label: "Mia (engager)", parts: [("relationship", 8), ("exit", 2)]),
        .init(label: "Sam (guardian)", parts: [("healthy", 5)]),
      ])
    let mia = try #require(chart.bars.first)
    let widths = mia.segments.compactMap { Double($0.w) }
    let sam = try #require(Double(chart.bars[1].segments.first?.w ?? ""))
    #expect(widths.count == 2)
    #expect(abs(widths[0] / widths[1] - 4) < 0.05)
    #expect(abs(sam / widths[1] - 2.5) < 0.05)
    let x0 = try #require(Double(mia.segments[0].x))
    let x1 = try #require(Double(mia.segments[1].x))
    #expect(abs(x1 - (x0 + widths[0])) < 0.2)
    #expect(chart.keys.map(\.label) == ["relationship", "exit", "healthy"])
  }
}
