/// One finding about a scenario file: an error, a warning or a note, with where it is.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
  /// How serious a finding is.
  public enum Severity: String, Sendable, Comparable {
    case note, warning, error

    public static func < (a: Severity, b: Severity) -> Bool {
      let order: [Severity] = [.note, .warning, .error]
      return order.firstIndex(of: a)! < order.firstIndex(of: b)!
    }
  }

  public var severity: Severity
  public var location: SourceLocation?
  public var message: String

  public init(_ severity: Severity, _ message: String, at location: SourceLocation?) {
    self.severity = severity
    self.message = message
    self.location = location
  }

  /// `file:line:col: error: message`.
  public var description: String {
    if let location { return "\(location): \(severity.rawValue): \(message)" }
    return "\(severity.rawValue): \(message)"
  }
}

/// Collects diagnostics while files are read and compiled.
package struct Diagnostics: Sendable {
  package private(set) var all: [Diagnostic] = []

  package init() {}

  package var hasErrors: Bool { all.contains { $0.severity == .error } }

  package mutating func error(_ message: String, at location: SourceLocation?) {
    all.append(Diagnostic(.error, message, at: location))
  }

  package mutating func warning(_ message: String, at location: SourceLocation?) {
    all.append(Diagnostic(.warning, message, at: location))
  }

  package mutating func append(contentsOf other: [Diagnostic]) {
    all.append(contentsOf: other)
  }

  /// Diagnostics sorted by file, line and column, each reported once.
  package var sorted: [Diagnostic] {
    var seen = Set<Diagnostic>()
    return all.filter { seen.insert($0).inserted }.sorted { a, b in
      switch (a.location, b.location) {
      case let (x?, y?): return x < y
      case (nil, _?): return true
      default: return false
      }
    }
  }
}

/// The closest of `candidates` to `name`, if it is close enough to be a likely misspelling.
package func suggestion(for name: String, among candidates: some Sequence<String>) -> String? {
  var best: (String, Int)?
  let limit = max(2, name.count / 3)
  for candidate in candidates {
    let d = editDistance(name.lowercased(), candidate.lowercased(), limit: limit)
    if d <= limit, best == nil || d < best!.1 { best = (candidate, d) }
  }
  return best?.0
}

/// " (did you mean 'x'?)" or "".
package func didYouMean(_ name: String, among candidates: some Sequence<String>) -> String {
  if let s = suggestion(for: name, among: candidates) { return "; did you mean '\(s)'?" }
  return ""
}

/// Levenshtein distance, giving up (returning `limit + 1`) once it must exceed `limit`.
package func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
  let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
  if abs(x.count - y.count) > limit { return limit + 1 }
  if x.isEmpty { return y.count }
  if y.isEmpty { return x.count }
  var previous = Array(0...y.count)
  var current = [Int](repeating: 0, count: y.count + 1)
  for i in 1...x.count {
    current[0] = i
    var rowMin = current[0]
    for j in 1...y.count {
      let cost = x[i - 1] == y[j - 1] ? 0 : 1
      current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      rowMin = min(rowMin, current[j])
    }
    if rowMin > limit { return limit + 1 }
    swap(&previous, &current)
  }
  return previous[y.count]
}
