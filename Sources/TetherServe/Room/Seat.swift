import TetherEngine
import TetherStudio

/// One trainee's conversation in the room: the engine's conversation, its transcript file, and
/// what the dashboard shows about it. A class, owned by the room's actor, so a turn changes the
/// conversation in place instead of copying it.
final class Seat {
  let id: Int
  /// "Trainee N", in the order of joining.
  let number: Int
  /// The browser that owns it (the token in its cookie).
  let browser: String
  let name: String?
  var conversation: Conversation
  let personaName: String
  let transcript: TranscriptSink
  /// Every turn so far, opening first.
  var turns: [Turn] = []
  /// Revealed on its own (the room may be revealed as a whole too).
  var revealed = false
  /// When the trainee or the persona last said something (the room's clock).
  var lastActivity: Double
  /// Nudges sent in the current silence.
  var nudges = 0
  /// How it ended, once it has.
  var ended: String?
  var crisis = 0
  var leaveAttempts = 0

  init(
    id: Int, number: Int, browser: String, name: String?, conversation: Conversation, personaName: String,
    transcript: TranscriptSink, lastActivity: Double
  ) {
    self.id = id
    self.number = number
    self.browser = browser
    self.name = name
    self.conversation = conversation
    self.personaName = personaName
    self.transcript = transcript
    self.lastActivity = lastActivity
  }

  var key: String { String(id) }
  var label: String { name ?? "Trainee \(number)" }

  /// Records a turn: in memory, and handed to the transcript (appended and flushed in order).
  /// `line` is its record (`TurnJSON.line`) if the caller has encoded it already.
  func record(_ turn: Turn, line: String? = nil) {
    turns.append(turn)
    if turn.crisis { crisis += 1 }
    if turn.intent == "exit" { leaveAttempts += 1 }
    transcript.append(turn, line: line)
  }

  /// Closes the conversation in the transcript.
  func end(_ reason: String) {
    guard ended == nil else { return }
    ended = reason
    transcript.append(
      TurnJSON.line(
        TranscriptEnd(
          tetherEnd: reason, turns: conversation.state.lines, endedAt: TranscriptWriter.timestamp())))
  }
}
