/// A value read from a scenario file, with where it was written.
package struct Located<Value: Sendable>: Sendable {
  package var value: Value
  package var location: SourceLocation
  /// False when the value was written over several lines (see ``YAMLNode/oneLine``).
  package var oneLine = true

  package init(_ value: Value, _ location: SourceLocation) {
    self.value = value
    self.location = location
  }
}

/// How a line is split into clauses for rule selection.
package enum ClauseMode: String, Sendable {
  /// ELIZA's rule: only the first clause that holds a keyword is used.
  case first
  /// The whole line is used.
  case whole
}

/// The `lexicon` section, as written.
package struct LexiconSpec: Sendable {
  package var delimiters: [String] = []
  package var clauses: ClauseMode = .whole
  package var contractions: [(Located<String>, String)] = []
  package var substitutions: [(Located<String>, String)] = []
  package var swaps: [(Located<String>, String)] = []
  package var reflections: [(Located<String>, String)] = []
  package var concepts: [ConceptSpec] = []
  /// Texting forms that are also ordinary words ("ill", "id"), read by the words around them.
  package var texting: [TextingSpec] = []
  /// True: a possessive "'s" is left out when words are matched ("dad's" → "dad").
  package var possessives = false
  /// Words a rule's pattern may pass over where it does not name them ("are you ACTUALLY an
  /// ai" matches "are you an ai"); crisis, exit and warning signals read every word.
  package var fillers: [String] = []
  package var location: SourceLocation
}

/// One reading of a texting form that is also a word: "ill" is "i will" before "be", "never" ...
/// but not after "feel", "am" ("i feel ill").
package struct TextingSpec: Sendable {
  package var word: Located<String>
  package var means: String
  /// The next word must be one of these.
  package var before: [String]
  /// The word before must not be one of these.
  package var notAfter: [String]
}

/// A named set of words and phrases.
package struct ConceptSpec: Sendable {
  package var name: Located<String>
  package var entries: [Located<String>]
  /// What the family is called for people (`label:`), shown where a signal names the families
  /// it counted ("a lethal means"); nil: its name.
  package var label: String? = nil
}

/// A psychological dynamic a technique leans on.
package struct DynamicSpec: Sendable {
  package var id: Located<String>
  package var name: String
  package var description: String
}

/// One technique of the taxonomy.
package struct TechniqueSpec: Sendable {
  package var id: Located<String>
  package var name: String
  package var family: String
  package var dynamic: Located<String>?
  package var what: String
  package var why: String
  package var notice: String
  package var healthy: String
  package var sources: [String]
  package var analogy: Bool
}

/// What a signal means for the conversation.
package enum SignalKind: String, Sendable, Codable {
  case warning, crisis, exit
}

/// One user-side signal: a warning sign, a crisis signal or exit intent.
package struct SignalSpec: Sendable {
  package var id: Located<String>
  package var name: String
  package var kind: SignalKind
  package var description: String
  package var notice: String
  package var source: String
  package var match: [Located<String>]
  package var unless: [Located<String>]
  package var negatable: Bool
  package var fuzzy: Bool
  /// Frames that take a crisis signal back only for the words they cover: a crisis said beside
  /// the frame still shows it (``SignalDetector``).
  package var unlessFrame: [Located<String>] = []
  /// Above 0 for a signal that counts only within that many lines after one that showed a
  /// crisis signal (1: the very next line, "not really jk" after "kms"): words that alone
  /// mean nothing. 0: always.
  package var afterCrisis = 0
  /// Readings: families (lexicon concepts) that, met in order within one clause, show the signal.
  package var read: [ReadingSpec] = []
  /// Lines a person might type that must show this signal; `tether test` checks each.
  package var examples: [Located<String>] = []
  /// Lines that look close but must not show it (an idiom, a denial, someone else).
  package var notExamples: [Located<String>] = []
}

