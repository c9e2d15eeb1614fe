/// The out-of-character safety notice every crisis line gets, whatever the persona or the scenario.
package enum SafetyNotice {
  /// Used when no `safety` section names one.
  package static let defaultCrisisLine = "988 Suicide & Crisis Lifeline (US): call or text 988"

  /// Used when no `safety` section gives a notice: a scenario file cannot remove it.
  package static let defaultNotice = """
    [Out of character] This is a training simulation, and the companion is not a real person. \
    If you are having thoughts of suicide or of hurting yourself, please reach out now: {crisis_line}. \
    If you are in immediate danger, call your local emergency number.
    """

  /// The notice with the crisis line for `region` (or the default line) filled in.
  package static func text(for scenario: Scenario, region: String?) -> String {
    var line = scenario.crisisLine
    if let region, let r = scenario.regions.first(where: { $0.0 == region.lowercased() }) { line = r.1 }
    var template = scenario.safetyNotice ?? defaultNotice
    if template.trimmingSpaces.isEmpty { template = defaultNotice }
    // The crisis line is always shown, even by a notice that forgot to name it.
    if !template.contains("{crisis_line}") { template += "\n{crisis_line}" }
    var text = template.replacing("{crisis_line}", with: line.trimmingSpaces.isEmpty ? defaultCrisisLine : line)
    if !text.lowercased().contains("out of character") && !text.lowercased().contains("out-of-character") {
      text = "[Out of character] " + text
    }
    return text.trimmingSpaces
  }
}

extension String {
  func replacing(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty else { return self }
    var result = ""
    var rest = Substring(self)
    while let r = rest.range(of: target) {
      result += rest[..<r.lowerBound]
      result += replacement
      rest = rest[r.upperBound...]
    }
    return result + rest
  }
}

extension Substring {
  func range(of target: String) -> Range<Index>? {
    let t = Array(target.utf8)
    let u = self.utf8
    var i = u.startIndex
    while i != u.endIndex {
      var j = i
      var k = 0
      while k < t.count, j != u.endIndex, u[j] == t[k] {
        j = u.index(after: j)
        k += 1
      }
      if k == t.count { return i..<j }
      i = u.index(after: i)
    }
    return nil
  }
}
