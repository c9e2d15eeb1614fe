/// A reply variant, compiled.
package struct Reply: Sendable {
  package enum Action: Sendable {
    case say(Template)
    /// Hand the line (rewritten, if a template is given) to a keyword's rules.
    case goto(keyword: Int32, name: String, rewrite: Template?)
    /// Try the next keyword of the line.
    case newkey
  }

  package var action: Action
  package var weight: Double
  package var technique: String?
  package var note: String?
  package var healthy: String?
}

/// What a rule changes when it answers.
package struct Effects: Sendable {
  package var meters: [(String, Int)] = []
  package var set: [(String, Template)] = []
  package var phase: String?
  package var remember: Template?

  package var isEmpty: Bool { meters.isEmpty && set.isEmpty && phase == nil && remember == nil }
}

/// A compiled rule.
package struct Rule: Sendable {
  package var id: String
  package var location: SourceLocation
  package var event: EventKind?
  package var topic: Int?
  package var rank: Int
  package var priority: Int
  package var patterns: [Pattern]
  package var unless: [Pattern]
  package var when: Condition?
  package var whenSource: String?
  package var phases: [String]?
  package var after: [String]
  /// Warning signs, one of which must show on the line for the rule to answer (`signals`); the
  /// names as written, checked against the shared signals once they are compiled.
  package var signals: [Located<String>] = []
  package var replies: [Reply]
  package var pick: PickMode
  package var effects: Effects
  package var ends: Bool?
  package var technique: String?
  package var note: String?
  package var healthy: String?
  package var examples: [Located<String>]
}

/// An ELIZA-style keyword group's memory transformations.
package struct Topic: Sendable {
  package var memory: [(Pattern, Template)]
  package var elizaHash: Bool
}

/// A meter a persona declares.
package struct MeterDefinition: Sendable, Equatable {
  package var name: String
  package var label: String
  package var start: Int
  package var min: Int
  package var max: Int
}

/// A compiled persona: its rules and the keyword index over them.
package struct Persona: Sendable {
  package var id: String
  package var name: String
  package var style: String
  package var summary: String
  package var idle: Double?
  package var meters: [MeterDefinition]
  package var variables: [(String, String)]
  package var rules: [Rule]
  /// Keyword id → rule indices, best first (rank, then priority, then file order).
  package var index: KeywordIndex
  /// Rules with no keyword: candidates on every line.
  package var always: [Int]
  /// Rules with no keyword that answer a warning sign (`signals`): candidates on a line that
  /// shows one of their signs. Signal id → rule indices, best first.
  package var bySignal: [String: [Int]] = [:]
  /// True when some rule answers warning signs: the line's signals are then kept for them.
  package var answersSigns = false
  package var events: [EventKind: [Int]]
  package var topics: [Topic]
  package var memoryRecall: Condition?
  package var elizaKeywordOrder = false
  package var location: SourceLocation

  package func rule(named id: String) -> Rule? { rules.first { $0.id == id } }
}