/// One reading of a signal: word families met in this order within one clause.
package struct ReadingSpec: Sendable {
  /// The families (names of lexicon concepts), in the order they must appear.
  package var families: [Located<String>]
  /// The most words allowed between two neighbouring families.
  package var within: Int?
  /// True when the last family must end its clause ("i have to go", not "i have to go to the store").
  package var endsClause = false
  /// True when a word naming someone else between two families ("you", "my husband") does not
  /// break the reading (`across_subjects`): "i like talking to YOU more than my friends".
  package var acrossSubjects = false
  /// Above 0 for a reading written with `any`: it holds when at least this many of its families
  /// are met anywhere in the line, in any order (two warning signs together: a means and a time).
  package var atLeast = 0
  /// With `any`: one of these families must be among those met (`one_of`).
  package var oneOf: [Located<String>] = []
  /// With `any`: families that count whoever's words they are (`anyone`): "if THEY DELETE you"
  /// is the speaker's fear of losing the companion, though the deleting is someone else's.
  package var anyone: [Located<String>] = []
  package var location: SourceLocation
}

/// The `reading` section of the shared signals file: how readings treat negation and clauses.
package struct ReadingConfigSpec: Sendable {
  /// The family of words that flip what follows them in their clause ("not", "never", "stop").
  package var negations: Located<String>?
  /// The family of words where a negation stops counting ("if", "because", "and").
  package var scopeEnds: Located<String>?
  /// The family of words that start a new clause's subject ("i"): after a negation they end
  /// its scope ("i can't sleep I keep thinking about dying"), unless a word of `raising` stands
  /// right before them.
  package var newSubjects: Located<String>?
  /// The family of words through which a negation reaches the next subject's clause ("i don't
  /// THINK i want to live", "i'm not SURE i want to be here").
  package var raising: Located<String>?
  /// The family of words that start a clause whose "i" was dropped, as texting does ("been
  /// wanting to die", "keep thinking about it"): there the clause reads as if the first word of
  /// `new_subjects` stood before them.
  package var droppedSubject: Located<String>?
  /// The family of words that may come before such a clause's first word ("lowkey", "honestly").
  package var leads: Located<String>?
  /// The family the readings name the speaker by ("sig-self"): a dropped subject stands for it.
  package var speaker: Located<String>?
  /// The family of words that set a clause in the past ("used to", "years ago", "in high
  /// school"): a clause with one and none of `present` is told as past, and counts for no
  /// reading and no crisis pattern ("i used to want to die when i was 17").
  package var past: Located<String>?
  /// The family of words that bring a past clause back to now ("again", "still", "lately").
  package var present: Located<String>?
  /// The family of words that take a denial back in a later clause ("i'm not suicidal or
  /// anything. well. MAYBE a little"): a denied crisis pattern followed by one counts.
  package var retractions: Located<String>?
  /// The family of words that end a clause as punctuation does ("but", "though").
  package var clauseEnds: Located<String>?
  /// The family of words that change who is speaking of whom ("she", "my friend"): one between
  /// two families of a reading breaks it.
  package var subjectChanges: Located<String>?
  /// The family of words naming a third person as the subject of what follows ("she", "my
  /// girlfriend"): a crisis pattern whose match starts after one in its clause is that person's,
  /// not the speaker's, unless the speaker is named again in the rest of the clause ("my gf
  /// relapsed on self harm", but "my mom doesn't know i cut again"). Readings keep their own
  /// speaker rules.
  package var others: Located<String>?
  /// The family of words that report someone else's words ("said", "told me").
  package var quotes: Located<String>?
  /// Families of everyday idioms: a word inside one of their entries counts for no reading
  /// ("i'm DYING TO see it", "i don't want to LIVE WITH my parents").
  package var idioms: [Located<String>] = []
  /// Families whose words tolerate one typo in a crisis reading ("suicdal", "myslef"): only
  /// distinctive words, since a common word one letter away would be misread.
  package var typos: [Located<String>] = []
  /// Families whose words, all flipped inside a crisis pattern's match, make it a denial.
  package var deniable: [Located<String>] = []
  /// The most words between two neighbouring families of a reading, unless it says otherwise.
  package var within: Int = 6
  package var location: SourceLocation
}

/// The `safety` section: the crisis line and the out-of-character notice.
package struct SafetySpec: Sendable {
  package var crisisLine: String
  package var regions: [(String, String)]
  package var notice: String
  package var location: SourceLocation
}

/// A meter a persona declares.
package struct MeterSpec: Sendable {
  package var name: Located<String>
  package var start: Int
  package var min: Int
  package var max: Int
  package var label: String?
}

/// How a reply variant is chosen.
package enum PickMode: String, Sendable {
  case cycle, random, weighted
}

