import Foundation
import Testing

/// Golden files under `Tests/Golden`: expected output, compared byte for byte.
///
/// When a scenario's replies change on purpose, rewrite them with
/// `TETHER_UPDATE_GOLDEN=1 swift test --filter Command` and review the diff.
enum Golden {
  static var folder: URL { Binary.repository.appendingPathComponent("Tests/Golden") }

  /// Expects `actual` to equal the golden file `name`, or writes it when updating.
  static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = folder.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["TETHER_UPDATE_GOLDEN"] == "1" {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try actual.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    if expected == actual { return }
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let line = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
    Issue.record(
      """
      \(name) differs from the golden file at line \(line + 1):
        expected: \(line < e.count ? String(e[line]) : "(end)")
        actual:   \(line < a.count ? String(a[line]) : "(end)")
      If the change is meant, run with TETHER_UPDATE_GOLDEN=1 and review the diff.
      """, sourceLocation: sourceLocation)
  }
}

/// A scratch folder of its own for a test.
enum Scratch {
  static func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tether-classroom-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

/// Checks shared by the HTML pages.
enum Page {
  /// One self-contained page: one document, inline style, no script, nothing from elsewhere.
  static func expectSelfContained(_ page: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(page.hasPrefix("<!DOCTYPE html>"), sourceLocation: sourceLocation)
    #expect(page.hasSuffix("</html>\n"), sourceLocation: sourceLocation)
    #expect(page.components(separatedBy: "<html").count == 2, sourceLocation: sourceLocation)
    #expect(page.contains("<style>"), sourceLocation: sourceLocation)
    #expect(!page.lowercased().contains("<script"), sourceLocation: sourceLocation)
    for pattern in [
      "src=\"http", "href=\"http", "src='http", "href='http", "http://", "https://", "url(", "@import", "<link",
    ] {
      #expect(!page.contains(pattern), "found \(pattern)", sourceLocation: sourceLocation)
    }
    #expect(
      page.components(separatedBy: "<svg").count == page.components(separatedBy: "</svg>").count,
      sourceLocation: sourceLocation)
  }

  /// The number of charts, each checked for a title and a description.
  static func charts(_ page: String, sourceLocation: SourceLocation = #_sourceLocation) -> Int {
    let svgs = page.components(separatedBy: "<svg ").dropFirst()
    for svg in svgs {
      #expect(svg.contains("<title id="), sourceLocation: sourceLocation)
      #expect(svg.contains("<desc id="), sourceLocation: sourceLocation)
      #expect(svg.contains("role=\"img\""), sourceLocation: sourceLocation)
    }
    return svgs.count
  }
}
