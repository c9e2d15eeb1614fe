extension CatalogEntry {
  /// The entry for a terminal: headings, then paragraphs wrapped to `width` and indented; every
  /// piece of text terminal-safe.
  public func text(width: Int, colour: Bool = false) -> String {
    let full = ColumnLayout(width: width, count: 1)
    var out: [String] = []
    func heading(_ s: String, _ style: ColumnLayout.Style = .heading) {
      out += ColumnLayout.wrap(SafeText.terminal(s), width: full.width).map { ColumnLayout.paint($0, style, colour) }
    }
    /// `text` after `indent` spaces and `lead` (`you> `, `• `), wrapped lines hanging under the text.
    func paragraph(_ text: String, indent: Int = 2, lead: String = "", _ style: ColumnLayout.Style = .plain) {
      let lead = SafeText.terminal(lead)
      let hang = indent + ColumnLayout.displayWidth(lead)
      let lines = ColumnLayout.wrap(SafeText.terminal(text), width: max(12, full.width - hang))
      for (i, line) in lines.enumerated() {
        let prefix =
          String(repeating: " ", count: indent) + (i == 0 ? lead : String(repeating: " ", count: hang - indent))
        out.append(prefix + ColumnLayout.paint(line, style, colour))
      }
    }
    heading("\(id) · \(name)")
    heading(subtitle, .dim)
    for section in sections {
      out.append("")
      heading(section.heading)
      for p in section.paragraphs {
        if p.hasPrefix("• ") { paragraph(String(p.dropFirst(2)), lead: "• ") } else { paragraph(p) }
      }
    }
    guard kind != "dynamic" else { return out.joined(separator: "\n") + "\n" }
    out.append("")
    heading(examplesHeading)
    if examples.isEmpty { paragraph(noExamples, .dim) }
    for (i, e) in examples.enumerated() {
      if i > 0 { out.append("") }
      paragraph(e.context, .dim)
      paragraph(e.input, indent: 4, lead: "you> ")
      // The notice's paragraphs each on their own (a line break is no character for a terminal).
      for (k, part) in (e.notice ?? "").split(separator: "\n").enumerated() {
        paragraph(String(part), indent: 4, lead: k == 0 ? "!! " : "   ", .notice)
      }
      for a in e.answers {
        paragraph(a.text.isEmpty ? "(no reply)" : a.text, indent: 4, lead: "\(a.speaker)> ")
        if let t = a.technique, t != id || e.answers.count > 1 { paragraph("▸ " + t, indent: 6, .tag) }
      }
    }
    return out.joined(separator: "\n") + "\n"
  }
}
