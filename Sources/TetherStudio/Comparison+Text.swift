import TetherEngine

extension Comparison {
  /// The comparison for a terminal: the user's line across the width, then each persona's reply
  /// in a column of its own, with its technique and the meters it moved. Every piece of text is
  /// terminal-safe; `colour` adds ANSI styles (only on a terminal, never with NO_COLOR).
  public func text(width: Int, colour: Bool = false) -> String {
    let layout = ColumnLayout(width: width, count: columns.count)
    let full = ColumnLayout(width: layout.width, count: 1)
    var out: [String] = []
    func say(_ text: String, _ style: ColumnLayout.Style = .plain) {
      out += full.render([[ColumnLayout.Line(text, style)]], colour: colour)
    }
    say("\(SafeText.terminal(title)) (\(SafeText.terminal(scenarioID))), seed \(seed)", .heading)
    let who = columns.map { "\(SafeText.terminal($0.name)) (\(SafeText.terminal($0.id)))" }.joined(separator: ", ")
    say("\(SafeText.terminal(source).capitalizedFirst), sent to \(who).", .dim)
    out.append("")
    if !layout.stacked {
      out += layout.render(
        columns.map {
          [
            ColumnLayout.Line(SafeText.terminal(Self.heading($0)), .heading),
            ColumnLayout.Line(SafeText.terminal($0.style), .dim),
          ]
        },
        colour: colour)
    }
    for row in rows {
      out.append(layout.rule(row.number == 0 ? "═" : "─"))
      if let input = row.input {
        say("\(row.number) · you> \(SafeText.terminal(input))", .heading)
        var marks: [String] = []
        if !row.signals.isEmpty {
          let named = AnnotationText.signals(row.signals, taxonomy, cues: row.signalCues)
          marks.append("signals: " + SafeText.terminal(named))
        }
        if row.exit && !AnnotationText.includesExit(row.signals, taxonomy) { marks.append("trying to leave") }
        if !marks.isEmpty { say("  " + marks.joined(separator: " · "), .dim) }
        for (k, part) in (row.notice ?? "").split(separator: "\n").enumerated() {
          say((k == 0 ? "!! " : "") + SafeText.terminal(String(part)), .notice)
        }
      } else {
        say("Opening", .heading)
      }
      out += layout.render(
        row.cells.enumerated().map { i, cell in lines(cell, column: columns[i], stacked: layout.stacked) },
        colour: colour)
    }
    out.append(layout.rule("═"))
    if !unsent.isEmpty {
      say("Not sent: every persona had let the conversation end before these lines:", .dim)
      for line in unsent { say("  you> " + SafeText.terminal(line), .dim) }
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// `Mia (engager)`.
  static func heading(_ column: Column) -> String {
    column.name == column.id ? column.name : "\(column.name) (\(column.id))"
  }

  /// The lines of one cell: the reply, the technique, the meters moved, whether it lets go.
  func lines(_ cell: Cell, column: Column, stacked: Bool) -> [ColumnLayout.Line] {
    var out: [ColumnLayout.Line] = []
    if stacked { out.append(ColumnLayout.Line(SafeText.terminal(Self.heading(column)) + ":", .heading)) }
    guard let turn = cell.turn else {
      out.append(ColumnLayout.Line(cell.over ? "(conversation over)" : "(no opening line)", .dim))
      return out
    }
    out.append(
      ColumnLayout.Line(
        turn.reply.isEmpty ? "(no reply)" : SafeText.terminal(turn.reply), turn.reply.isEmpty ? .dim : .plain))
    if let t = turn.technique {
      out.append(ColumnLayout.Line("▸ " + SafeText.terminal(AnnotationText.technique(t, taxonomy)), .tag))
    }
    let meters = AnnotationText.meterChanges(turn)
    if !meters.isEmpty { out.append(ColumnLayout.Line(SafeText.terminal(meters), .dim)) }
    if turn.ends { out.append(ColumnLayout.Line("✓ lets the conversation end", .tag)) }
    return out
  }

  /// The comparison as Markdown: one section per turn, a table of the personas' replies in each.
  public func markdown() -> String {
    var out: [String] = []
    out.append("# Compare: \(MarkdownText.inline(title))")
    out.append("")
    let who = columns.map { "\(MarkdownText.inline($0.name)) (\(MarkdownText.code($0.id)))" }.joined(separator: ", ")
    out.append(
      "\(MarkdownText.inline(source).capitalizedFirst) of \(MarkdownText.code(scenarioID)), sent to \(who); seed \(seed)."
    )
    if !brief.isEmpty {
      out.append("")
      out.append("> " + MarkdownText.inline(brief.trimmedSpaces))
    }
    for row in rows {
      out.append("")
      if let input = row.input {
        out.append("## \(row.number). You: “\(MarkdownText.inline(input))”")
        var marks: [String] = []
        if !row.signals.isEmpty {
          let named = AnnotationText.signals(row.signals, taxonomy, cues: row.signalCues)
          marks.append("Signals: " + MarkdownText.inline(named))
        }
        if row.exit && !AnnotationText.includesExit(row.signals, taxonomy) {
          marks.append("the user is trying to leave")
        }
        if !marks.isEmpty {
          out.append("")
          out.append(marks.joined(separator: "; ") + ".")
        }
        if let notice = row.notice {
          out.append("")
          out.append("> **Safety notice:** " + MarkdownText.inline(notice))
        }
      } else {
        out.append("## Opening")
      }
      out.append("")
      var table: [[String]] = []
      for (i, cell) in row.cells.enumerated() {
        let name = MarkdownText.inline(Self.heading(columns[i]))
        guard let turn = cell.turn else {
          table.append([name, cell.over ? "*(the conversation is over)*" : "*(no opening line)*", "", ""])
          continue
        }
        var reply = turn.reply.isEmpty ? "*(no reply)*" : MarkdownText.inline(turn.reply)
        if turn.ends { reply += " *(lets the conversation end)*" }
        table.append([
          name, reply, turn.technique.map { MarkdownText.technique($0, taxonomy) } ?? "",
          MarkdownText.inline(AnnotationText.meterChanges(turn)),
        ])
      }
      out.append(MarkdownText.table(["Persona", "Reply", "Technique", "Meters"], table))
    }
    if !unsent.isEmpty {
      out.append("")
      out.append("Not sent, because every persona had let the conversation end:")
      out.append("")
      for line in unsent { out.append("- “\(MarkdownText.inline(line))”") }
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// One JSON object per turn, persona after persona, in the schema of `replay --format jsonl`.
  ///
  /// Each persona's turns form one conversation, so `tether report` reads the output as it is.
  public func jsonl() -> String {
    var out = ""
    for i in columns.indices {
      for turn in turns(of: i) { out += TurnJSON.line(turn) + "\n" }
    }
    return out
  }
}

extension String {
  /// The string with its first character upper-cased.
  var capitalizedFirst: String {
    guard let first else { return self }
    return first.uppercased() + dropFirst()
  }

  /// Without spaces and line breaks at either end; inner line breaks become spaces.
  var trimmedSpaces: String {
    split(whereSeparator: { $0 == " " || $0.isNewline }).joined(separator: " ")
  }
}
