import Foundation
import TetherEngine

/// One conversation read back from a transcript (or from `replay --format jsonl` output).
public struct RecordedConversation: Sendable {
  /// The file it was read from, and the line its first record is on.
  public var file: String
  public var line: Int
  /// The header record; nil for `replay` output, which has none.
  public var header: TranscriptHeader?
  public var turns: [Turn]
  /// The end record, when the conversation closed cleanly.
  public var end: TranscriptEnd?
  /// True when the file's last line, torn in half, belonged to this conversation.
  public var torn: Bool

  /// The persona's id: the header's, or the turns'.
  public var persona: String { header?.persona ?? turns.first?.persona ?? "unknown" }

  /// True when the conversation was interrupted: a header and no end record, or a torn last line.
  public var cut: Bool { torn || (header != nil && end == nil) }
}

/// Reads transcripts: JSON Lines of header, turn and end records.
///
/// A header opens a conversation; turn records follow in the schema of `replay --format jsonl`;
/// an end record may close it. Turn records with no header (plain `replay` output) form
/// conversations of their own, split where the persona changes or the numbering starts again.
/// A last line cut in half (a killed process) is skipped with a warning; any other bad line is an
/// error that names the file and line.
public enum TranscriptReader {
  /// A line that is not a transcript record.
  public struct Failure: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String
    public var description: String { line > 0 ? "\(file):\(line): error: \(message)" : "\(file): error: \(message)" }
  }

  /// What a file held: its conversations, and warnings worth showing.
  public struct Contents: Sendable {
    public var conversations: [RecordedConversation] = []
    public var warnings: [String] = []
  }

  /// The record kinds, told apart by which marker field a JSON object has.
  struct Probe: Decodable {
    struct Key: CodingKey {
      var stringValue: String
      var intValue: Int? { nil }
      init(stringValue: String) { self.stringValue = stringValue }
      init?(intValue: Int) { nil }
    }
    var keys: Set<String>

    init(from decoder: any Decoder) throws {
      keys = Set(try decoder.container(keyedBy: Key.self).allKeys.map(\.stringValue))
    }
  }

  /// Reads the file at `path`.
  public static func read(path: String) throws(Failure) -> Contents {
    guard let data = FileManager.default.contents(atPath: path) else {
      let why = FileManager.default.fileExists(atPath: path) ? "cannot read this file" : "no such file"
      throw Failure(file: path, line: 0, message: why)
    }
    return try read(data, file: path)
  }

  /// Reads transcript bytes; `file` names them in messages.
  public static func read(_ data: Data, file: String) throws(Failure) -> Contents {
    var contents = Contents()
    var current: RecordedConversation?
    func close() {
      if let c = current, c.header != nil || !c.turns.isEmpty || c.end != nil { contents.conversations.append(c) }
      current = nil
    }
    let decoder = JSONDecoder()
    let bytes = [UInt8](data)
    var start = 0
    var number = 0
    while start < bytes.count {
      number += 1
      let newline = bytes[start...].firstIndex(of: 0x0A)
      let end = newline ?? bytes.count
      var lineBytes = bytes[start..<end]
      start = end + 1
      if lineBytes.last == 0x0D { lineBytes = lineBytes.dropLast() }
      if lineBytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
      // Invalid UTF-8 becomes U+FFFD, so a damaged line is still read, not refused.
      let lineData = Data(String(decoding: lineBytes, as: UTF8.self).utf8)
      let isLast = newline == nil || start >= bytes.count
      func fail(_ message: String) throws(Failure) {
        throw Failure(file: file, line: number, message: message)
      }
      guard let probe = try? decoder.decode(Probe.self, from: lineData) else {
        if newline == nil {
          contents.warnings.append(
            "\(file):\(number): warning: the last line is cut off (the session was probably interrupted); it was skipped"
          )
          current?.torn = true
          break
        }
        let what =
          (try? JSONSerialization.jsonObject(with: lineData, options: [.fragmentsAllowed])) == nil
          ? "this line is not JSON" : "this line is not a JSON object"
        try fail("\(what); a transcript has one record (a JSON object) per line")
        continue
      }
      do {
        if probe.keys.contains("tether_transcript") {
          let header = try decoder.decode(TranscriptHeader.self, from: lineData)
          if header.tetherTranscript > 1 {
            contents.warnings.append(
              "\(file):\(number): warning: written by a newer Tether (transcript format \(header.tetherTranscript)); reading what this version knows"
            )
          }
          close()
          current = RecordedConversation(file: file, line: number, header: header, turns: [], end: nil, torn: false)
        } else if probe.keys.contains("tether_end") {
          let record = try decoder.decode(TranscriptEnd.self, from: lineData)
          if current == nil {
            contents.warnings.append(
              "\(file):\(number): warning: an end record with no conversation before it; skipped")
          } else {
            current?.end = record
            close()
          }
        } else if probe.keys.contains("turn") {
          let turn = try decoder.decode(Turn.self, from: lineData)
          if let c = current {
            let restarts =
              c.header == nil && !c.turns.isEmpty
              && (turn.persona != c.persona || turn.turn <= (c.turns.last?.turn ?? -1))
            if restarts { close() }
          }
          if current == nil {
            current = RecordedConversation(file: file, line: number, header: nil, turns: [], end: nil, torn: false)
          }
          current?.turns.append(turn)
        } else {
          try fail(
            "this is not a transcript record: expected a header (\"tether_transcript\"), a turn (\"turn\") or an end record (\"tether_end\")"
          )
        }
      } catch let error as Failure {
        throw error
      } catch let error as DecodingError {
        if isLast && newline == nil {
          contents.warnings.append(
            "\(file):\(number): warning: the last line is cut off (the session was probably interrupted); it was skipped"
          )
          current?.torn = true
          break
        }
        try fail(describe(error))
      } catch {
        try fail("cannot read this record (\(error))")
      }
    }
    close()
    return contents
  }

  /// A decoding error in words: which field, and what is wrong with it.
  static func describe(_ error: DecodingError) -> String {
    func path(_ keys: [any CodingKey]) -> String {
      keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        .replacingOccurrences(of: ".[", with: "[")
    }
    switch error {
    case .keyNotFound(let key, let context):
      let at = path(context.codingPath + [key])
      return "the field '\(at)' is missing from this record"
    case .typeMismatch(let type, let context):
      return "the field '\(path(context.codingPath))' should be \(describe(type))"
    case .valueNotFound(let type, let context):
      return "the field '\(path(context.codingPath))' is null; it should be \(describe(type))"
    case .dataCorrupted(let context):
      return context.codingPath.isEmpty
        ? "this line is not valid JSON" : "the field '\(path(context.codingPath))' is not valid"
    @unknown default:
      return "this record cannot be read"
    }
  }

  static func describe(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: return "text"
    case is Int.Type, is UInt64.Type: return "a whole number"
    case is Bool.Type: return "true or false"
    case is [String].Type: return "a list of text"
    default:
      let name = String(describing: type)
      return name.hasPrefix("Dictionary") ? "an object" : name.hasPrefix("Array") ? "a list" : "a \(name)"
    }
  }
}
