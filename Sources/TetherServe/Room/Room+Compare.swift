import TetherEngine
import TetherStudio

extension Room {
  /// What a comparison of one session needs, taken from the room in one step.
  struct CompareSource: Sendable {
    var session: String
    var number: Int
    var persona: String
    var seed: UInt64
    var lines: [String]
    /// The persona spoke on its own after a silence (nudges are not replayed).
    var nudged: Bool
  }

  /// One session's user lines, with the same seed, through every persona of the scenario, side by
  /// side (the comparison of `tether compare`), as JSON for the projector: no trainee name.
  ///
  /// The room hands over the session's lines and seed; the personas answer them outside the
  /// room's actor, so a long session's comparison never holds up the trainees' turns.
  public nonisolated func compare(session: String?, facilitator token: String?) async throws(RoomError) -> String {
    let source = try await compareSource(session: session, facilitator: token)
    let comparison: Comparison
    do {
      comparison = try Compare.run(
        scenario, personas: scenario.personaIDs, lines: source.lines, seed: source.seed,
        source: "the lines of session \(source.number)", taxonomy: Taxonomy())
    } catch {
      throw .noSuchSession
    }
    let name = scenario.personaInfo(source.persona)?.name ?? source.persona
    let note =
      source.nudged
      ? "\(name) also spoke on its own after a silence in this session; those messages are not replayed, so its column can differ from the session from there on."
      : nil
    return WireJSON.encode(
      CompareView(
        comparison, scenario: scenario, session: source.session, number: source.number, persona: source.persona,
        lines: source.lines.count, note: note))
  }

  func compareSource(session: String?, facilitator token: String?) throws(RoomError) -> CompareSource {
    try requireFacilitator(token)
    guard let session, let id = Int(session), let seat = seats[id] else { throw .noSuchSession }
    return CompareSource(
      session: seat.key, number: seat.number, persona: seat.conversation.personaID, seed: seat.conversation.seed,
      lines: seat.turns.compactMap(\.input), nudged: seat.turns.contains { $0.event == "silence" })
  }
}
