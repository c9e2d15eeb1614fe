import Foundation
import TetherEngine

/// One trainee's session of `play`, whatever the terminal: the conversation, the slash commands,
/// the annotation switch and the transcript. The terminal layer only reads lines, shows what this
/// returns, and says when the user has been silent.
public final class PlaySession {
  /// What the terminal shows for one step.
  public struct Response {
    /// Shown at once (notices, command output, warnings).
    public var before = Screen()
    /// The persona's reply and its annotation, shown after the typing pace (empty: no reply).
    public var reply = Screen()
    /// Characters in the reply, for the typing pace.
    public var replyLength = 0
    /// The session is over: `summary` says so in one line.
    public var ended = false
    public var summary: String?

    public init() {}

    /// Everything, in order.
    public var screen: Screen {
      var s = before
      s.append(reply)
      if let summary { s.add(.system, summary) }
      return s
    }
  }

  public let scenario: Scenario
  public private(set) var conversation: Conversation
  public var annotate: Bool
  /// Scripted use (standard input not a terminal): no start screen, and turns printed as
  /// `replay` prints them (`you> …`, `Name> …`).
  public var scripted = false
  /// Columns to wrap to; the terminal updates it when the window changes.
  public var width: Int
  public let seed: UInt64
  public private(set) var lastTurn: Turn?
  public let transcript: TranscriptWriter
  private var warnedAboutDisk = false
  private let clock: () -> Date
  /// Whose crisis line the safety notice names (nil: the default).
  public let region: String?

  /// Throws, before anything is written, when the scenario has no such persona.
  public convenience init(
    scenario: Scenario, persona: String?, seed: UInt64, annotate: Bool, transcript: TranscriptWriter, width: Int,
    region: String? = nil, clock: @escaping () -> Date = Date.init
  ) throws(Conversation.Failure) {
    self.init(
      conversation: try Conversation(scenario: scenario, persona: persona, seed: seed, region: region),
      annotate: annotate, transcript: transcript, width: width, clock: clock)
  }

  /// A session of a conversation already started (its scenario, persona, seed and region chosen),
  /// so that a caller can check the persona before it opens the transcript file.
  public init(
    conversation: Conversation, annotate: Bool, transcript: TranscriptWriter, width: Int,
    clock: @escaping () -> Date = Date.init
  ) {
    self.scenario = conversation.scenario
    self.region = conversation.region
    self.seed = conversation.seed
    self.annotate = annotate
    self.transcript = transcript
    self.width = width
    self.clock = clock
    self.conversation = conversation
  }

  public var personaName: String { scenario.personaInfo(conversation.personaID)?.name ?? conversation.personaID }

  var view: TurnView { TurnView(scenario: scenario, personaName: personaName, width: width) }

  /// Seconds of silence before the persona may write unprompted; nil when it never does.
  public var idleSeconds: Double? { scenario.idleSeconds(conversation.personaID) }

  // MARK: - Start and end

  /// The start screen, then the persona's opening line. Writes the transcript's header.
  public func open() -> Response {
    var r = Response()
    if !scripted { r.before = startScreen() }
    if let failure = transcript.failure {
      r.before.append(diskWarning(failure))
      warnedAboutDisk = true
    }
    beginTranscript()
    if let opening = conversation.start() { show(opening, in: &r) }
    return r
  }

  func startScreen() -> Screen {
    var s = Screen()
    s.add(.title, "Tether · " + SafeText.terminal(scenario.title))
    if !scenario.brief.isEmpty {
      s.wrapped(scenario.brief.trimmingCharacters(in: .whitespacesAndNewlines), style: .plain, width: width, first: .init(.plain, ""))
    }
    s.wrapped(
      "You are talking with \(personaName) (\(conversation.personaID)), a scripted persona in a training simulation, not a person. Annotations are \(annotate ? "on" : "off").",
      style: .system, width: width, first: .init(.system, ""))
    s.wrapped(
      "/help lists the commands · /annotate explains each reply · /quit or Ctrl-D leaves", style: .system, width: width,
      first: .init(.system, ""))
    s.add(.plain, "")
    return s
  }

  func beginTranscript() {
    let header = TranscriptHeader(
      scenario: scenario.id, scenarioTitle: scenario.title, persona: conversation.personaID, personaName: personaName,
      seed: seed, startedAt: TranscriptWriter.timestamp(clock()))
    record(TurnJSON.line(header))
  }

  /// Closes the conversation in the transcript and says in one line how it ended and where it is.
  public func close(_ reason: String) -> String {
    endTranscript(reason)
    let n = conversation.state.lines
    var line = "Conversation with \(personaName) ended after \(n) line\(n == 1 ? "" : "s")."
    if transcript.isWriting, let path = transcript.path {
      line += " Transcript: \(path)"
    } else {
      line += " The transcript could not be written to disk; it was kept in memory only."
    }
    return SafeText.terminal(line)
  }

  func endTranscript(_ reason: String) {
    record(
      TurnJSON.line(
        TranscriptEnd(tetherEnd: reason, turns: conversation.state.lines, endedAt: TranscriptWriter.timestamp(clock()))))
  }

  // MARK: - Steps

