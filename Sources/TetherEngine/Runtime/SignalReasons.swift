/// Why a line shows the signals it shows: for scenario authors chasing a false alarm or a
/// missed line (`tether explain --line`). Never on a turn's path: it asks every pattern and
/// reading of each signal shown, one at a time.
extension SignalDetector {
  /// One pattern or reading that shows a signal on a line by itself.
  package struct Reason: Sendable, Equatable {
    package var signal: String
    package var kind: String
    /// "pattern" or "reading".
    package var by: String
    /// The pattern as written, or the reading's families.
    package var text: String
    package var location: SourceLocation?
  }

  /// The signals `text` shows (as ``detect(_:matcher:sinceCrisis:)`` finds them) and, for each,
  /// the patterns and readings of it that show it alone: a pattern that matches and is neither
  /// denied, told as past, someone else's, nor taken back by an `unless`; a reading that holds.
  /// A signal shown only beside a calm frame (its match and the frame's words both in the line)
  /// has the patterns that matched beside it.
  package func reasons(_ text: String, matcher: inout Matcher) -> (found: Found, reasons: [Reason]) {
    let found = detect(text, matcher: &matcher)
    if found.ids.isEmpty { return (found, []) }
    let line = Normalizer.normalize(text, lexicon: lexicon, vocabulary: vocabulary)
    let known = Int32(vocabulary.count)
    var ids = line.tokens.map { $0.id < known ? $0.id : Vocabulary.unknown }
    if !fuzzy.isEmpty {
      for k in ids.indices where ids[k] == Vocabulary.unknown {
        if let id = correct(line.tokens[k].word) { ids[k] = id }
      }
    }
    var tagged = reader.tag(reads ? ids : [], breaks: line.breaks)
    var flatIndex: [Int: Int32] = [:]
    for (k, entry) in flat.enumerated() {
      flatIndex[Int(entry.signal) << 32 | Int(entry.pattern)] = Int32(k)
    }
    var reasons: [Reason] = []
    for si in signals.indices where found.ids.contains(signals[si].info.id) {
      let signal = signals[si]
      func add(_ by: String, _ text: String, _ place: [SourceLocation], _ i: Int) {
        reasons.append(
          Reason(
            signal: signal.info.id, kind: signal.kind.rawValue, by: by, text: text,
            location: i < place.count ? place[i] : nil))
      }
      for i in signal.patterns.indices {
        guard let k = flatIndex[si << 32 | i] else { continue }
        switch fires(si, [k], 0..<1, ids, &matcher, read: false, tagged: &tagged, breaks: line.breaks) {
        case .none: continue
        case .shows, .framed: add("pattern", signal.patterns[i].source, signal.patternPlaces, i)
        }
      }
      for (i, r) in signal.readings.enumerated() where reader.holds(r, in: tagged) {
        switch fires(si, [], 0..<0, ids, &matcher, read: true, tagged: &tagged, breaks: line.breaks) {
        case .none: continue
        case .shows, .framed:
          let names = r.families.enumerated().map { j, f in (r.negated[j] ? "not " : "") + reader.names[f] }
          let how = r.atLeast > 0 ? "at least \(r.atLeast) of " : ""
          add("reading", how + names.joined(separator: ", "), signal.readingPlaces, i)
        }
      }
    }
    return (found, reasons)
  }
}
