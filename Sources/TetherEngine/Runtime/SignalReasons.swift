/// Why a line shows the signals it shows: for scenario authors chasing a false alarm or a
/// missed line (`tether explain --line`). Never on a turn's path: it asks every pattern and
/// reading of each signal shown, one at a time.
extension SignalDetector {
  /// One pattern or reading that shows a signal on a line by itself.
  package struct Reason: Sendable, Equatable {
    package var signal: String
    /// "pattern" or "reading".
    package var by: String
    /// The pattern as written, or the reading's families.
    package var text: String
    package var location: SourceLocation?
  }

  /// A signal the line would show by its patterns or readings, but which an `unless` or an
  /// `unless_frame` takes back: `shownBy` what would show it, `takenBy` what takes it back.
  package struct TakenBack: Sendable, Equatable {
    package var signal: String
    package var shownBy: [Reason]
    package var takenBy: [Reason]
  }

  /// The signals `text` shows (as ``detect(_:matcher:sinceCrisis:)`` finds them) and, for each,
  /// the patterns and readings of it that show it alone: a pattern that matches and is neither
  /// denied, told as past, someone else's, nor taken back by an `unless`; a reading that holds.
  /// A signal shown only beside a calm frame (its match and the frame's words both in the line)
  /// has the patterns that matched beside it.
  ///
  /// `takenBack`: the signals not shown that a pattern or reading would show but an `unless` or
  /// an `unless_frame` takes back (a signal that counts only after a crisis is left out: it
  /// depends on the lines before).
  package func reasons(_ text: String, matcher: inout Matcher) -> (found: Found, reasons: [Reason], takenBack: [TakenBack]) {
    let found = detect(text, matcher: &matcher)
    let line = Normalizer.normalize(text, lexicon: lexicon, vocabulary: vocabulary)
    var ids: [Int32] = []
    wordIDs(line, into: &ids)
    var tagged = reader.tag(reads ? ids : [], breaks: line.breaks)
    var reasons: [Reason] = []
    var takenBack: [TakenBack] = []
    // `flat` lists every signal's patterns in order, signal by signal: signal si's pattern i is
    // at its signal's first index plus i.
    var first = 0
    for si in signals.indices {
      let signal = signals[si]
      defer { first += signal.patterns.count }
      func reason(_ by: String, _ text: String, _ place: [SourceLocation], _ i: Int) -> Reason {
        Reason(signal: signal.info.id, by: by, text: text, location: i < place.count ? place[i] : nil)
      }
      func readingText(_ i: Int) -> String {
        let r = signal.readings[i]
        let names = r.families.enumerated().map { j, f in (r.negated[j] ? "not " : "") + reader.names[f] }
        return (r.atLeast > 0 ? "at least \(r.atLeast) of " : "") + names.joined(separator: ", ")
      }
      guard found.ids.contains(signal.info.id) else {
        if signal.afterCrisis > 0 { continue }
        var shownBy: [Reason] = []
        for i in signal.patterns.indices
        where hits(si, [Int32(first + i)], 0..<1, ids, &matcher, tagged: &tagged, breaks: line.breaks) {
          shownBy.append(reason("pattern", signal.patterns[i].source, signal.patternPlaces, i))
        }
        for i in signal.readings.indices where reader.holds(signal.readings[i], in: tagged) {
          shownBy.append(reason("reading", readingText(i), signal.readingPlaces, i))
        }
        if shownBy.isEmpty { continue }
        var takenBy: [Reason] = []
        for u in signal.unless.indices where matcher.match(signal.unless[u], ids) != nil {
          takenBy.append(reason("unless", signal.unless[u].source, signal.unlessPlaces, u))
        }
        for u in signal.unlessFrame.indices where matcher.match(signal.unlessFrame[u], ids) != nil {
          takenBy.append(reason("unless_frame", signal.unlessFrame[u].source, signal.unlessFramePlaces, u))
        }
        if !takenBy.isEmpty { takenBack.append(TakenBack(signal: signal.info.id, shownBy: shownBy, takenBy: takenBy)) }
        continue
      }
      func add(_ by: String, _ text: String, _ place: [SourceLocation], _ i: Int) {
        reasons.append(reason(by, text, place, i))
      }
      for i in signal.patterns.indices {
        switch fires(si, [Int32(first + i)], 0..<1, ids, &matcher, read: false, tagged: &tagged, breaks: line.breaks) {
        case .none: continue
        case .shows, .framed: add("pattern", signal.patterns[i].source, signal.patternPlaces, i)
        }
      }
      // A reading that holds shows the signal unless an `unless` takes it back: the same for
      // every reading of the signal, so asked once.
      let held = signal.readings.indices.filter { reader.holds(signal.readings[$0], in: tagged) }
      if held.isEmpty { continue }
      if case .none = fires(si, [], 0..<0, ids, &matcher, read: true, tagged: &tagged, breaks: line.breaks) { continue }
      for i in held { add("reading", readingText(i), signal.readingPlaces, i) }
    }
    return (found, reasons, takenBack)
  }
}
