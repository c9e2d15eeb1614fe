import Foundation

extension Benchmark {
  /// The results as readable tables: the shipped scenarios, the neutral sets, the split by stage.
  public static func table(_ results: [Result]) -> String {
    var out: [String] = []
    func us(_ ns: Int?) -> String {
      guard let ns else { return "-" }
      return ns >= 100_000 ? String(format: "%.0f", Double(ns) / 1000) : String(format: "%.1f", Double(ns) / 1000)
    }
    func ms(_ v: Double?) -> String {
      guard let v else { return "-" }
      return v >= 100 ? String(format: "%.0f", v) : String(format: "%.1f", v)
    }
    func mib(_ v: Double?) -> String { v.map { String(format: "%.1f", $0) } ?? "-" }
    func ok(_ r: Result?) -> String { r.map { $0.correct ? "yes" : "NO" } ?? "-" }

    let turnRows = results.filter { $0.stage == nil }
    if let folder = turnRows.first(where: { $0.suite == "scenarios" }) {
      out.append(
        "Shipped scenarios: tether check of the folder \(ms(folder.loadMs)) ms (\(folder.rules) rules), correct: \(ok(folder))")
      let header = [
        "scenario", "persona", "rules", "load ms", "demo median µs", "p99 µs", "long median µs", "p99 µs", "peak MiB",
        "correct",
      ]
      var rows: [[String]] = []
      var keys: [(String, String)] = []
      for r in turnRows where r.suite != "scenarios" && r.suite != "neutral" {
        let key = (r.suite, r.persona ?? "")
        if !keys.contains(where: { $0 == key }) { keys.append(key) }
      }
      for (suite, persona) in keys {
        let mine = turnRows.filter { $0.suite == suite && $0.persona == persona }
        let demo = mine.first { $0.script == "demo" }
        let long = mine.first { $0.script == "generated" }
        let any = long ?? demo
        rows.append([
          suite, persona, String(any?.rules ?? 0), ms(any?.loadMs), us(demo?.medianNs), us(demo?.p99Ns),
          us(long?.medianNs), us(long?.p99Ns), mib(mine.last?.peakRssMb), mine.allSatisfy(\.correct) ? "yes" : "NO",
        ])
      }
      out += layout(header, rows, left: 2)
      out.append("")
    }

    let neutral = turnRows.filter { $0.suite == "neutral" }
    if !neutral.isEmpty {
      out.append(
        "Neutral rule sets (../shared/bench), each size in a fresh process; shared ms = the part of the load spent on the shipped lexicon and signals"
      )
      let header = [
        "rules", "load ms", "shared ms", "median µs", "p99 µs", "hit µs", "fallback µs", "turns", "peak MiB", "base MiB",
        "correct",
      ]
      let rows = neutral.map {
        [
          String($0.rules), ms($0.loadMs), ms($0.sharedLoadMs), us($0.medianNs), us($0.p99Ns), us($0.medianHitNs), us($0.medianFallbackNs),
          String($0.turns), mib($0.peakRssMb), mib($0.baseRssMb), ok($0),
        ]
      }
      out += layout(header, rows, left: 0)
      out.append("")
    }

    let staged = results.filter { $0.stage != nil && $0.stage != "clock" }
    if !staged.isEmpty {
      let clock = results.first { $0.stage == "clock" }?.medianNs
      out.append(
        "One turn split by stage: median ns per call (each includes one clock read, about \(clock.map(String.init) ?? "?") ns); turn = the full turn's median"
      )
      let header = ["suite", "persona", "rules"] + stages + ["sum", "turn", "correct"]
      var rows: [[String]] = []
      var keys: [(String, String, Int)] = []
      for r in staged {
        let key = (r.suite, r.persona ?? "-", r.rules)
        if !keys.contains(where: { $0 == key }) { keys.append(key) }
      }
      for (suite, persona, rules) in keys {
        let mine = staged.filter { $0.suite == suite && ($0.persona ?? "-") == persona && $0.rules == rules }
        let medians = stages.map { s in mine.first { $0.stage == s }?.medianNs }
        let turn = turnRows.first {
          $0.suite == suite && ($0.persona ?? "-") == persona && $0.rules == rules
            && ($0.script == "generated" || $0.script == "inputs")
        }
        rows.append(
          [suite, persona, String(rules)] + medians.map { $0.map(String.init) ?? "-" }
            + [String(medians.compactMap { $0 }.reduce(0, +)), turn?.medianNs.map(String.init) ?? "-",
              mine.allSatisfy(\.correct) ? "yes" : "NO"])
      }
      out += layout(header, rows, left: 2)
      out.append("")
    }
    // Each failure once: the stages of a turn that failed repeat its problem.
    var said = Set<String>()
    for r in results where !r.correct {
      let what = [r.suite, r.persona, r.script, "\(r.rules) rules"].compactMap { $0 }.joined(separator: " ")
      let line = "NOT CORRECT: \(what): \(r.problem ?? "?")"
      if said.insert(line).inserted { out.append(line) }
    }
    while out.last == "" { out.removeLast() }
    return out.joined(separator: "\n")
  }

  /// Columns padded to their widest cell: the first `left` left-aligned, the rest right-aligned.
  static func layout(_ header: [String], _ rows: [[String]], left: Int) -> [String] {
    var widths = header.map(\.count)
    for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { i, cell in
        let pad = String(repeating: " ", count: widths[i] - cell.count)
        return i < left ? cell + pad : pad + cell
      }.joined(separator: "  ")
    }
    return [line(header)] + rows.map(line)
  }
}
