/// The geometry of the inline SVG charts of reports and comparisons, ready for the templates.
///
/// Every number is computed here and handed to the template as text; the templates only place
/// it. Each chart has a title and a description (read by screen readers and shown as a tooltip),
/// colours with at least 3:1 contrast on white, and a dash pattern per line so that it still
/// reads printed in grey.
enum SVGChart {
  /// Line colours: dark enough on white, distinguishable with the common colour-vision deficiencies.
  static let colours = ["#0072B2", "#B35900", "#007D5E", "#A6407B", "#5B4BA0", "#4D4D4D", "#8A6D00"]
  /// Dash patterns, one per line, so lines differ in grey print too.
  static let dashes = ["none", "10 5", "3 4", "12 4 3 4", "6 3", "2 2", "16 6"]

  /// The dash pattern of the `i`th line: past the last colour, colours come back with other dashes.
  static func dash(_ i: Int) -> String { dashes[(i + i / colours.count) % dashes.count] }

  /// The colour of a technique family (bars and tags).
  static func familyColour(_ family: String) -> String {
    switch family {
    case "validation": return "#B35900"
    case "relationship": return "#A6407B"
    case "engagement": return "#5B4BA0"
    case "exit": return "#B8262B"
    case "healthy": return "#007D5E"
    case "classic": return "#0072B2"
    default: return "#4D4D4D"
    }
  }

  /// A number for an SVG attribute: at most one decimal, no trailing `.0`.
  static func n(_ x: Double) -> String {
    let r = (x * 10).rounded() / 10
    return r == r.rounded() ? String(Int(r)) : String(r)
  }

  /// Rough width of SVG text at `size` px, for laying out legends without measuring.
  static func textWidth(_ s: String, size: Double) -> Double { Double(s.count) * size * 0.56 }

  // MARK: - Line chart

  struct LineChart {
    struct Grid {
      var y: String
      var label: String
      var labelX: String
      var labelY: String
    }
    struct Tick {
      var x: String
      var label: String
    }
    struct Dot {
      var cx: String
      var cy: String
      var tip: String
    }
    struct Line {
      var colour: String
      var dash: String
      var points: String
      var dots: [Dot]
    }
    struct Key {
      var x: String
      var y: String
      var lineEnd: String
      var textX: String
      var textY: String
      var colour: String
      var dash: String
      var label: String
    }

    var chartID: String
    var chartTitle: String
    var chartDescription: String
    var width = "760"
    var height: String
    var plotLeft: String
    var plotRight: String
    var plotTop: String
    var plotBottom: String
    var tickY: String
    var midY: String
    var xAxisLabelX: String
    var xAxisLabelY: String
    var yAxisLabel: String
    var grid: [Grid]
    var ticks: [Tick]
    var lines: [Line]
    var keys: [Key]
  }

  /// One line of a line chart: a label and (x, y) points.
  struct Series {
    var label: String
    var points: [(x: Int, y: Int)]
  }

  /// A line chart of integer series over turns. `ceiling` caps the y axis (a meter's maximum).
  static func line(
    id: String, title: String, description: String, series: [Series], yLabel: String, ceiling: Int? = nil
  ) -> LineChart {
    let width = 760.0
    let left = 64.0
    let right = 24.0
    let top = 18.0
    let plotHeight = 240.0
    let plotBottom = top + plotHeight
    let allX = series.flatMap { $0.points.map(\.x) }
    let allY = series.flatMap { $0.points.map(\.y) }
    let minX = allX.min() ?? 0
    let maxX = max(allX.max() ?? 1, (allX.min() ?? 0) + 1)
    let minY = min(0, allY.min() ?? 0)
    var top0 = max(10, allY.max() ?? 10)
    let step = top0 <= 10 ? 2 : top0 <= 20 ? 5 : top0 <= 50 ? 10 : 20
    top0 = ((top0 + step - 1) / step) * step
    if let ceiling, ceiling > minY, top0 > ceiling { top0 = ceiling }
    let maxY = max(top0, minY + 1)
    func px(_ x: Int) -> Double { left + Double(x - minX) / Double(maxX - minX) * (width - left - right) }
    func py(_ y: Int) -> Double { plotBottom - Double(y - minY) / Double(maxY - minY) * plotHeight }
    let yStep = niceStep(max(1, (maxY - minY) / 5))
    var grid: [LineChart.Grid] = []
    var v = minY
    while v <= maxY {
      grid.append(LineChart.Grid(y: n(py(v)), label: "\(v)", labelX: n(left - 8), labelY: n(py(v) + 5)))
      v += yStep
    }
    let xStep = niceStep(max(1, (maxX - minX) / 12))
    var ticks: [LineChart.Tick] = []
    var t = minX
    while t <= maxX {
      ticks.append(LineChart.Tick(x: n(px(t)), label: "\(t)"))
      t += xStep
    }
    var lines: [LineChart.Line] = []
    for (i, s) in series.enumerated() {
      let colour = colours[i % colours.count]
      lines.append(
        LineChart.Line(
          colour: colour, dash: dash(i),
          points: s.points.map { "\(n(px($0.x))),\(n(py($0.y)))" }.joined(separator: " "),
          dots: s.points.map {
            LineChart.Dot(cx: n(px($0.x)), cy: n(py($0.y)), tip: "\(s.label), turn \($0.x): \($0.y)")
          }))
    }
    // The key under the plot, wrapping to as many rows as it needs.
    var keys: [LineChart.Key] = []
    var kx = left
    var ky = plotBottom + 62
    for (i, s) in series.enumerated() {
      let w = 44 + textWidth(s.label, size: 15) + 28
      if kx + w > width - right, kx > left {
        kx = left
        ky += 26
      }
      keys.append(
        LineChart.Key(
          x: n(kx), y: n(ky), lineEnd: n(kx + 36), textX: n(kx + 44), textY: n(ky + 5),
          colour: colours[i % colours.count], dash: dash(i), label: s.label))
      kx += w
    }
    return LineChart(
      chartID: id, chartTitle: title, chartDescription: description, height: n(ky + 20), plotLeft: n(left),
      plotRight: n(width - right), plotTop: n(top), plotBottom: n(plotBottom), tickY: n(plotBottom + 22),
      midY: n(top + plotHeight / 2), xAxisLabelX: n((left + width - right) / 2),
      xAxisLabelY: n(plotBottom + 38), yAxisLabel: yLabel, grid: grid, ticks: ticks, lines: lines, keys: keys)
  }

