import Foundation
import TetherEngine

/// Encodes turns as JSON lines: sorted keys, snake_case, every control character escaped.
public enum TurnJSON {
  static func encoder() -> JSONEncoder {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return e
  }

  /// One JSON object on one line.
  public static func line(_ value: some Encodable) -> String {
    let data = (try? encoder().encode(value)) ?? Data("{}".utf8)
    return SafeText.json(String(decoding: data, as: UTF8.self))
  }
}
