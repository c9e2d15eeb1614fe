/// A reply variant, compiled.
///
/// Kept small, since a persona of 10,000 rules has 30,000 replies: the rare `goto` is boxed, and
/// the annotation is one shared box, most often the rule's own (with both in place, the
/// 10,000-rule benchmark's replies took 3.0 MB of heap; so, 1.0 MB).
package struct Reply: Sendable {
  package enum Action: Sendable {
    case say(Template)
    /// Hand the line (rewritten, if a template is given) to a keyword's rules.
    indirect case goto(keyword: Int32, name: String, rewrite: Template?)
    /// Try the next keyword of the line.
    case newkey
  }

  package var action: Action
  package var weight: Double
  /// The technique, note and healthy alternative the reply is annotated with (nil: none).
  package var annotation: Annotation?

  package init(action: Action, weight: Double, annotation: Annotation?) {
    self.action = action
    self.weight = weight
    self.annotation = annotation
  }

  package var technique: String? { annotation?.technique }
  package var note: String? { annotation?.note }
  package var healthy: String? { annotation?.healthy }
}

/// What a reply is annotated with: its technique's id, the note, the healthy alternative.
package final class Annotation: Sendable {
  package let technique: String?
  package let note: String?
  package let healthy: String?

  /// Nil when there is nothing to annotate.
  package init?(technique: String?, note: String?, healthy: String?) {
    if technique == nil && note == nil && healthy == nil { return nil }
    self.technique = technique
    self.note = note
    self.healthy = healthy
  }
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
  /// The rule's technique, note and healthy alternative, boxed (its replies share the box).
  package var annotation: Annotation?
  package var examples: [Located<String>]

  package init(
    id: String, location: SourceLocation, event: EventKind?, topic: Int?, rank: Int, priority: Int,
    patterns: [Pattern], unless: [Pattern], when: Condition?, whenSource: String?, phases: [String]?,
    after: [String], replies: [Reply], pick: PickMode, effects: Effects, ends: Bool?, technique: String?,
    note: String?, healthy: String?, examples: [Located<String>]
  ) {
    self.id = id
    self.location = location
    self.event = event
    self.topic = topic
    self.rank = rank
    self.priority = priority
    self.patterns = patterns
    self.unless = unless
    self.when = when
    self.whenSource = whenSource
    self.phases = phases
    self.after = after
    self.replies = replies
    self.pick = pick
    self.effects = effects
    self.ends = ends
    self.annotation = Annotation(technique: technique, note: note, healthy: healthy)
    self.examples = examples
  }

  package var technique: String? { annotation?.technique }
  package var note: String? { annotation?.note }
  package var healthy: String? { annotation?.healthy }
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