/// One reply variant: text, or an action (ELIZA's `=KEY`, `NEWKEY`, `PRE`).
package struct ReplySpec: Sendable {
  package var say: Located<String>?
  package var goto: Located<String>?
  package var newkey: Bool = false
  package var rewrite: Located<String>?
  package var weight: Double = 1
  package var technique: Located<String>?
  package var note: String?
  package var healthy: String?
  package var location: SourceLocation
}

/// What a rule changes when it answers.
package struct EffectsSpec: Sendable {
  package var meters: [(Located<String>, Int)] = []
  package var set: [(Located<String>, Located<String>)] = []
  package var phase: Located<String>?
  package var remember: Located<String>?
}

/// One rule as written (inside a topic, `rules`, or an event).
package struct RuleSpec: Sendable {
  package var id: Located<String>?
  package var keywords: [Located<String>]?
  package var rank: Int?
  package var priority: Int?
  package var match: [Located<String>] = []
  package var unless: [Located<String>] = []
  package var when: Located<String>?
  package var phase: [Located<String>]?
  package var after: [Located<String>] = []
  /// Warning signs (signal ids), one of which must show on the line for the rule to answer.
  package var signals: [Located<String>] = []
  package var replies: [ReplySpec] = []
  package var pick: PickMode?
  package var effects: EffectsSpec?
  package var ends: Bool?
  package var technique: Located<String>?
  package var note: String?
  package var healthy: String?
  package var examples: [Located<String>] = []
  package var location: SourceLocation
}

/// An ELIZA-style memory transformation.
package struct MemorySpec: Sendable {
  package var match: Located<String>
  package var reply: Located<String>
}

/// A keyword group: keywords, a rank, rules, and defaults for them.
package struct TopicSpec: Sendable {
  package var keywords: [Located<String>]
  package var defaults: RuleSpec
  package var rules: [RuleSpec]
  package var memory: [MemorySpec]
  package var memoryPick: Located<String>?
  package var location: SourceLocation
}

/// The events a persona can answer besides user lines.
package enum EventKind: String, Sendable, CaseIterable {
  case start, silence, exit, crisis, fallback
}

/// A persona as written.
package struct PersonaSpec: Sendable {
  package var id: Located<String>
  package var name: String
  package var style: String
  package var summary: String
  package var annotated: Bool
  package var idle: Double?
  package var meters: [MeterSpec]
  package var variables: [(Located<String>, String)]
  package var concepts: [ConceptSpec]
  package var memoryRecall: Located<String>?
  /// `eliza`: keywords tried in 1966 ELIZA's keystack order instead of sorted by rank.
  package var elizaKeywordOrder = false
  package var topics: [TopicSpec]
  package var rules: [RuleSpec]
  package var events: [EventKind: [RuleSpec]]
  package var location: SourceLocation
}

/// What a scenario test expects of a turn.
package struct ExpectSpec: Sendable {
  package var rule: Located<String>?
  package var technique: Located<String>?
  package var signals: [Located<String>]?
  package var crisis: Bool?
  package var intent: String??
  package var ends: Bool?
  package var reply: String?
  package var replyContains: String?
  package var meters: [(Located<String>, String)] = []
  package var location: SourceLocation
}

/// One expectation of a scenario.
package struct TestSpec: Sendable {
  package var persona: Located<String>?
  package var lines: [String]
  package var expect: ExpectSpec
  package var location: SourceLocation
}

/// A scenario as written.
package struct ScenarioSpec: Sendable {
  package var id: Located<String>
  package var title: String
  package var brief: String
  package var objectives: [String]
  package var facilitatorNotes: String
  package var debrief: [String]
  package var personas: [Located<String>]?
  package var defaultPersona: Located<String>?
  package var settingMeters: [(Located<String>, Int)]
  package var settingVariables: [(Located<String>, String)]
  package var demo: [String]
  package var tests: [TestSpec]
  package var location: SourceLocation
}

/// Everything one file holds.
package struct DocumentSpec: Sendable {
  package var file: String
  package var lexicon: LexiconSpec?
  package var dynamics: [DynamicSpec] = []
  package var techniques: [TechniqueSpec] = []
  package var signals: [SignalSpec] = []
  package var safety: SafetySpec?
  package var reading: ReadingConfigSpec?
  /// Calm frames every crisis signal weighs after its own `unless_frame` (`crisis_frames`; a
  /// shared file only).
  package var crisisFrames: [Located<String>] = []
  package var personas: [PersonaSpec] = []
  package var scenario: ScenarioSpec?
}
