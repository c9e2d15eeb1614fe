import FuzzProbes
import Foundation
import Testing

@testable import TetherEngine
@testable import TetherStudio

/// Every shipped scenario file, mutated as a hand-editing author or a damaged disk would, then
/// checked as `tether check` checks it: each outcome is a clean result or diagnostics at a real
/// `file:line:col`, never a crash; every scenario that still passes is played.
@Suite("Scenario files mutated: clean results or located diagnostics, never a crash")
struct ScenarioMutationTests {
  static func shipped() throws -> ShippedScenarios {
    switch Repository.shipped {
    case .success(let s): return s
    case .failure(let e): throw e
    }
  }

  /// A short, relative name for messages.
  static func name(_ path: String) -> String {
    path.hasPrefix(Repository.root.path + "/") ? String(path.dropFirst(Repository.root.path.count + 1)) : path
  }

  @Test("Each file alone: every kind of mutation, plus stacked ones (seed 20261126; TETHER_FUZZ_SCALE rounds)")
  func everyFileEveryMutation() throws {
    let shipped = try Self.shipped()
    var random = SplitMix64(seed: 20_261_126)
    var tried = 0, clean = 0, withErrors = 0, played = 0
    var byKind: [String: Int] = [:]
    let rounds = FuzzScale.factor
    let stacked = 4 * FuzzScale.factor
    for file in shipped.files {
      var mutants: [(String, String)] = []
      for _ in 0..<rounds {
        for kind in ScenarioMutator.Kind.allCases {
          let (k, text) = ScenarioMutator.mutate(file.text, &random, kind: kind)
          mutants.append((k.rawValue, text))
        }
      }
      for _ in 0..<stacked {
        // Two to four mutations on top of each other.
        var text = file.text
        var kinds: [String] = []
        for _ in 0..<(2 + Int(random.next() % 3)) {
          let (k, t) = ScenarioMutator.mutate(text, &random)
          text = t
          kinds.append(k.rawValue)
        }
        mutants.append((kinds.joined(separator: "+"), text))
      }
      for (kind, text) in mutants {
        let outcome = ScenarioProbe.check([(file.path, text)])
        tried += 1
        byKind[kind.split(separator: "+").count > 1 ? "stacked" : kind, default: 0] += 1
        if outcome.errors == 0 { clean += 1 } else { withErrors += 1 }
        played += outcome.turns
        #expect(outcome.problems.isEmpty, "\(Self.name(file.path)) after \(kind): \(outcome.problems.prefix(3))")
      }
    }
    print(
      "mutation harness (each file alone): \(tried) mutated files from \(shipped.files.count) shipped files; "
        + "\(clean) clean, \(withErrors) with located errors, \(played) turns played on the ones that still compiled; "
        + "by kind: \(byKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
    #expect(tried == shipped.files.count * (rounds * ScenarioMutator.Kind.allCases.count + stacked))
  }

  @Test("In the whole library, as `tether check Scenarios` reads it (seed 7; 8 × TETHER_FUZZ_SCALE libraries)")
  func mutatedInTheLibrary() throws {
    let shipped = try Self.shipped()
    var random = SplitMix64(seed: 7)
    var tried = 0, playedScenarios = 0
    // Each round mutates one file drawn from the seed; the rest of the library is as shipped.
    for _ in 0..<(8 * FuzzScale.factor) {
      let index = Int(random.next() % UInt64(shipped.files.count))
      let file = shipped.files[index]
      let (kind, text) = ScenarioMutator.mutate(file.text, &random)
      var files = shipped.files
      files[index] = (file.path, text)
      let outcome = ScenarioProbe.check(files, lines: ["hello", "i want to die", "bye"])
      tried += 1
      playedScenarios += outcome.compiled
      #expect(outcome.problems.isEmpty, "\(Self.name(file.path)) after \(kind.rawValue): \(outcome.problems.prefix(3))")
    }
    print("mutation harness (in the library): \(tried) mutated libraries, \(playedScenarios) scenarios still compiled and played")
  }

  @Test("Hostile YAML is refused at its place: billion laughs, alias as key, deep nesting, tags, a second document")
  func hostileDocumentsAreRefusedWithAPlace() {
    let cases: [(String, String, String)] = [
      ("laughs.yaml", ScenarioMutator.billionLaughs().joined(separator: "\n"), "aliases expand to more than"),
      ("laughs-key.yaml", ScenarioMutator.billionLaughs(asKey: true).joined(separator: "\n"), "aliases expand to more than"),
      ("key.yaml", "a: &k [x]\n? *k\n: 1\n", "mapping key"),
      ("deep.yaml", "x: " + String(repeating: "[", count: 100_000), "YAML syntax"),
      ("deep-map.yaml", "x: " + String(repeating: "{a: ", count: 5_000), "YAML syntax"),
      ("tag.yaml", "scenario: !!binary aGk=\n", "YAML tags"),
      ("two.yaml", "scenario: {id: a, title: A}\n---\nb: 1\n", "one YAML document"),
      ("ghost.yaml", "scenario: {id: *nowhere}\n", "unknown YAML alias"),
    ]
    for (path, text, expected) in cases {
      let outcome = ScenarioProbe.check([(path, text)])
      #expect(outcome.problems.isEmpty, "\(path): \(outcome.problems)")
      let first = outcome.diagnostics.first { $0.severity == .error }
      #expect(first?.message.contains(expected) == true, "\(path): \(outcome.diagnostics.prefix(3))")
      #expect(first?.location?.file == path)
    }
    // The laughs are refused at the alias that passes the 100,000-node budget: the tenth *a4
    // on line 6 (lol5), long before the ninth level.
    let laughs = ScenarioProbe.check([("laughs.yaml", ScenarioMutator.billionLaughs().joined(separator: "\n"))])
    #expect(laughs.diagnostics.first?.location?.line == 6)
    // A syntax error at the very end of a file without a final newline points at its last line.
    let cut = ScenarioProbe.check([("cut.yaml", "a: 1\nb: [x, y")])
    #expect(cut.diagnostics.first?.location?.description == "cut.yaml:2:9", "\(cut.diagnostics)")
  }

  @Test("An error inside a text written over several lines points at the text, not past its line")
  func errorsInsideMultiLineTexts() {
    // Found by FuzzScenario (scripts/fuzz/regressions/FuzzScenario/multiline-condition-column.yaml).
    let text = """
      scenario: {id: s, title: S}
      personas:
        - id: p
          annotated: false
          rules:
            - match: "*"
              when: "turn >= 3 and
                and"
              replies: ["ok"]
            - match: "* (a|b *"
              replies: [ok]
            - match: |
                * (c|d *
              replies: [ok]
      """
    let outcome = ScenarioProbe.check([("multi.yaml", text)])
    #expect(outcome.problems.isEmpty, "\(outcome.problems)")
    let places = outcome.diagnostics.filter { $0.severity == .error }.compactMap { $0.location?.description }
    #expect(places == ["multi.yaml:7:16", "multi.yaml:10:19", "multi.yaml:12:16"], "\(outcome.diagnostics)")
  }

  @Test("A 10 MB scalar and 100,000 lines load without trouble")
  func hugeFiles() {
    let huge = "scenario:\n  id: huge\n  title: \"" + String(repeating: "a", count: 10_000_000) + "\"\n"
    let one = ScenarioProbe.check([("huge.yaml", huge)])
    #expect(one.problems.isEmpty, "\(one.problems.prefix(3))")
    let long = (0..<100_000).map { "k\($0): v" }.joined(separator: "\n")
    let two = ScenarioProbe.check([("long.yaml", long)])
    #expect(two.problems.isEmpty, "\(two.problems.prefix(3))")
    #expect(two.errors > 0)  // 100,000 unknown top-level keys, each one reported at its line
  }

  @Test("Meter numbers past the limit are errors at their place, so no effect can overflow a meter")
  func meterNumbersAreBounded() {
    let text = """
      scenario: {id: s, title: S}
      personas:
        - id: p
          meters:
            m: {start: 0, min: -9223372036854775808, max: 9223372036854775807}
          rules:
            - match: "*"
              replies: ["ok"]
              effects: {meters: {m: 9223372036854775807}}
      """
    let outcome = ScenarioProbe.check([("big.yaml", text)])
    #expect(outcome.problems.isEmpty, "\(outcome.problems)")
    let lines = outcome.diagnostics.filter { $0.message.contains("between -1000000000 and 1000000000") }.compactMap { $0.location?.line }
    #expect(lines == [5, 5, 9], "\(outcome.diagnostics)")
  }
}
