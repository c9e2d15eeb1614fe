import Testing

@testable import TetherEngine
@testable import TetherStudio

@Suite("tether test checks each signal's examples and not_examples")
struct SignalExampleTests {
  static let files = [
    (
      "signals.yaml",
      """
      signals:
        - id: isolation
          kind: warning
          match: ["* no one to talk to *"]
          examples:
            - "honestly i have no one to talk to"
            - "i have plenty of friends"
          not_examples:
            - "no one to talk to? i'm not alone at all"
            - "there is no one here"
      """
    ),
    (
      "s.yaml",
      """
      scenario: {id: s, title: S}
      personas:
        - id: p
          annotated: false
          rules:
            - match: "*"
              replies: ["ok"]
      """
    ),
  ]

  @Test func examplesThatDoNotBehaveAreReportedAtTheirLine() throws {
    let library = ScenarioLibrary(files: Self.files)
    #expect(library.diagnostics.isEmpty, "\(library.diagnostics)")
    let scenario = try #require(library.compile("s").scenario)
    var tester = ScenarioTester()
    tester.run(scenario, examplesOf: ["p"])
    tester.run(scenario, examplesOf: [])  // a second scenario sharing the signals: no double count
    let messages = tester.failures.map(\.description)
    #expect(messages.count == 2)
    #expect(messages.contains { $0.hasPrefix("signals.yaml:7:") && $0.contains("\"i have plenty of friends\"") })
    #expect(messages.contains { $0.hasPrefix("signals.yaml:9:") && $0.contains("not_examples") })
    #expect(tester.passed == 2)
  }
}
