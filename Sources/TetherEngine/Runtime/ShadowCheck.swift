/// Finds rules that may never answer because an earlier, ungated rule always answers first.
///
/// For each ordinary rule, Tether builds sample lines from the rule's own patterns (each star
/// left empty, then filled with an unknown word; each concept by one of its phrases) and plays
/// each in a fresh conversation with the rule's own gates open. When the rule's pattern matches
/// every sample, yet every sample is answered by another rule that has no gate of its own (no
/// `when`, `phase`, `after` or `signals`) before this one was even tried, the rule is reported. It is a
/// heuristic: it proves the shadowing for the samples, not for every possible line.
extension Scenario {
  package func shadowWarnings(skipping done: Set<String> = []) -> [Diagnostic] {
    var out: [Diagnostic] = []
    for persona in personas where !persona.elizaKeywordOrder && !done.contains(persona.id) {
      guard var probe = try? Conversation(scenario: self, persona: persona.id, seed: 0) else { continue }
      let fresh = probe
      var keywordsOf: [Int: [Int32]] = [:]
      for (word, rules) in persona.index.entries { for r in rules { keywordsOf[r, default: []].append(word) } }
      for (index, rule) in persona.rules.enumerated() where rule.event == nil && !rule.patterns.isEmpty {
        let keywords = (keywordsOf[index] ?? []).sorted().prefix(12).map { vocabulary.word($0) }
        var winners: [String] = []
        var sample: String?
        var conclusive = true
        patterns: for pattern in rule.patterns {
          for base in Self.samples(pattern, vocabulary: vocabulary) {
            // A rule filed under a keyword is only tried when the line holds one of them.
            let words = Set(base.split(separator: " ").map(String.init))
            let lines = keywords.isEmpty || keywords.contains(where: words.contains) ? [base] : keywords.map { "\($0) \(base)" }
            for text in lines {
            let ids = Normalizer.normalize(text, lexicon: lexicon, vocabulary: vocabulary).tokens.map(\.id)
            var matcher = Matcher()
            guard !text.isEmpty, matcher.match(pattern, ids) != nil else {
              conclusive = false
              break patterns
            }
            probe = fresh
            probe.exempt = index
            let turn = probe.respond(to: text)
            guard turn.rule != rule.id, !turn.crisis, turn.intent == nil, turn.event == "line",
              !turn.why.candidates.contains(where: { $0.rule == rule.id }),
              let winner = turn.rule, let w = persona.rules.first(where: { $0.id == winner }),
              w.when == nil, w.phases == nil, w.after.isEmpty, w.signals.isEmpty
            else {
              conclusive = false
              break patterns
            }
            winners.append(winner)
            sample = sample ?? text
            }
          }
        }
        if conclusive, let first = winners.first, let sample {
          let place = persona.rules.first { $0.id == first }.map { " (\($0.location))" } ?? ""
          out.append(
            Diagnostic(
              .warning,
              "the rule '\(rule.id)' may never answer: for a line like \"\(sample)\" the rule '\(first)'\(place) answers first; give this rule a higher rank or priority, or narrow the other one",
              at: rule.location))
        }
      }
    }
    return out
  }

  /// Lines the pattern matches: stars left empty or filled with an unknown word, and each
  /// phrase set (a concept, alternatives) by each of up to eight of its phrases in turn.
  static func samples(_ pattern: Pattern, vocabulary: Vocabulary) -> [String] {
    func phrases(_ set: PhraseSet) -> [[Int32]] {
      (set.singles.sorted().map { [$0] } + set.multi).prefix(8).map { $0 }
    }
    func line(fill: String, vary: Int?, choice: Int) -> String {
      var words: [String] = []
      for (k, element) in pattern.elements.enumerated() {
        switch element {
        case .word(let id): words.append(vocabulary.word(id))
        case .star(let capture): if capture && !fill.isEmpty { words.append(fill) }
        case .phrase(let set, _):
          if set.allowsEmpty { continue }
          let all = phrases(set)
          if all.isEmpty { continue }
          let pick = k == vary ? all[min(choice, all.count - 1)] : all[0]
          words += pick.map { vocabulary.word($0) }
        }
      }
      return words.joined(separator: " ")
    }
    var out: [String] = [line(fill: "", vary: nil, choice: 0), line(fill: "xq", vary: nil, choice: 0)]
    for (k, element) in pattern.elements.enumerated() {
      if case .phrase(let set, _) = element, !set.allowsEmpty {
        for choice in 1..<max(1, phrases(set).count) { out.append(line(fill: "", vary: k, choice: choice)) }
      }
    }
    var seen = Set<String>()
    return out.filter { seen.insert($0).inserted }
  }
}
