import Testing

@testable import TetherEngine

@Suite("Why a line shows a signal")
struct SignalReasonsTests {
  static let files = [
    (
      "lexicon.yaml",
      "lexicon:\n  concepts:\n    sig-pet: [cat, dog]\n    sig-gone: [\"ran away\", lost]\n"
    ),
    (
      "signals.yaml",
      """
      signals:
        - id: pet-lost
          kind: warning
          match:
            - "my {sig-pet} is {sig-gone}"
            - "no pet"
          unless:
            - "found"
          read:
            - {all: [sig-pet, sig-gone]}
        - id: elephant
          kind: warning
          match: ["purple elephant"]

      """
    ),
  ]

  @Test("Each pattern and reading that shows a signal alone, with where it is written; the others not")
  func reasons() throws {
    let (detector, diagnostics) = SignalReaderTests.detector(Self.files)
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    var m = Matcher()
    let (found, reasons, _) = detector.reasons("my cat is lost", matcher: &m)
    #expect(found.ids == ["pet-lost"])
    #expect(reasons.map(\.by) == ["pattern", "reading"])
    #expect(reasons[0].text == "my {sig-pet} is {sig-gone}")
    #expect(reasons[0].location?.description == "signals.yaml:5:10")  // inside the quotes
    #expect(reasons[1].text == "sig-pet, sig-gone")
    #expect(reasons[1].location?.description == "signals.yaml:10:9")
    // The reading alone: the pattern needs "my ... is".
    #expect(detector.reasons("the dog ran away", matcher: &m).reasons.map(\.by) == ["reading"])
    // Taken back by `unless`: no signal, no reason; what would show it, and what takes it back.
    let framed = detector.reasons("my cat is lost but found", matcher: &m)
    #expect(framed.found.ids.isEmpty && framed.reasons.isEmpty)
    #expect(framed.takenBack.map(\.signal) == ["pet-lost"])
    #expect(framed.takenBack.first?.shownBy.map(\.by) == ["pattern", "reading"])
    #expect(framed.takenBack.first?.takenBy.map(\.by) == ["unless"])
    #expect(framed.takenBack.first?.takenBy.first?.text == "found")
    #expect(framed.takenBack.first?.takenBy.first?.location?.description == "signals.yaml:8:10")
    // A line nothing would show has nothing taken back.
    #expect(detector.reasons("found a purple hat", matcher: &m).takenBack.isEmpty)
    #expect(detector.reasons("a purple elephant", matcher: &m).reasons.map(\.signal) == ["elephant"])
  }
}
