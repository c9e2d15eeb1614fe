import Mustache

/// HTML escaping for every value a report's templates insert.
///
/// Registered with swift-mustache as the content type `TETHER_HTML` (each template opens with
/// `{{% CONTENT_TYPE: TETHER_HTML}}`), so every `{{value}}` goes through ``escape(_:)``. It works
/// on Unicode scalars, not characters: a combining mark after a quote (`"` + U+0338) is one
/// `Character` and would slip past a character-by-character table.
public enum HTMLText {
  /// The content type's name in the templates' pragma.
  static let contentTypeName = "TETHER_HTML"

  struct ContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { HTMLText.escape(text) }
  }

  /// Registers the content type once, before any template is parsed.
  static let registered: Bool = {
    MustacheContentTypes.register(ContentType(), named: contentTypeName)
    return true
  }()

  /// Text safe in HTML content and in quoted attribute values: `&`, `<`, `>`, `"` and `'` become
  /// references; control characters (ESC included), and bidirectional overrides become U+FFFD;
  /// tabs become spaces; line feeds are kept, carriage returns dropped.
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for s in text.unicodeScalars {
      switch s {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\n": out += "\n"
      case "\r": break
      case "\t": out += " "
      default:
        if SafeText.isUnsafe(s) || (s.value >= 0xFDD0 && s.value <= 0xFDEF) || (s.value & 0xFFFE) == 0xFFFE {
          out.unicodeScalars.append(SafeText.replacement)
        } else {
          out.unicodeScalars.append(s)
        }
      }
    }
    return out
  }
}
