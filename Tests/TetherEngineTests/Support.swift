import Testing

@testable import TetherEngine

/// Compiles a scenario from YAML texts (path → text); fails the test on any error.
func compile(_ files: [(String, String)], scenario: String? = nil) throws -> Scenario {
  let library = ScenarioLibrary(files: files)
  let (compiled, diagnostics) = library.compile(scenario ?? library.scenarioIDs.first)
  let errors = (library.diagnostics + diagnostics).filter { $0.severity == .error }
  #expect(errors.isEmpty, "\(errors)")
  return try #require(compiled)
}

/// Every diagnostic reading and compiling these files gives.
func diagnostics(_ files: [(String, String)]) -> [Diagnostic] {
  let library = ScenarioLibrary(files: files)
  let ids: [String?] = library.scenarioIDs.isEmpty ? [nil] : library.scenarioIDs
  return library.diagnostics + ids.flatMap { library.compile($0).diagnostics }
}

/// A one-persona scenario around the given rules YAML (indented under `rules:`).
func persona(_ body: String, lexicon: String = "", extra: String = "") -> [(String, String)] {
  [
    (
      "test.yaml",
      """
      lexicon:
        contractions: {"i'm": "i am", "don't": "do not"}
        reflections: {i: you, my: your, me: you, am: are}
        concepts:
          family: [mother, father, "big sister"]
          sad: [sad, unhappy, down]
      \(lexicon)
      scenario:
        id: t
        title: Test
      personas:
        - id: p
          annotated: false
          meters:
            attachment: {start: 10, min: 0, max: 20}
      \(extra)
          rules:
      \(body)
      """
    )
  ]
}

/// Replies of a fresh conversation to each line.
func replies(_ scenario: Scenario, _ lines: [String], seed: UInt64 = 1) throws -> [String] {
  var c = try Conversation(scenario: scenario, seed: seed)
  return lines.map { c.respond(to: $0).reply }
}
