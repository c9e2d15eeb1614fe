import Foundation
import TetherEngine

/// A command the trainee types in `play`, starting with `/`.
public enum SlashCommand: Equatable, Sendable {
  case why, annotate, state, restart, help, quit
  case persona(String?)
  case save(String?)

  /// Every command with its one-line help, in the order `/help` lists them.
  public static let all: [(name: String, usage: String, help: String)] = [
    ("/why", "/why", "explain the last reply: rule, pattern, technique, meters, signals, rules that lost"),
    ("/annotate", "/annotate", "turn the notes under each reply on or off"),
    ("/state", "/state", "show the persona's meters, variables, memory and phase"),
    ("/persona", "/persona ID", "talk to another persona (the conversation starts over)"),
    ("/restart", "/restart", "start the conversation over with the same persona"),
    ("/save", "/save [PATH]", "copy the transcript to PATH (default: a new file here)"),
    ("/help", "/help", "list these commands"),
    ("/quit", "/quit", "end the conversation (Ctrl-D does too)"),
  ]

  /// The command names, for tab completion.
  public static var names: [String] { all.map(\.name) }

  /// Why a line starting with `/` is not a command.
  public struct Unknown: Error, Equatable, Sendable {
    public var message: String
  }

  /// True when the line is meant as a command: `/` then a letter. Every such line is taken as a
  /// command, so a mistyped one gets a did-you-mean instead of reaching the persona.
  public static func isCommand(_ line: String) -> Bool {
    let t = line.drop { $0 == " " }
    guard t.first == "/", let second = t.dropFirst().first else { return false }
    return second.isLetter
  }

  /// Parses a command line; unknown names get a did-you-mean.
  public static func parse(_ line: String) -> Result<SlashCommand, Unknown> {
    let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
    let name = parts.first?.lowercased() ?? ""
    let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil
    let arg = argument?.isEmpty == false ? argument : nil
    switch name {
    case "/why": return .success(.why)
    case "/annotate", "/annotations": return .success(.annotate)
    case "/state": return .success(.state)
    case "/persona": return .success(.persona(arg))
    case "/restart": return .success(.restart)
    case "/save": return .success(.save(arg))
    case "/help", "/?": return .success(.help)
    case "/quit", "/exit", "/bye": return .success(.quit)
    default:
      let hint = suggestion(for: name, among: names).map { " Did you mean \($0)?" } ?? ""
      return .failure(Unknown(message: "There is no command \(name).\(hint) Type /help for the list."))
    }
  }
}
