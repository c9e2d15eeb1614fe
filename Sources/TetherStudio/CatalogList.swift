import TetherEngine

/// What `tether list` shows: the scenarios, personas, techniques, signals and dynamics of a library.
public enum CatalogList {
  /// The kinds of things `list` lists, in the order it lists them all.
  public enum Kind: String, CaseIterable, Sendable {
    case scenarios, personas, techniques, signals, dynamics
  }

  /// One kind as a table: a title, a header and rows of raw text.
  public struct Table: Sendable {
    public var title: String
    public var header: [String]
    public var rows: [[String]]
  }

  /// The table of one kind.
  public static func table(_ kind: Kind, library: ScenarioLibrary, taxonomy: Taxonomy) -> Table {
    switch kind {
    case .scenarios:
      let rows = library.documents.compactMap { doc -> [String]? in
        guard let s = doc.scenario else { return nil }
        let personas = s.personas?.map(\.value) ?? doc.personas.map(\.id.value)
        return [s.id.value, personas.joined(separator: ", "), s.title]
      }
      return Table(title: "Scenarios", header: ["ID", "PERSONAS", "TITLE"], rows: rows)
    case .personas:
      var rows: [[String]] = []
      for doc in library.documents {
        for p in doc.personas {
          let owner = doc.scenario.map { " (only in \($0.id.value))" } ?? ""
          rows.append([p.id.value, p.name, p.style + owner])
        }
      }
      return Table(title: "Personas", header: ["ID", "NAME", "STYLE"], rows: rows)
    case .techniques:
      return Table(
        title: "Techniques", header: ["ID", "FAMILY", "NAME"],
        rows: taxonomy.techniques.map { [$0.id, $0.family, $0.name] })
    case .signals:
      return Table(
        title: "Signals", header: ["ID", "KIND", "NAME"], rows: taxonomy.signals.map { [$0.id, $0.kind, $0.name] })
    case .dynamics:
      return Table(title: "Dynamics", header: ["ID", "NAME"], rows: taxonomy.dynamics.map { [$0.id, $0.name] })
    }
  }

  /// The tables for a terminal, fitted to `width`, each under its title and count.
  public static func text(
    _ kinds: [Kind], library: ScenarioLibrary, taxonomy: Taxonomy, width: Int, colour: Bool = false
  )
    -> String
  {
    var out: [String] = []
    for (i, kind) in kinds.enumerated() {
      let t = table(kind, library: library, taxonomy: taxonomy)
      if i > 0 { out.append("") }
      out.append(ColumnLayout.paint("\(t.title) (\(t.rows.count))", .heading, colour))
      if t.rows.isEmpty {
        out.append("  (none)")
        continue
      }
      let rows = t.rows.map { $0.map(SafeText.terminal) }
      out += ColumnLayout.table(header: t.header, rows: rows, width: width, colour: colour)
    }
    if kinds.contains(.techniques) || kinds.contains(.signals) || kinds.contains(.dynamics) {
      out.append("")
      out.append(ColumnLayout.paint("tether explain ID tells more about any of them.", .dim, colour))
    }
    return out.joined(separator: "\n") + "\n"
  }
}
