import Foundation
import Testing

@testable import TetherEngine
@testable import TetherStudio

/// `play` reads the shipped folder on two threads (the signals' files and their compile on one,
/// the rest on the other): what it gets must be what reading everything in order gives.
@Suite("Reading a folder on two threads gives the scenario one thread gives")
struct ScenarioStoreTests {
  static var shipped: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Scenarios").path
  }

  @Test("The same documents, diagnostics, signals, words and conversation as reading in order")
  func sameAsInOrder() throws {
    let files = ScenarioStore.yamlFiles(under: Self.shipped)
    let (split, shared) = try ScenarioStore.libraryAndSignals(files: files)
    let whole = try ScenarioStore.library(files: files)
    #expect(shared != nil)
    #expect(split.documents.map(\.file) == whole.documents.map(\.file))
    #expect(split.diagnostics == whole.diagnostics)
    for id in ["lonely-evening", "two-am"] {
      let (a, da) = try ScenarioStore.compile(split, id, signals: shared)
      let (b, db) = try ScenarioStore.compile(whole, id)
      #expect(da == db)
      #expect(a.vocabulary.count == b.vocabulary.count)
      #expect(a.allSignals.map(\.id) == b.allSignals.map(\.id))
      for persona in a.personaIDs {
        var x = try Conversation(scenario: a, persona: persona, seed: 7)
        var y = try Conversation(scenario: b, persona: persona, seed: 7)
        let lines = a.demo + ["i really want to die", "i wnat to kil myself", "ok bye, going to bed"]
        for line in lines {
          let (s, t) = (x.respond(to: line), y.respond(to: line))
          #expect(s.reply == t.reply && s.signals == t.signals && s.crisis == t.crisis, "\(id)/\(persona): \(line)")
        }
      }
    }
  }

  @Test("A file declares signals by a top-level key, not by a nested one or a mention")
  func declaresSignals() {
    #expect(ScenarioStore.declaresSignals("signals:\n  - id: x"))
    #expect(ScenarioStore.declaresSignals("# comment\nlexicon:\n  clauses: whole"))
    #expect(ScenarioStore.declaresSignals("reading:\n  within: 4"))
    #expect(!ScenarioStore.declaresSignals("scenario:\n  signals: [a]\n  note: \"signals: none\""))
    #expect(!ScenarioStore.declaresSignals("personas:\n  - id: p"))
  }

  @Test("A document read on the second thread that brings signals after all is noticed")
  func bringsSignals() {
    let flow = ScenarioLibrary(files: [("x.yaml", "{signals: [{id: x, kind: warning, match: [\"purple elephant\"]}]}")])
    #expect(flow.bringsSignals)
    let persona = ScenarioLibrary(files: [("p.yaml", "personas:\n  - id: p\n    name: P\n")])
    #expect(!persona.bringsSignals)
  }
}
