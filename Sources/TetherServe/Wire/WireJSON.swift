import Foundation
import TetherStudio

/// Encodes what the server sends: one JSON object, sorted keys, snake_case field names.
enum WireJSON {
  static func encode(_ value: some Encodable) -> String {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data = (try? e.encode(value)) ?? Data(#"{"error":"could not encode the answer"}"#.utf8)
    return SafeText.json(String(decoding: data, as: UTF8.self))
  }

  /// `{"error": message}`.
  static func error(_ message: String) -> String {
    encode(["error": message])
  }
}
