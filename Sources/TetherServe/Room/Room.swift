import Foundation
import TetherEngine
import TetherStudio

/// The classroom: every trainee's conversation, the room code, the facilitator's key, the reveal
/// state and the events pushed to the pages. It knows nothing of HTTP: the routes call it with
/// plain values (a code, a cookie's token, a line) and send back the JSON it returns.
///
/// One actor, so one turn at a time: the engine answers in microseconds, and each turn is written
/// and flushed to its transcript before the next one starts.
public actor Room {
  /// When the annotations are shown to trainees.
  public enum RevealMode: String, Sendable, CaseIterable {
    /// When the facilitator reveals them (the room, or one session).
    case manual
    /// From the first reply.
    case immediate
  }

  /// What a room is set up with.
  public struct Settings: Sendable {
    public var code: RoomCode
    /// The facilitator's secret (128 random bits, hex).
    public var facilitatorKey: String
    public var reveal: RevealMode
    /// The folder for transcripts (one file per session); nil keeps them in memory only.
    public var out: String?
    /// Open sessions at most (joins past it get 503).
    public var maxSessions = 100
    /// A user line's length at most, in UTF-8 bytes (longer gets 413).
    public var maxLineBytes = 2048
    /// User lines per session at most.
    public var maxLinesPerSession = 500
    /// Wrong codes or keys per address within `attemptWindow` seconds before 429.
    public var maxWrongAttempts = 10
    public var attemptWindow: Double = 60
    /// Nudges in one silence at most; each waits twice as long as the one before.
    public var nudgesPerSilence = 3
    /// Seconds of silence before a nudge, for every persona (nil: each persona's own idle time).
    public var idle: Double?
    /// Whose crisis line the safety notice names (nil: the default).
    public var region: String?

    /// A room with a random code and key unless given.
    public init(
      code: RoomCode? = nil, facilitatorKey: String? = nil, reveal: RevealMode = .manual, out: String? = nil
    ) {
      self.code = code ?? .random()
      self.facilitatorKey = facilitatorKey ?? Secret.token()
      self.reveal = reveal
      self.out = out
    }
  }

  /// A trainee's join: the browser's token (for its cookie), the session, and the page's JSON.
  public struct Joined: Sendable {
    public var browser: String
    public var session: String
    public var json: String
  }

  public let scenario: Scenario
  public let settings: Settings
  /// Seconds on a monotonic clock; tests pass their own.
  let clock: @Sendable () -> Double
  /// The seed of each new conversation.
  let seeds: @Sendable () -> UInt64

  var seats: [Int: Seat] = [:]
  /// Browser token → its sessions, oldest first.
  var browsers: [String: [Int]] = [:]
  var facilitators: Set<String> = []
  var revealedRoom: Bool
  var paused = false
  var closed = false
  var limiter: AttemptLimiter
  var nextSeat = 1
  var subscribers: [Int: Subscriber] = [:]
  var nextSubscriber = 1

  public init(
    scenario: Scenario, settings: Settings, clock: @escaping @Sendable () -> Double = Room.monotonicSeconds,
    seeds: @escaping @Sendable () -> UInt64 = { UInt64.random(in: 1...999_999) }
  ) {
    self.scenario = scenario
    self.settings = settings
    self.clock = clock
    self.seeds = seeds
    revealedRoom = settings.reveal == .immediate
    limiter = AttemptLimiter(limit: settings.maxWrongAttempts, window: settings.attemptWindow)
  }

  /// Seconds since an arbitrary start, never going back.
  @Sendable public static func monotonicSeconds() -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
  }
  private static let start = ContinuousClock.now

  // MARK: - Trainees

  /// The scenario's title, brief and personas, for the join form.
  func scenarioJSON() -> String {
    WireJSON.encode(
      ScenarioView(
        id: scenario.id, title: scenario.title, brief: scenario.brief.trimmingCharacters(in: .whitespacesAndNewlines),
        personas: scenario.personaIDs.map { PersonaView(id: $0, name: scenario.personaInfo($0)?.name ?? $0) }))
  }

  /// Public: the join form's data.
  public func scenarioInfo() -> String { scenarioJSON() }

  /// Joins the room: checks the code (429 after too many wrong ones from `address`), starts a
  /// conversation with `persona` (nil: the scenario's default), opens its transcript and writes
  /// the header and the opening turn. `browser` is the token of the browser's cookie, if it has
  /// one this room made; otherwise a new one is made.
  public func join(
    code: String, persona: String?, name: String?, browser: String?, address: String
  ) async throws(RoomError) -> Joined {
    if closed { throw .closed }
    let now = clock()
    if limiter.isBlocked(address, now: now) { throw .tooManyAttempts }
    guard settings.code.matches(code) else {
      limiter.fail(address, now: now)
      throw .wrongCode
    }
    let personaID = persona ?? scenario.defaultPersona
    guard scenario.personaIDs.contains(personaID) else { throw .unknownPersona(String(personaID.prefix(40))) }
    if seats.values.filter({ $0.ended == nil }).count >= settings.maxSessions || seats.count >= settings.maxSessions * 4
    {
      throw .full
    }
    let owner = browser.flatMap { browsers[$0] != nil ? $0 : nil } ?? Secret.token()
    let seed = seeds()
    let conversation: Conversation
    do {
      conversation = try Conversation(scenario: scenario, persona: personaID, seed: seed, region: settings.region)
    } catch {
      throw .unknownPersona(personaID)
    }
    let id = nextSeat
    nextSeat += 1
    let personaName = scenario.personaInfo(personaID)?.name ?? personaID
    let path = settings.out.map {
      TranscriptWriter.newPath(in: $0, scenario: "\(scenario.id)-trainee\(id)", persona: personaID)
    }
    let seat = Seat(
      id: id, number: id, browser: owner, name: Self.cleanName(name), conversation: conversation,
      personaName: personaName, transcript: TranscriptSink(path: path), lastActivity: now)
    seat.transcript.append(
      TurnJSON.line(
        TranscriptHeader(
          scenario: scenario.id, scenarioTitle: scenario.title, persona: personaID, personaName: personaName,
          seed: seed, startedAt: TranscriptWriter.timestamp())))
    if let opening = seat.conversation.start() { seat.record(opening) }
    seats[id] = seat
    browsers[owner, default: []].append(id)
    publishSummary(id)
    let json = WireJSON.encode(view(of: seat))
    await seat.transcript.flushed()
    return Joined(browser: owner, session: seat.key, json: json)
  }

  /// The trainee's answer to one line: the turn as JSON, without its explaining fields until the
  /// session is revealed. Recorded and flushed to the transcript before it returns (other
  /// requests go on meanwhile: the room's state is settled before it waits for the disk);
  /// nothing of a refused line is recorded.
  ///
  /// The room's actor answers the line and settles its state; the JSON is encoded outside it (the
  /// transcript's record on the transcript's own queue), so 40 lines arriving at once wait for
  /// each other only for the engine's microseconds, not for each other's encoding.
  public nonisolated func turn(browser: String?, session: String?, text: String) async throws(RoomError) -> String {
    let answered = try await answer(browser: browser, session: session, text: text)
    let json =
      answered.revealed
      ? answered.line ?? WireJSON.encode(TurnView(answered.turn, revealed: true))
      : WireJSON.encode(TurnView(answered.turn, revealed: false))
    await answered.transcript.flushed()
    return json
  }

  /// A line answered: the turn, whether the trainee may see its explanation, its record if it
  /// was encoded for the dashboard, and the transcript to wait for.
  struct Answered: Sendable {
    var turn: Turn
    var revealed: Bool
    var line: String?
    var transcript: TranscriptSink
  }

  /// The room's part of a turn: checks the line, answers it, records it, tells the dashboard.
  func answer(browser: String?, session: String?, text: String) throws(RoomError) -> Answered {
    let id = try owned(browser: browser, session: session)
    guard let seat = seats[id] else { throw .noSuchSession }
    if closed { throw .closed }
    if seat.ended != nil { throw .ended }
    if paused { throw .paused }
    if text.utf8.count > settings.maxLineBytes { throw .lineTooLong(settings.maxLineBytes) }
    if text.allSatisfy({ $0.isWhitespace }) { throw .emptyLine }
    if seat.conversation.state.lines >= settings.maxLinesPerSession {
      throw .sessionTooLong(settings.maxLinesPerSession)
    }
    let turn = seat.conversation.respond(to: text)
    // Encoded here only when the dashboard is open (its feed needs it now); the transcript
    // then reuses it.
    let line = facilitatorsListening ? TurnJSON.line(turn) : nil
    seat.record(turn, line: line)
    seat.lastActivity = clock()
    seat.nudges = 0
    publish(turn, line: line, of: id)
    if turn.ends { finish(id, by: "persona") }
    return Answered(turn: turn, revealed: isRevealed(id), line: line, transcript: seat.transcript)
  }

  /// A trainee's session as its page shows it after a reload: every turn so far.
  public func session(browser: String?, session: String?) throws(RoomError) -> String {
    let id = try owned(browser: browser, session: session)
    guard let seat = seats[id] else { throw .noSuchSession }
    return WireJSON.encode(view(of: seat))
  }

  /// The session a trainee's request is about: the one named, if this browser owns it, or the
  /// browser's latest.
  func owned(browser: String?, session: String?) throws(RoomError) -> Int {
    guard let browser, Secret.isToken(browser), let mine = browsers[browser], let latest = mine.last else {
      throw .notJoined
    }
    guard let session else { return latest }
    guard let id = Int(session), seats[id] != nil else { throw .noSuchSession }
    guard mine.contains(id) else { throw .notYourSession }
    return id
  }

  func isRevealed(_ id: Int) -> Bool { revealedRoom || (seats[id]?.revealed ?? false) }

  func view(of seat: Seat) -> SessionView {
    let revealed = isRevealed(seat.id)
    let turns = seat.turns.map { TurnView($0, revealed: revealed) }
    return SessionView(
      session: seat.key, number: seat.number, name: seat.name, persona: seat.conversation.personaID,
      personaName: seat.personaName, scenario: scenario.id, title: scenario.title, revealed: revealed, paused: paused,
      ended: seat.ended, opening: turns.first.flatMap { $0.turn.event == "start" ? $0 : nil }, turns: turns,
      meters: revealed ? meters(of: seat) : nil)
  }

  func meters(of seat: Seat) -> [MeterView] {
    scenario.meters(of: seat.conversation.personaID).map(MeterView.init)
  }

  /// A name as typed, trimmed, at most 40 characters, without control characters; nil if empty.
  static func cleanName(_ name: String?) -> String? {
    guard let name else { return nil }
    let kept = String(String.UnicodeScalarView(name.unicodeScalars.filter { !isControl($0) }))
    let trimmed = String(kept.trimmingCharacters(in: .whitespacesAndNewlines).prefix(40))
    return trimmed.isEmpty ? nil : trimmed
  }

  static func isControl(_ s: Unicode.Scalar) -> Bool {
    let v = s.value
    return v < 0x20 || (v >= 0x7F && v <= 0x9F) || (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069)
  }

  // MARK: - Silence

  /// Sends each session whose trainee has been silent long enough the persona's nudge, if it has
  /// one: after its idle time, then twice that, up to `nudgesPerSilence` in one silence. Only a
  /// session with its page open gets one, and none while the room is paused. The server calls
  /// this every second; tests call it after moving their clock. Returns the nudges sent.
  @discardableResult
  public func sweepSilence() -> Int {
    guard !paused, !closed else { return 0 }
    let now = clock()
    var sent = 0
    for id in seats.keys.sorted() {
      guard let seat = seats[id], seat.ended == nil, seat.nudges < settings.nudgesPerSilence,
        let idle = settings.idle ?? scenario.idleSeconds(seat.conversation.personaID), idle > 0,
        traineeSockets(id) > 0
      else { continue }
      let wait = idle * Double(1 << seat.nudges)
      guard now - seat.lastActivity >= wait else { continue }
      seat.nudges += 1
      seat.lastActivity = now
      guard let turn = seat.conversation.silence() else {
        seat.nudges = settings.nudgesPerSilence  // this persona has nothing to say after silence
        continue
      }
      let line = facilitatorsListening ? TurnJSON.line(turn) : nil
      seat.record(turn, line: line)
      sent += 1
      send(
        toSession: id, WireJSON.encode(Event.Nudge(session: seat.key, turn: TurnView(turn, revealed: isRevealed(id)))))
      publish(turn, line: line, of: id)
      if turn.ends { finish(id, by: "persona") }
    }
    return sent
  }
}
