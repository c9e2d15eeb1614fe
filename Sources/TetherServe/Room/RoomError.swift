/// Why the room refused a request. Each case says what HTTP status it becomes and a message the
/// pages show as they are.
public enum RoomError: Error, Sendable, Equatable {
  case wrongCode
  case wrongKey
  case tooManyAttempts
  case unknownPersona(String)
  case full
  case notJoined
  case notFacilitator
  case notYourSession
  case noSuchSession
  case ended
  case paused
  case emptyLine
  case lineTooLong(Int)
  case sessionTooLong(Int)
  case closed

  /// The HTTP status code.
  public var status: Int {
    switch self {
    case .wrongCode, .wrongKey, .notYourSession: return 403
    case .tooManyAttempts: return 429
    case .unknownPersona, .emptyLine: return 400
    case .full, .closed: return 503
    case .notJoined, .notFacilitator: return 401
    case .noSuchSession: return 404
    case .ended, .paused, .sessionTooLong: return 409
    case .lineTooLong: return 413
    }
  }

  /// What went wrong, in one sentence for the page.
  public var message: String {
    switch self {
    case .wrongCode: return "That room code is not right. Check the code on the projector."
    case .wrongKey: return "That facilitator key is not right. Open the facilitator address tether serve printed."
    case .tooManyAttempts: return "Too many wrong codes from this device. Wait a minute, then try again."
    case .unknownPersona(let id): return "This room has no persona '\(id)'."
    case .full: return "The room is full. Ask the facilitator."
    case .notJoined: return "You have not joined this room yet (or the server was restarted). Join again."
    case .notFacilitator: return "Log in with the facilitator address first."
    case .notYourSession: return "That conversation belongs to another browser."
    case .noSuchSession: return "There is no such conversation in this room."
    case .ended: return "This conversation has ended."
    case .paused: return "The facilitator has paused the room. Wait for them to resume it."
    case .emptyLine: return "Type something first."
    case .lineTooLong(let max): return "That line is too long: at most \(max) bytes."
    case .sessionTooLong(let max): return "This conversation has reached its limit of \(max) lines."
    case .closed: return "The room is closed: the facilitator stopped the server."
    }
  }
}
