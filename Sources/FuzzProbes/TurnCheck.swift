import Foundation
import TetherEngine
import TetherStudio

/// The promises every turn keeps, whatever the line and whatever the scenario: nothing the
/// terminal could take as a control sequence, one valid JSON line that gives back the user's
/// text exactly, the safety notice on every crisis line (and only there), meters in range.
public enum TurnCheck {
  /// What is wrong with one turn; empty when it keeps every promise. Without `screens`, play's
  /// screen and `/why` are not drawn (the JSON and replay's text are always checked).
  public static func problems(_ turn: Turn, in scenario: Scenario, screens: Bool = true, json: Bool = true) -> [String] {
    var found: [String] = []
    let name = scenario.personaInfo(turn.persona)?.name ?? turn.persona
    let what = "\(scenario.id)/\(turn.persona) turn \(turn.turn) for \(TerminalText.excerpt(turn.input ?? "<no input>"))"

    // The terminal: replay's text, play's screen with its annotation, and /why.
    let view = TurnView(scenario: scenario, personaName: name, width: 80)
    var rendered = [("replay text", TurnText.render(turn, personaName: name, annotate: true))]
    if screens {
      rendered.append(("play screen", view.turn(turn, annotate: true).render(color: false)))
      rendered.append(("/why", WhyView(view).render(turn).render(color: false)))
    }
    for (label, text) in rendered {
      if let c = TerminalText.firstControl(in: text) {
        found.append("\(what): the \(label) holds U+\(String(c.value, radix: 16, uppercase: true)): \(TerminalText.excerpt(text))")
      }
    }

    // The JSON line: one line, valid, and it gives back exactly what was typed and said.
    let line = json ? TurnJSON.line(turn) : "{}"
    if line.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
      found.append("\(what): the JSON record is not one line")
    }
    if line.unicodeScalars.contains(where: TerminalText.isControl) {
      found.append("\(what): the JSON record holds a raw control character (a jsonl stream is read on terminals too)")
    }
    if !json {
      // Not asked for.
    } else if let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] {
      if (object["input"] as? String) != turn.input {
        found.append("\(what): the JSON record's input does not read back as typed")
      }
      if (object["reply"] as? String) != turn.reply {
        found.append("\(what): the JSON record's reply does not read back")
      }
      if object["turn"] as? Int != turn.turn { found.append("\(what): the JSON record's turn number does not read back") }
    } else {
      found.append("\(what): the JSON record does not parse: \(TerminalText.excerpt(line))")
    }

    // The safety notice: on every crisis line, shown in every rendering, and nowhere else.
    if turn.crisis {
      if let notice = turn.notice {
        if !notice.lowercased().contains("out of character") {
          found.append("\(what): the safety notice does not say it is out of character")
        }
        if !rendered[0].1.contains("!! ") { found.append("\(what): replay's text leaves out the safety notice") }
        if !view.notice(turn).render(color: false).contains("Safety notice (out of character)") {
          found.append("\(what): play's screen leaves out the safety notice")
        }
      } else {
        found.append("\(what): a crisis line without the safety notice")
      }
    } else if turn.notice != nil {
      found.append("\(what): a safety notice on a line that is not a crisis")
    }

    // Meters stay within what the persona declares.
    for m in scenario.meters(of: turn.persona) {
      guard let value = turn.meters[m.name] else {
        found.append("\(what): the meter \(m.name) is missing")
        continue
      }
      if value < m.min || value > m.max {
        found.append("\(what): the meter \(m.name) is \(value), outside \(m.min)...\(m.max)")
      }
    }
    return found
  }
}
