import FuzzProbes
import Foundation
import Testing

@testable import TetherEngine
@testable import TetherStudio

/// Every persona of every shipped scenario fed random and hostile lines: no crash, nothing the
/// terminal could take as a control sequence, one valid JSON line per turn that reads back as
/// typed, and the safety notice still on a crisis line afterwards.
@Suite("User lines fuzzed through every persona of every shipped scenario")
struct UserLineFuzzTests {
  static func shipped() throws -> ShippedScenarios {
    switch Repository.shipped {
    case .success(let s): return s
    case .failure(let e): throw e
    }
  }

  static func expectClean(_ outcome: LineOutcome, _ what: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    #expect(
      outcome.problems.isEmpty, "\(what): \(outcome.problems.count) problems, first: \(outcome.problems.prefix(3))",
      sourceLocation: sourceLocation)
  }

  @Test("Hand-written hostile lines: escapes, controls, bidi, invalid UTF-8, combining marks, emoji")
  func hostileLines() throws {
    let shipped = try Self.shipped()
    let outcome = shipped.feed(HostileLines.fixed)
    Self.expectClean(outcome, "hostile lines")
    print(
      "input fuzzing: \(HostileLines.fixed.count) hostile lines × \(shipped.pairs.count) personas = \(outcome.turns) turns checked")
  }

  @Test("Seeded random lines (seed 1126; 120 × TETHER_FUZZ_SCALE): words, controls, escapes, any scalar, bad bytes")
  func randomLines() throws {
    let shipped = try Self.shipped()
    var random = SplitMix64(seed: 1126)
    var turns = 0
    let rounds = 3 * FuzzScale.factor
    for _ in 0..<rounds {
      let lines = (0..<40).map { _ in HostileLines.random(&random) }
      let outcome = shipped.feed(lines, seed: random.next() % 1000)
      Self.expectClean(outcome, "random lines")
      turns += outcome.turns
    }
    print("input fuzzing: \(rounds * 40) random lines × \(shipped.pairs.count) personas = \(turns) turns checked")
  }

  @Test("A 1 MB line to every persona: answered, rendered safely, one JSON line; a crisis at its start still counts")
  func megabyteLine() throws {
    let shipped = try Self.shipped()
    let crisisFirst = "i want to kill myself " + HostileLines.megabyte
    // Each persona once: a scenario's setting does not change how a line is read.
    let pairs = shipped.distinctPairs
    let outcome = shipped.feed([HostileLines.megabyte, crisisFirst], crisisCheck: nil, pairs: pairs)
    Self.expectClean(outcome, "1 MB lines")
    // The opening (if any), the plain megabyte, the crisis megabyte: one crisis turn per persona.
    #expect(outcome.crisisTurns == pairs.count)
    print("input fuzzing: two 1 MB lines to each of \(pairs.count) personas, \(outcome.turns) turns checked")
  }

  @Test("10,000 lines in a row to each persona: every turn checked, the meters always in range")
  func tenThousandLines() throws {
    let shipped = try Self.shipped()
    var random = SplitMix64(seed: 10_000)
    let pool = HostileLines.fixed.filter { $0.utf8.count < 1_000 } + shipped.scenarios.flatMap(\.demo)
    let lines = (0..<10_000).map { k in
      k % 4 == 0 ? HostileLines.random(&random, maxPieces: 12) : pool[Int(random.next() % UInt64(pool.count))]
    }
    // One conversation per distinct persona (the same persona in another scenario plays alike).
    var seen = Set<String>()
    var turns = 0
    for scenario in shipped.scenarios {
      let fresh = scenario.personaIDs.filter { seen.insert($0).inserted }
      guard !fresh.isEmpty else { continue }
      for id in fresh {
        var c = try Conversation(scenario: scenario, persona: id, seed: 3)
        var problems: [String] = []
        for (k, line) in lines.enumerated() {
          let turn = c.respond(to: line)
          // The JSON and replay's text of every turn; play's screen and /why of every tenth.
          problems += TurnCheck.problems(turn, in: scenario, screens: k % 10 == 0)
          if problems.count > 3 { break }
        }
        turns += lines.count
        #expect(problems.isEmpty, "\(scenario.id)/\(id): \(problems.prefix(3))")
        #expect(c.respond(to: "i want to kill myself").notice != nil, "\(scenario.id)/\(id) after 10,000 lines")
      }
    }
    print("input fuzzing: 10,000 lines in a row to each of \(seen.count) personas = \(turns) turns checked")
  }

  @Test("play's screens stay free of control characters, slash commands included")
  func playScreens() throws {
    let shipped = try Self.shipped()
    let commands = ["/why", "/state", "/annotate", "/persona \u{1B}[2J", "/persona", "/help", "/restart", "/nope\u{9B}", "/save"]
    var screens = 0
    for scenario in shipped.scenarios {
      for id in scenario.personaIDs {
        let session = try PlaySession(
          scenario: scenario, persona: id, seed: 5, annotate: true, transcript: TranscriptWriter(path: nil), width: 60)
        var all = [session.open().screen]
        // Never /save: it would write the file it names.
        for line in (HostileLines.fixed.prefix(60) + commands.dropLast()).filter({ !$0.hasPrefix("/save") }) {
          all.append(session.input(line).screen)
        }
        if let nudge = session.silence() { all.append(nudge.screen) }
        for screen in all {
          screens += 1
          let plain = screen.render(color: false)
          if let c = TerminalText.firstControl(in: plain) {
            Issue.record("\(scenario.id)/\(id): U+\(String(c.value, radix: 16)) in \(TerminalText.excerpt(plain))")
          }
          // With colour on, the only escapes are Tether's own SGR codes.
          let colored = screen.render(color: true).replacingOccurrences(
            of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
          #expect(TerminalText.firstControl(in: colored) == nil, "\(scenario.id)/\(id)")
        }
      }
    }
    print("input fuzzing: \(screens) play screens checked")
  }
}

@Suite("Text wrapping of huge input")
struct HugeTextWrapTests {
  @Test("A 1 MB word and a 1 MB line wrap to the width and lose nothing", arguments: [40, 80])
  func megabyteWraps(width: Int) {
    let word = String(repeating: "a", count: 1_000_000)
    let lines = TextWrap.lines(word, width: width, first: 12, rest: 4)
    #expect(lines.joined() == word)
    #expect(lines.allSatisfy { TextWrap.width($0) <= width })
    let text = HostileLines.megabyte
    let wrapped = TextWrap.lines(text, width: width)
    #expect(wrapped.allSatisfy { TextWrap.width($0) <= width })
    #expect(wrapped.joined(separator: " ").split(separator: " ") == text.split(separator: " "))
  }
}