  /// 1, 2, 5, 10, 20, 50 … at or above `x`.
  static func niceStep(_ x: Int) -> Int {
    var base = 1
    while true {
      for m in [1, 2, 5] where base * m >= x { return base * m }
      base *= 10
    }
  }

  // MARK: - Stacked bar chart

  struct BarChart {
    struct Segment {
      var x: String
      var w: String
      var colour: String
      var tip: String
      var count: String
      var showCount: Bool
      var textX: String
    }
    struct Bar {
      var label: String
      var y: String
      var h: String
      var labelY: String
      var total: String
      var totalX: String
      var segments: [Segment]
    }
    struct Key {
      var x: String
      var y: String
      var textX: String
      var textY: String
      var colour: String
      var label: String
    }

    var chartID: String
    var chartTitle: String
    var chartDescription: String
    var width = "760"
    var height: String
    var barLeft: String
    var bars: [Bar]
    var keys: [Key]
  }

  /// One bar: a label and counts per category, categories in display order.
  struct Stack {
    var label: String
    var parts: [(category: String, count: Int)]
  }

  /// Horizontal bars, one per stack, split into categories coloured by technique family.
  static func bars(id: String, title: String, description: String, stacks: [Stack]) -> BarChart {
    let width = 760.0
    let labelWidth = min(300, max(120, (stacks.map { textWidth($0.label, size: 17.5) }.max() ?? 100) + 28))
    let left = labelWidth
    let right = 56.0
    let barHeight = 34.0
    let gap = 18.0
    let top = 10.0
    let most = max(1, stacks.map { $0.parts.reduce(0) { $0 + $1.count } }.max() ?? 1)
    let scale = (width - left - right) / Double(most)
    var bars: [BarChart.Bar] = []
    var y = top
    for s in stacks {
      var x = left
      var segments: [BarChart.Segment] = []
      for p in s.parts where p.count > 0 {
        let w = Double(p.count) * scale
        segments.append(
          BarChart.Segment(
            x: n(x), w: n(w), colour: familyColour(p.category), tip: "\(s.label): \(p.category), \(p.count)",
            count: "\(p.count)", showCount: w >= 22, textX: n(x + w / 2)))
        x += w
      }
      let total = s.parts.reduce(0) { $0 + $1.count }
      bars.append(
        BarChart.Bar(
          label: s.label, y: n(y), h: n(barHeight), labelY: n(y + barHeight / 2 + 6), total: "\(total)",
          totalX: n(x + 8), segments: segments))
      y += barHeight + gap
    }
    var categories: [String] = []
    for s in stacks {
      for p in s.parts where p.count > 0 && !categories.contains(p.category) { categories.append(p.category) }
    }
    var keys: [BarChart.Key] = []
    var kx = 12.0
    var ky = y + 10
    for c in categories {
      let w = 26 + textWidth(c, size: 15) + 24
      if kx + w > width, kx > 12 {
        kx = 12
        ky += 26
      }
      keys.append(
        BarChart.Key(x: n(kx), y: n(ky), textX: n(kx + 24), textY: n(ky + 14), colour: familyColour(c), label: c))
      kx += w
    }
    return BarChart(
      chartID: id, chartTitle: title, chartDescription: description, height: n(ky + 30), barLeft: n(left - 12),
      bars: bars, keys: keys)
  }
}