  /// The user's line: a slash command, or a line for the persona. Blank lines do nothing.
  public func input(_ raw: String) -> Response {
    let line = raw.trimmingCharacters(in: .whitespaces)
    if line.isEmpty { return Response() }
    if SlashCommand.isCommand(line) {
      switch SlashCommand.parse(line) {
      case .success(let command): return run(command)
      case .failure(let unknown):
        var r = Response()
        r.before.add(.warning, SafeText.terminal(unknown.message))
        return r
      }
    }
    let turn = conversation.respond(to: raw)
    var r = Response()
    show(turn, in: &r)
    if turn.ends {
      r.ended = true
      r.summary = close("persona")
    }
    return r
  }

  /// The user has been silent for the idle time: the persona's unprompted message, if it sends one.
  public func silence() -> Response? {
    guard let turn = conversation.silence() else { return nil }
    var r = Response()
    show(turn, in: &r)
    return r
  }

  func show(_ turn: Turn, in r: inout Response) {
    lastTurn = turn
    if scripted {
      r.reply.add(.plain, TurnText.render(turn, personaName: personaName))
    } else {
      r.before.append(view.notice(turn))
      r.reply = view.reply(turn)
      r.replyLength = turn.reply.count
    }
    if annotate { r.reply.append(view.annotation(turn)) }
    record(TurnJSON.line(turn))
    if !warnedAboutDisk, let failure = transcript.failure {
      warnedAboutDisk = true
      r.reply.append(diskWarning(failure))
    }
  }

  func record(_ line: String) {
    transcript.append(line)
  }

  func diskWarning(_ failure: String) -> Screen {
    var s = Screen()
    s.wrapped(
      "Tether cannot save this conversation: \(failure). The conversation goes on, kept in memory; /save PATH writes it somewhere else.",
      style: .warning, width: width, first: .init(.warning, "! "))
    return s
  }

  // MARK: - Commands

  func run(_ command: SlashCommand) -> Response {
    var r = Response()
    switch command {
    case .help:
      r.before.add(.title, "Commands")
      let w = SlashCommand.all.map { $0.usage.count }.max() ?? 0
      for c in SlashCommand.all {
        r.before.wrapped(
          c.help, style: .plain, width: width,
          first: .init(.label, "  " + c.usage + String(repeating: " ", count: w - c.usage.count + 2)))
      }
      r.before.add(.system, "Tab completes commands and persona ids; the up arrow recalls earlier lines; Ctrl-R searches them.")
    case .annotate:
      annotate.toggle()
      r.before.add(
        .system,
        annotate
          ? "Annotations on: each reply now shows its technique, the dynamic it leans on, meter changes, signals and a healthy alternative."
          : "Annotations off. /why still explains the last reply.")
    case .why:
      if let last = lastTurn {
        r.before = WhyView(view).render(last)
      } else {
        r.before.add(.system, "Nothing to explain yet: \(personaName) has not said anything. Type a line first.")
      }
    case .state:
      r.before = StateView.render(conversation, personaName: personaName, width: width)
    case .restart:
      restart(to: conversation.personaID, reason: "restart", in: &r)
    case .persona(let id):
      guard let id else {
        r.before.add(.system, "Personas in this scenario: " + scenario.personaIDs.map { id in
          "\(id) (\(scenario.personaInfo(id)?.name ?? id))" + (id == conversation.personaID ? " ← now" : "")
        }.joined(separator: ", ") + ". Switch with /persona ID.")
        return r
      }
      guard scenario.personaIDs.contains(id) else {
        let hint = suggestion(for: id, among: scenario.personaIDs).map { " Did you mean \($0)?" } ?? ""
        r.before.add(
          .warning,
          SafeText.terminal(
            "This scenario has no persona \(id).\(hint) Personas: \(scenario.personaIDs.joined(separator: ", "))."))
        return r
      }
      restart(to: id, reason: "switch", in: &r)
    case .save(let path):
      let destination = path.map(Self.expandTilde) ?? defaultSavePath()
      do {
        try transcript.save(to: destination)
        r.before.add(.system, SafeText.terminal("Saved the transcript to \(destination)."))
      } catch {
        r.before.add(.warning, SafeText.terminal("Could not save: \(error.description). Try another path: /save PATH"))
      }
    case .quit:
      r.ended = true
      r.summary = close("quit")
    }
    return r
  }

  func restart(to id: String, reason: String, in r: inout Response) {
    endTranscript(reason)
    guard let fresh = try? Conversation(scenario: scenario, persona: id, seed: seed, region: region) else { return }
    let switched = id != conversation.personaID
    conversation = fresh
    lastTurn = nil
    r.before.add(
      .system,
      switched
        ? "Now talking with \(personaName) (\(id)). The conversation starts over."
        : "The conversation starts over with \(personaName).")
    r.before.add(.plain, "")
    beginTranscript()
    if let opening = conversation.start() { show(opening, in: &r) }
  }

  func defaultSavePath() -> String {
    let folder = FileManager.default.currentDirectoryPath
    return TranscriptWriter.newPath(in: folder, scenario: scenario.id, persona: conversation.personaID, date: clock())
  }

  static func expandTilde(_ path: String) -> String {
    path.hasPrefix("~/") ? NSHomeDirectory() + String(path.dropFirst()) : path
  }
}
