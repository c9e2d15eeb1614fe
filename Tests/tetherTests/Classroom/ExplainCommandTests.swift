import Foundation
import Testing
import TetherStudio

@Suite("tether explain")
struct ExplainCommandTests {
  @Test("A technique: each section, its sources and example replies of a persona that uses it")
  func technique() throws {
    let r = try Binary.run(["explain", "REL.LOVEBOMB"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("REL.LOVEBOMB · Love-bombing\nTechnique · family: relationship · dynamic: Attachment\n"))
    let sections = [
      "What it is", "The dynamic it leans on: Attachment", "Why it works", "What a clinician may notice",
      "The healthy alternative", "Sources", "Example replies",
    ]
    var last = r.stdout.startIndex
    for s in sections {
      let found = try #require(r.stdout.range(of: "\n\(s)", range: last..<r.stdout.endIndex), "\(s)")
      last = found.upperBound
    }
    #expect(r.stdout.contains("    you> "))
    #expect(r.stdout.contains("    Mia> "))
    for line in r.stdout.split(separator: "\n") { #expect(ColumnLayout.displayWidth(line) <= 80, "\(line)") }
  }

  @Test("Case does not matter; a signal shows how each persona answered a demo line that shows it")
  func signal() throws {
    let r = try Binary.run(["explain", "ISOLATION"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("isolation · "))
    #expect(r.stdout.contains("What a clinician may notice"))
    #expect(r.stdout.contains("How the personas answered a demo line that shows it"))
    for who in ["Sunny (validator)> ", "Mia (engager)> ", "Sam (guardian)> "] { #expect(r.stdout.contains(who)) }
  }

  @Test("A signal no demo line shows: each persona answers its own example line, after the notice, each paragraph of it whole")
  func signalWithoutDemoLine() throws {
    let r = try Binary.run(["explain", "self-harm"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("How the personas answered the signal's own example line (no demo line shows it)"))
    #expect(!r.stdout.contains("No line of the scenarios' demo scripts"))
    for who in ["Sunny (validator)> ", "Mia (engager)> ", "Sam (guardian)> "] { #expect(r.stdout.contains(who)) }
    #expect(r.stdout.contains("    !! Out of character"))
    #expect(r.stdout.contains("HEALTHY.CRISIS"))
    // The notice's line breaks start new lines; none becomes a replacement character.
    #expect(!r.stdout.contains("\u{FFFD}"))
    for line in r.stdout.split(separator: "\n") { #expect(ColumnLayout.displayWidth(line) <= 80, "\(line)") }
  }

  @Test("A signal read only right after a crisis line shows no example of its own")
  func afterCrisisSignal() throws {
    let r = try Binary.run(["explain", "crisis-confirmed"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("No line of the scenarios' demo scripts shows this signal."))
  }

  @Test("A dynamic lists the techniques that lean on it")
  func dynamic() throws {
    let r = try Binary.run(["explain", "attachment"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("Techniques that lean on it"))
    #expect(r.stdout.contains("REL.LOVEBOMB: Love-bombing"))
  }

  @Test("An unknown id gets a did-you-mean and exit 1")
  func unknown() throws {
    let r = try Binary.run(["explain", "REL.LOVEBOM"])
    #expect(r.status == 1)
    #expect(
      r.stderr.contains("error: no technique, signal or dynamic is called 'REL.LOVEBOM'; did you mean 'REL.LOVEBOMB'?"))
    #expect(r.stdout.isEmpty)
  }
}

@Suite("tether explain --line")
struct ExplainLineTests {
  @Test("A line's signals, each with the pattern or reading that shows it, written where the file says")
  func reasons() throws {
    let r = try Binary.run(["explain", "--line", "ok gnight, logging off"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("\"ok gnight, logging off\"\n"))
    #expect(r.stdout.contains("  exit (exit), shown by:\n"))
    let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(try Self.checkPlaces(lines) >= 2)
    for line in lines { #expect(ColumnLayout.displayWidth(line) <= 80, "\(line)") }
  }

  /// Checks that every place `explain --line` names ("      at FILE:LINE:COL") is a line of that
  /// file holding what is named on the line before: a pattern or an `unless` as written, a
  /// reading's first family. Returns how many places it checked.
  static func checkPlaces(_ lines: [String]) throws -> Int {
    var checked = 0
    for (i, line) in lines.enumerated() where line.hasPrefix("      at ") {
      let place = line.dropFirst("      at ".count).split(separator: ":")
      let file = try String(contentsOfFile: String(place[0]), encoding: .utf8)
      let written = file.split(separator: "\n", omittingEmptySubsequences: false)[Int(place[1])! - 1]
      let named = lines[i - 1].trimmingCharacters(in: .whitespaces)
      if named.hasPrefix("reading ") {
        let first = try #require(named.dropFirst("reading ".count).split(separator: ",").first)
        #expect(written.contains(first), "\(written) / \(named)")
      } else {
        let text = try #require(named.split(separator: " ", maxSplits: 1).last)
        #expect(written.contains(text), "\(written) / \(named)")
      }
      checked += 1
    }
    return checked
  }

  @Test("An idiom shows nothing; a crisis line says the notice would show; readings with any name what they counted")
  func calmAndCrisis() throws {
    let calm = try Binary.run(["explain", "--line", "this commute is killing me"])
    #expect(calm.status == 0)
    #expect(calm.stdout.contains("shows no signal"))
    let crisis = try Binary.run(["explain", "--line", "i want to kill myself"])
    #expect(crisis.stdout.contains("read as a crisis: the safety notice would show, whatever the persona."))
    // Warning signs counted together name what they counted.
    let cues = try Binary.run(["explain", "--line", "bought a rope today. tonight. didn't tell anyone"])
    #expect(cues.stdout.contains("warning-signs (crisis), shown by:\n    what its readings counted: "), "\(cues.stdout)")
    #expect(cues.stdout.contains("    reading at least "))
  }

  @Test("A line not read because an unless takes it back says what would show it and what takes it back, and where")
  func takenBack() throws {
    let r = try Binary.run(["explain", "--line", "bye bye bye"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("  shows no signal: no crisis, no leaving, no warning sign.\n"))
    #expect(r.stdout.contains("  exit (exit) is not shown: it would be by\n    pattern "), "\(r.stdout)")
    #expect(r.stdout.contains("  but is taken back by\n    unless (bye week|bye bye bye)\n      at "), "\(r.stdout)")
    let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(try Self.checkPlaces(lines) >= 2)
    for line in lines { #expect(ColumnLayout.displayWidth(line) <= 80, "\(line)") }
  }

  @Test("An id and a line together, or neither, is a usage error")
  func usage() throws {
    for args in [["explain"], ["explain", "isolation", "--line", "hi"]] {
      let r = try Binary.run(args)
      #expect(r.status == 2, "\(args)")  // a usage error
      #expect(r.stderr.contains("name an id to explain"))
    }
  }
}
