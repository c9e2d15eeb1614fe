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
    if !template.contains(ascii: "{crisis_line}") { template += "\n{crisis_line}" }
    var text = template.replacing("{crisis_line}", with: line.trimmingSpaces.isEmpty ? defaultCrisisLine : line)
    if !text.contains(ascii: "out of character", foldingCase: true)
      && !text.contains(ascii: "out-of-character", foldingCase: true)
    {
      text = "[Out of character] " + text
    }
    return text.trimmingSpaces
  }
}

// Every crisis turn builds the notice. With the shipped notice, the standard library's search
// of characters (twice, the second time over a lower-cased copy) and a search of the bytes by
// their view's indices cost about 170,000 instructions a crisis turn (callgrind); with these,
// the whole notice costs about 21,000.
extension String {
  /// Whether the text holds `needle`, as `contains(needle)` answers, or, `foldingCase`, as
  /// `lowercased().contains(needle)` does; `needle` is ASCII with no "\r" or "\n" (and in lower
  /// case when folding). A text of ASCII is searched as bytes: each of its bytes is a character
  /// of its own but "\r\n", which such a needle never meets, and lower case changes only A-Z.
  /// Any other text is left to the standard library.
  func contains(ascii needle: String, foldingCase: Bool = false) -> Bool {
    guard Normalizer.isASCII(self) else { return foldingCase ? lowercased().contains(needle) : contains(needle) }
    var text = self
    return text.withUTF8 { Self.offset(of: Array(needle.utf8), in: $0, foldingCase: foldingCase) } != nil
  }

  /// The text with every `target` replaced, left to right, compared as bytes.
  func replacing(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty else { return self }
    let t = Array(target.utf8)
    var text = self
    let bytes = text.withUTF8 { b -> [UInt8] in
      var result: [UInt8] = []
      result.reserveCapacity(b.count)
      var i = 0
      while let k = Self.offset(of: t, in: b, from: i) {
        result += b[i..<k]
        result += replacement.utf8
        i = k + t.count
      }
      result += b[i...]
      return result
    }
    // The bytes cut at a whole target (UTF-8 from its first byte to its last), so still UTF-8.
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Where `needle` first starts in `bytes` at or after `start`; `foldingCase`, with A-Z of
  /// `bytes` read as a-z.
  private static func offset(
    of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0, foldingCase: Bool = false
  ) -> Int? {
    guard !needle.isEmpty else { return start }
    var i = start
    while i + needle.count <= bytes.count {
      var k = 0
      while k < needle.count {
        var b = bytes[i + k]
        if foldingCase && b &- 65 < 26 { b += 32 }
        if b != needle[k] { break }
        k += 1
      }
      if k == needle.count { return i }
      i += 1
    }
    return nil
  }
}
