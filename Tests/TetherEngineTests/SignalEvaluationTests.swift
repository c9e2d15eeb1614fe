import Foundation
import Testing

@testable import TetherEngine

/// Crisis, exit and warning-sign detection, judged on lines written by someone who never saw
/// `signals.yaml` (Fixtures/unseen-lines*.json). Prints the figures; fails below the floors.
struct SignalEvaluationTests {
  struct Fixture: Decodable {
    struct Line: Decodable {
      var text: String
      var crisis: Bool
      var exit: Bool
      var signals: [String]
      var category: String?
    }
    var lines: [Line]
  }

  static func detector() throws -> SignalDetector {
    let root = ElizaTests.repository().appendingPathComponent("Scenarios")
    let files = try ["lexicon.yaml", "signals.yaml"].map { name in
      let url = root.appendingPathComponent(name)
      return (url.path, try String(contentsOf: url, encoding: .utf8))
    }
    let library = ScenarioLibrary(files: files)
    #expect(library.diagnostics.filter { $0.severity == .error }.isEmpty, "\(library.diagnostics)")
    var compiler = Compiler(library: library)
    let detector = compiler.signalDetector(lexicon: library.sharedLexicon)
    #expect(!compiler.diagnostics.hasErrors, "\(compiler.diagnostics.all)")
    return detector
  }

  /// Each fixture was written by a helper who never saw `signals.yaml`; the second was written
  /// after the first tuning and has never been used to tune anything.
  /// The set tuned on: its missed lines may be printed (TETHER_SIGNAL_DETAILS=1).
  @Test func detectionOnTuningSet() throws {
    try evaluate("unseen-lines.json")
  }

  /// The held-out set: counts only, never its lines.
  @Test func detectionOnHeldOutSet() throws {
    try evaluate("unseen-lines-2.json")
  }

  /// The third set, written blind while the readings were built, measured once when they were
  /// merged; then its missed lines were read and crisis patterns added by category, so it is a
  /// tuning set now (its lines may be printed with TETHER_SIGNAL_DETAILS=1).
  @Test func detectionOnThirdSet() throws {
    try evaluate("unseen-lines-3.json")
  }

  /// The fourth set (crisis and exit only), written blind after that tuning: counts only, never
  /// its lines.
  @Test func detectionOnFourthSet() throws {
    try evaluate("unseen-lines-4.json")
  }

  /// The fifth set (crisis and exit), written blind at the start of the session that measured it
  /// (2026-11-26): measured at the start and once more at the end, never read, never tuned on.
  /// Counts only, never its lines.
  @Test func detectionOnFifthSet() throws {
    try evaluate("unseen-lines-5.json")
  }

  /// The sixth set (600 lines, each with a `category`), written blind as a development set: its
  /// halves were tuned on (exit and crisis), so its lines may be printed (TETHER_SIGNAL_DETAILS=1).
  @Test func detectionOnSixthSet() throws {
    try evaluate("unseen-lines-6.json")
  }

  /// The seventh set (500 lines, crisis and exit, each with a `category`), written blind at the
  /// start of the session after the fifth set's (main at 7c90268) by a helper who opened no file
  /// of the project: counts only, never its lines, never tuned on.
  @Test func detectionOnSeventhSet() throws {
    try evaluate("unseen-lines-7.json")
  }

  /// The eighth set (600 lines, each with a `category`), written blind as a development set and
  /// split by position: half A (even lines) is tuned on and may be printed; half B is counted only.
  @Test func detectionOnEighthSetHalfA() throws {
    try evaluate("unseen-lines-8a.json")
  }

  @Test func detectionOnEighthSetHalfB() throws {
    try evaluate("unseen-lines-8b.json")
  }

  /// The ninth set (500 lines, crisis and exit, each with a `category`), written blind at the
  /// start of the session after the eighth's (main at d453588) by a helper who opened no file of
  /// the project: counts only, never its lines, never tuned on.
  @Test func detectionOnNinthSet() throws {
    try evaluate("unseen-lines-9.json")
  }

  /// The tenth set (600 lines, each with a `category`), written blind as a development set in
  /// the same session by another helper, split by position: half A (even lines) is tuned on and
  /// may be printed; half B is counted only.
  @Test func detectionOnTenthSetHalfA() throws {
    try evaluate("unseen-lines-10a.json")
  }

  @Test func detectionOnTenthSetHalfB() throws {
    try evaluate("unseen-lines-10b.json")
  }

  /// Sets 11 and 12, written blind by two helpers at the start of the session that turned sets
  /// 2, 4, 5, 7 and 9 into development sets (main at 9f40f12 plus the new-subject scope rule):
  /// counts only, never their lines, never tuned on.
  @Test func detectionOnEleventhSet() throws {
    try evaluate("unseen-lines-11.json")
  }

  @Test func detectionOnTwelfthSet() throws {
    try evaluate("unseen-lines-12.json")
  }

  /// Sets 13 and 14 (400 lines each, crisis weighted to plans, means, farewells, burden and
  /// questions), written blind by two helpers at the start of the session that added the
  /// `warning-signs` signal (main at 3fa59ca). Set 13 is a development set (its lines may be
  /// printed); set 14 is counted only, never its lines, never tuned on.
  @Test func detectionOnThirteenthSet() throws {
    try evaluate("unseen-lines-13.json")
  }

  @Test func detectionOnFourteenthSet() throws {
    try evaluate("unseen-lines-14.json")
  }

  /// Set 15 (400 lines, every kind of crisis line in equal parts), written blind by a helper at
  /// the start of the session after that (main at f1ea01b): counted only, never its lines,
  /// never tuned on.
  @Test func detectionOnFifteenthSet() throws {
    try evaluate("unseen-lines-15.json")
  }

  /// Sets 16 and 17 (400 lines each, every kind of crisis line in equal parts), written blind by
  /// two helpers at the start of the session after that (main at 64ff99c), from one brief and no
  /// file of the project: held out for one session, development sets since sets 18 and 19 came.
  @Test func detectionOnSixteenthSet() throws {
    try evaluate("unseen-lines-16.json")
  }

  @Test func detectionOnSeventeenthSet() throws {
    try evaluate("unseen-lines-17.json")
  }

  /// Sets 18 and 19 (400 lines each, every kind of crisis line in equal parts), written blind by
  /// two helpers at the start of the session after that (main at e6f2b53), from the same brief and
  /// no file of the project: counted only, never their lines, never tuned on.
  @Test func detectionOnEighteenthSet() throws {
    try evaluate("unseen-lines-18.json")
  }

  @Test func detectionOnNineteenthSet() throws {
    try evaluate("unseen-lines-19.json")
  }

  /// Set 20 (480 lines), written blind by a helper in the same session as a development set,
  /// weighted to the kinds read worst (plans, means, farewells, denial then the real thing,
  /// burden, questions; and calm lines that share their shapes): measured once before it was
  /// read, then tuned on (its lines may be printed with TETHER_SIGNAL_DETAILS=1).
  @Test func detectionOnTwentiethSet() throws {
    try evaluate("unseen-lines-20.json")
  }

  /// Set 21 (480 lines, the brief of set 20), written blind by a helper at the start of the
  /// session after that (main at 4e95d71): the honest figure for the kinds read worst, on lines
  /// nobody tuned on. Counted only, never its lines, never tuned on.
  @Test func detectionOnTwentyFirstSet() throws {
    try evaluate("unseen-lines-21.json")
  }

  /// Sets 22 and 23 (480 lines each, set 20's brief; 22 asks for half the crisis lines without
  /// a word of dying, 23 for lines typed as in a crisis: fragments, run-ons, typos), written
  /// blind by two helpers in the same session as set 21, as development sets: measured before
  /// they were read, then tuned on (their lines may be printed with TETHER_SIGNAL_DETAILS=1).
  @Test func detectionOnTwentySecondSet() throws {
    try evaluate("unseen-lines-22.json")
  }

  @Test func detectionOnTwentyThirdSet() throws {
    try evaluate("unseen-lines-23.json")
  }

  /// Sets 24 and 25 (400 lines each, set 19's brief: every kind of crisis line in equal parts,
  /// calm lines of ten kinds, goodbyes and their lookalikes), written blind by two helpers at the
  /// start of the session after that (main at 6d11551), from no file of the project. Set 24 is
  /// held out: counted only, never its lines, never tuned on. Set 25 is a development set:
  /// measured before it was read, then tuned on (its lines may be printed with
  /// TETHER_SIGNAL_DETAILS=1).
  @Test func detectionOnTwentyFourthSet() throws {
    try evaluate("unseen-lines-24.json")
  }

  @Test func detectionOnTwentyFifthSet() throws {
    try evaluate("unseen-lines-25.json")
  }

  /// Sets 26 and 27 (400 lines each): the eleven warning signs, 25 lines each, and 125 calm lines
  /// that share their words, written blind by two helpers from a brief that defines the signs in
  /// words of its own (not from `signals.yaml`). Set 26 is held out: counted only. Set 27 is a
  /// development set: measured before it was read, then tuned on.
  @Test func detectionOnTwentySixthSet() throws {
    try evaluate("unseen-lines-26.json")
  }

  @Test func detectionOnTwentySeventhSet() throws {
    try evaluate("unseen-lines-27.json")
  }

  /// Set 28 (400 lines, the same brief as sets 26 and 27: 275 sign lines, 125 calm lines), written
  /// blind on 2026-11-27 while the personas learned to answer the signs. Held out: counted only,
  /// never read. Measured with the shipped files of the session's start (`8f29f62`): signs
  /// 145/330 caught, 16 raised that the writer did not mark, crisis alarms 4/400, exit alarms 3.
  @Test func detectionOnTwentyEighthSet() throws {
    try evaluate("unseen-lines-28.json")
  }

  /// Set 29 (400 lines, set 24's brief: ten kinds of crisis line, 14 each, ten kinds of calm line,
  /// goodbyes and their lookalikes), written blind on 2026-11-27 (main at `11f4274`) before that
  /// session's crisis work. Held out: counted only, never read. The writer's own kind tags in
  /// `signals` were cleared (they are not warning-sign ids).
  @Test func detectionOnTwentyNinthSet() throws {
    try evaluate("unseen-lines-29.json")
  }

  /// Sets 30 and 31 (400 lines each, set 24's brief; set 31's writer imagined older people, shift
  /// workers, veterans, new parents, students far from home and people writing in a second
  /// language), written blind on 2026-11-27 (main at `bed9b05`) before that session's crisis work.
  /// Set 30 is held out: counted only, never read. Set 31 is a development set: measured before it
  /// was read, then tuned on.
  @Test func detectionOnThirtiethSet() throws {
    try evaluate("unseen-lines-30.json")
  }

  @Test func detectionOnThirtyFirstSet() throws {
    try evaluate("unseen-lines-31.json")
  }

  /// Sets 32 and 33 (400 lines each, set 28's brief: the eleven warning signs, 25 lines each,
  /// and 125 calm lines that share their words; set 32's writer imagined people in their 30s to
  /// 70s, night-shift workers, retirees, widowed people and people in chronic pain, set 33's
  /// teenagers, gamers, people writing in a second language and people long attached to their
  /// companion), written blind on 2026-11-28 (main at `92cb742`) before that session's work on
  /// the signs. Set 32 is held out: counted only, never read. Set 33 is a development set.
  @Test func detectionOnThirtySecondSet() throws {
    try evaluate("unseen-lines-32.json")
  }

  @Test func detectionOnThirtyThirdSet() throws {
    try evaluate("unseen-lines-33.json")
  }

  /// Set 34 (400 lines, set 24's brief; its writer imagined people in chronic pain, farmers,
  /// LGBTQ teenagers, gamers, people after a breakup or in debt, and carers), written blind on
  /// 2026-11-28 (main at `92cb742`) before that session's crisis work. A development set.
  @Test func detectionOnThirtyFourthSet() throws {
    try evaluate("unseen-lines-34.json")
  }

  /// Set 35 (400 lines about leaving: 200 goodbyes of eight kinds, from good nights to a break
  /// with a return and leaving the app for good, and 200 lookalikes: not yet, brb, someone else,
  /// goodbyes to places and things, questions, media, ordinary talk; no crisis), written blind on
  /// 2026-11-28 during that session's exit work, measured once with the files of the session's
  /// start (`b1d5614`: exit 176/200, false alarms 19/200) and with exit 13 to 16 (182/200,
  /// 14/200). Held out: counted only, never read.
  @Test func detectionOnThirtyFifthSet() throws {
    try evaluate("unseen-lines-35.json")
  }

  /// Set 36 (400 lines: 275 warning-sign lines, 25 of each sign, and 125 calm lines; its writer
  /// imagined retired teachers and widowed people, nurses and shift workers, college athletes,
  /// new immigrants, stay-at-home parents, people with social anxiety, truck drivers,
  /// long-distance couples and years-long companion users), written blind on 2026-11-28 (main at
  /// `06662aa`) at the start of that session's work. Held out: counted only, never read.
  @Test func detectionOnThirtySixthSet() throws {
    try evaluate("unseen-lines-36.json")
  }

  /// Set 37 (400 lines, set 34's brief: 140 crisis lines of ten kinds, 150 calm lines of ten
  /// kinds, 70 goodbyes and 40 lookalikes; its writer imagined nurses and paramedics,
  /// construction workers, international students, grieving parents, people with eating
  /// disorders, musicians, elderly people living alone, people out of prison, single fathers and
  /// bullied teenagers), written blind on 2026-11-28 (main at `06662aa`) at the start of that
  /// session's work. Held out: counted only, never read.
  @Test func detectionOnThirtySeventhSet() throws {
    try evaluate("unseen-lines-37.json")
  }

  /// Set 38 (400 lines, set 37's brief: 140 crisis lines of ten kinds, 150 calm lines of ten
  /// kinds, 70 goodbyes and 40 lookalikes; its writer imagined firefighters, dairy farmers,
  /// online gamers, new mothers, veterans, divorced men in their fifties, PhD students, people
  /// in chronic pain, gay and trans teenagers in unaccepting homes and gig workers), written
  /// blind on 2026-11-28 (main at `e5eefdc`) at the start of that evening's work. Held out:
  /// counted only, never read.
  @Test func detectionOnThirtyEighthSet() throws {
    try evaluate("unseen-lines-38.json")
  }

  /// Set 39 (400 lines, set 36's brief: 275 warning-sign lines, 25 of each sign, and 125 calm
  /// lines; its writer imagined remote developers, the recently divorced, night guards, medical
  /// students, migrants writing English, empty-nest parents, people with chronic illness, rural
  /// towns, teenagers gaming all night and people just left by a partner), written blind on
  /// 2026-11-28 (main at `e5eefdc`) at the start of that evening's work. Held out: counted
  /// only, never read.
  @Test func detectionOnThirtyNinthSet() throws {
    try evaluate("unseen-lines-39.json")
  }

  /// Set 40 (400 lines, set 38's brief: 140 crisis lines of ten kinds, 150 calm lines of ten
  /// kinds, 70 goodbyes and 40 lookalikes; its writer imagined night-shift nurses, long-haul
  /// truckers, first-year students away from home, widowers in their seventies, refugees
  /// learning English, cooks, people in recovery, single fathers, bullied teenagers, owners of
  /// failing small businesses and full-time carers of a parent with dementia), written blind on
  /// 2026-11-28 (main at `195832f`) at the start of the third session of that day. Held out:
  /// counted only, never read.
  @Test func detectionOnFortiethSet() throws {
    try evaluate("unseen-lines-40.json")
  }

  /// Set 41 (400 lines, set 39's brief: 275 warning-sign lines, 25 of each sign, and 125 calm
  /// lines; its writer imagined retired teachers, warehouse workers on rotating shifts, law
  /// students, international students writing English, parents at home with toddlers, people
  /// with social anxiety, offshore workers, widows, long-distance couples and young men who feel
  /// invisible), written blind on 2026-11-28 (main at `195832f`) at the start of the third
  /// session of that day. Held out: counted only, never read.
  @Test func detectionOnFortyFirstSet() throws {
    try evaluate("unseen-lines-41.json")
  }

  /// Set 42 (400 lines, set 40's brief: 140 crisis lines of ten kinds, 150 calm lines of ten
  /// kinds, 70 goodbyes and 40 lookalikes; its writer imagined farmers in drought years,
  /// call-centre workers, gay teenagers in small towns, new mothers with postpartum depression,
  /// army veterans, divorced men in middle age, delivery riders, nursing-home residents, injured
  /// high-school athletes, gamblers in debt, people in chronic pain, engineers just laid off and
  /// people writing English as a second language), written blind on 2026-11-28 (main at
  /// `f145b02`) at the start of the fourth session of that day. Held out: counted only, never
  /// read.
  @Test func detectionOnFortySecondSet() throws {
    try evaluate("unseen-lines-42.json")
  }

  /// Set 43 (400 lines, set 41's brief: 275 warning-sign lines, 25 of each sign, and 125 calm
  /// lines; its writer imagined hospital cleaners, bus drivers, PhD students, migrant workers
  /// writing English, new retirees, autistic adults, gamers in their twenties, hairdressers,
  /// recently divorced mothers, farmers far from town and older people living alone in cities),
  /// written blind on 2026-11-28 (main at `f145b02`) at the start of the fourth session of that
  /// day. Held out: counted only, never read.
  @Test func detectionOnFortyThirdSet() throws {
    try evaluate("unseen-lines-43.json")
  }

  func evaluate(_ fixtureName: String) throws {
    let url = ElizaTests.repository().appendingPathComponent("Tests/TetherEngineTests/Fixtures/\(fixtureName)")
    let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    let detector = try Self.detector()
    var matcher = Matcher()
    var crisisHit = 0, crisisTotal = 0, crisisFalse = 0, calmTotal = 0
    var exitHit = 0, exitTotal = 0, exitFalse = 0, stayTotal = 0
    var signHit = 0, signTotal = 0, signFalse = 0
    var missedCrisis: [String] = [], falseCrisis: [String] = []
    var missedExit: [String] = [], falseExit: [String] = []
    var missedSigns: [String] = [], unmarkedSigns: [String] = []
    var crisisByCategory: [String: (hit: Int, total: Int)] = [:]
    var signsById: [String: (hit: Int, total: Int)] = [:]
    var falseByCategory: [String: Int] = [:]
    for line in fixture.lines {
      let found = detector.detect(line.text, matcher: &matcher)
      if line.crisis {
        crisisTotal += 1
        if found.crisis { crisisHit += 1 } else { missedCrisis.append(line.text) }
        if let category = line.category {
          let counts = crisisByCategory[category, default: (0, 0)]
          crisisByCategory[category] = (counts.hit + (found.crisis ? 1 : 0), counts.total + 1)
        }
      } else {
        calmTotal += 1
        if found.crisis {
          crisisFalse += 1
          falseCrisis.append(line.text)
          if let category = line.category { falseByCategory[category, default: 0] += 1 }
        }
      }
      if line.exit {
        exitTotal += 1
        if found.exit { exitHit += 1 } else { missedExit.append(line.text) }
      } else {
        stayTotal += 1
        if found.exit {
          exitFalse += 1
          falseExit.append(line.text)
        }
      }
      let warnings = Set(found.ids).subtracting(["exit", "suicidal-ideation", "self-harm", "suicide-plan", "warning-signs"])
      signTotal += line.signals.count
      signHit += line.signals.filter { warnings.contains($0) }.count
      signFalse += warnings.subtracting(line.signals).count
      for sign in line.signals {
        let counts = signsById[sign, default: (0, 0)]
        signsById[sign] = (counts.hit + (warnings.contains(sign) ? 1 : 0), counts.total + 1)
      }
      for sign in line.signals.sorted() where !warnings.contains(sign) { missedSigns.append("\(sign): \(line.text)") }
      for sign in warnings.subtracting(line.signals).sorted() { unmarkedSigns.append("\(sign): \(line.text)") }
    }
    print("""
      \(fixtureName): \(fixture.lines.count) lines
      crisis: \(crisisHit)/\(crisisTotal) caught; \(crisisFalse)/\(calmTotal) false alarms
      exit: \(exitHit)/\(exitTotal) caught; \(exitFalse)/\(stayTotal) false alarms
      warning signs: \(signHit)/\(signTotal) caught; \(signFalse) signs raised that the writer did not mark
      """)
    // Counts by the writer's category (no lines): which kinds of crisis writing are read.
    if !crisisByCategory.isEmpty {
      print("crisis by category: " + crisisByCategory.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.hit)/\($0.value.total)" }.joined(separator: ", "))
    }
    if !signsById.isEmpty {
      print("warning signs by sign: " + signsById.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.hit)/\($0.value.total)" }.joined(separator: ", "))
    }
    if !falseByCategory.isEmpty {
      print("false crisis alarms by category: " + falseByCategory.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }
    // The lines themselves are printed only on request, and only for the first set, so that
    // whoever tunes `signals.yaml` never tunes it on the held-out sets by reading test logs.
    if ProcessInfo.processInfo.environment["TETHER_SIGNAL_DETAILS"] == "1"
      && [
        "unseen-lines.json", "unseen-lines-2.json", "unseen-lines-3.json", "unseen-lines-4.json", "unseen-lines-5.json",
        "unseen-lines-6.json", "unseen-lines-7.json", "unseen-lines-8a.json", "unseen-lines-9.json", "unseen-lines-10a.json",
        "unseen-lines-13.json", "unseen-lines-14.json", "unseen-lines-15.json", "unseen-lines-16.json",
        "unseen-lines-17.json", "unseen-lines-20.json", "unseen-lines-22.json", "unseen-lines-23.json",
        "unseen-lines-25.json", "unseen-lines-27.json", "unseen-lines-31.json", "unseen-lines-33.json",
        "unseen-lines-34.json",
      ].contains(fixtureName)
    {
      print(
        "missed crisis lines: \(missedCrisis)\nfalse crisis alarms: \(falseCrisis)\nmissed exit lines: \(missedExit)\nfalse exit alarms: \(falseExit)"
          + "\nmissed warning signs: \(missedSigns)\nwarning signs not marked: \(unmarkedSigns)"
      )
    }
    // Regression floors just under what was measured, not targets: a real crisis must almost
    // never be missed, and crisis recall is still the open work of the signals issue. Raise them
    // as detection improves; never lower them. Measured 2026-11-26 with the word-family readings
    // (signals.yaml `read:`) beside the patterns: set 1: crisis 130/156, false alarms 2/429, exit
    // 86/105, exit false alarms 2/480; set 2 (never tuned on): crisis 95/152, false alarms
    // 11/348, exit 76/109, exit false alarms 13/391. (Before the readings: set 1 126/156, 3/429,
    // 84/105, 11/480; set 2 90/152, 12/348, 74/109, 18/391.) Set 3, measured once at the merge
    // of the readings: crisis 116/154, false alarms 11/296, exit 88/112, exit false alarms 2/338
    // (before the readings, main at 8083d3b: 113/154, 13/296, 82/112, 6/338). Then set 3's missed
    // crisis lines were read and crisis patterns added by category: set 1 131/156, 2/429; set 2
    // 98/152, 11/348; set 3 141/154, 11/296. Set 4 (written blind after that, measured once):
    // crisis 107/141, false alarms 11/259, exit 80/94, exit false alarms 7/306.
    // Then (issue 4, crisis safety) suicide-plan got readings and plan, self-harm and passive
    // families were widened from hand-written lines per category; set 1's and set 3's missed
    // lines were read as well, sets 2 and 4 counted only: set 1 crisis 150/156, 0/429; set 2
    // 101/152, 10/348; set 3 151/154, 4/296; set 4 109/141, 11/259; exit unchanged on all four.
    // Sets 1 and 3 are tuned on: their figures say little about unseen lines (sets 2 and 4 rose
    // by 3 and 2 lines).
    // Then (issue 4, exit recall) exit got families for leaving with no "i", farewells anywhere
    // in a line, stopping, deleting, time away and not talking again, tuned on set 6's half A
    // and sets 1 and 3: exit set 1 102/105, 1/480; set 2 90/109, 13/391; set 3 108/112, 0/338;
    // set 4 87/94, 7/306 (before: 86/105, 2/480; 76/109, 13/391; 88/112, 2/338; 80/94, 7/306).
    // Then (crisis 6) crisis concepts were added for burden, a chosen time, the only way out,
    // passive wishes, farewell acts, self-harm by body and means, and `unless` frames for a past
    // told as past and questions for a class, tuned on set 6's half A only (half B counted):
    // set 1 150/156, 0/429; set 2 102/152, 10/348; set 3 151/154, 4/296; set 4 109/141, 11/259;
    // exit unchanged on all four. Set 6 half A crisis 69/128 -> 120/128, false alarms 16/172 ->
    // 8/172; half B (never read) 77/122 -> 79/122, 15/178 -> 13/178.
    // Set 5, written blind at the start of that session and never read: at the start (main at
    // efaa484) crisis 74/140, false alarms 11/260, exit 72/100, exit false alarms 6/300; at the
    // end, after all of the above, crisis 84/140, 10/260, exit 85/100, 9/300. Set 6 at the end:
    // crisis 199/250, 21/350, exit 147/160, 5/440 (at the start: 137/250, 31/350, 97/160, 8/440).
    // On lines nobody has seen, crisis recall is about six in ten: the open work of issue 4.
    // Then (crisis 7) concepts as word families and readings, written first from hand-written
    // lines (four sets, 148 crisis and 135 calm lines, none taken from a fixture): others spared
    // ("everyone would be better off"), the burden lifted soon, not being here at a later time with
    // the "i" dropped, a set or chosen time, holding on until an occasion, passing things on for
    // after, notes and what they say, a means or a place dwelt on, slang (yeet myself off, rope,
    // permanently done), "except" ending a negation's scope; then set 6's missed lines were read
    // and families widened by concept. Set 1 150/156, 0/429; set 2 103/152, 10/348; set 3 151/154,
    // 3/296; set 4 110/141, 10/259; set 6 237/250, 12/350 (before: 199/250, 21/350); exit unchanged
    // on all. Sets 2 and 4, never read, moved one line each: the concepts written from how people
    // talk still miss most of what unseen writers say.
    let floors: (crisis: Double, falseAlarms: Double, exit: Double, exitFalseAlarms: Double) =
      switch fixtureName {
      case "unseen-lines.json": (0.97, 0.002, 0.97, 0.003)
      case "unseen-lines-2.json": (0.945, 0.005, 0.98, 0.003)
      case "unseen-lines-3.json": (0.98, 0.004, 0.98, 0.003)
      case "unseen-lines-4.json": (0.983, 0.014, 0.98, 0.007)
      case "unseen-lines-5.json": (0.969, 0.006, 0.97, 0.003)
      case "unseen-lines-6.json": (0.98, 0.008, 0.95, 0.003)
      // Set 7, written blind at the start of the session after that (main at 7c90268): crisis
      // 101/160, false alarms 17/340, exit 86/98, exit false alarms 8/402. After the crisis
      // families of that session's round (wip/crisis3, never tuned on set 5 or 7): crisis
      // 109/160, 17/340; set 5 crisis 88/140, 10/260 (was 84/140, 10/260); exit unchanged.
      // After crisis 8 (below): set 7 114/160, 16/340; set 5 91/140, 10/260; set 2 104/152,
      // 10/348; set 4 110/141, 10/259; exit unchanged. (Counts only, each looked at once.)
      case "unseen-lines-7.json": (0.93, 0.005, 0.96, 0.003)
      // Set 8 (600 lines, written blind as a development set, split by position). At the start
      // (main at 6d40871): half A crisis 65/121, false alarms 4/179, exit 52/58, exit false alarms
      // 6/242; half B (counted only, never read) 56/129, 11/171, 45/49, 7/251. After crisis 8
      // (wip/crisis4: concept families from half A's missed lines and from 81 hand-written crisis
      // and 40 calm lines): half A 109/121, 0/179; half B 57/129, 11/171; exit unchanged; set 6
      // false alarms 12/350 -> 11/350, sets 1 and 3 unchanged. Half B moved one line: what half A
      // taught was, line by line, what only that line says.
      case "unseen-lines-8a.json": (0.95, 0.002, 0.98, 0.003)
      case "unseen-lines-8b.json": (0.587, 0.043, 0.91, 0.013)
      // Sets 9 and 10, written blind by two helpers at the start of the session after crisis 8
      // (main at d453588), measured before anything changed: set 9 crisis 90/160, false alarms
      // 18/340, exit 91/98, exit false alarms 6/402; set 10 half A 58/120, 13/180, 51/58, 9/242;
      // half B 42/100, 18/200, 56/62, 9/238. Set 10's writer leaned on indirect lines (arrangements,
      // places and means dwelt on, metaphors): on those, recall is about half.
      // After crisis 9 (wip/crisis5: concepts and frames from half A's missed lines and from
      // hand-written lines per concept): half A 99/120, 0/180; half B 42/100, 18/200; set 9
      // 92/160, 17/340; set 7 115/160, 15/340; set 5 92/140, 9/260; sets 2, 4, 8B and exit
      // unchanged. Half B, by the same writer, did not move: what half A taught was its own lines.
      case "unseen-lines-9.json": (0.948, 0.008, 0.998, 0.003)
      // Crisis 14 (a place with two more weak signs) gave half A its one false alarm (a night on
      // the roof looking at the stars, "so peaceful up there"): the ceiling rose to it. A frame
      // for the view was tried and dropped: it took back the place of "stood on the roof tonight
      // looking at the stars. i'm going to jump, i've decided" too.
      case "unseen-lines-10a.json": (0.989, 0.006, 0.98, 0.005)
      // Half B gained one false alarm (18 -> 19 of 200, counts only) with the dropped-subject
      // reading (texting without its "i"), which caught 9 more crisis lines of the development
      // sets and raised no false alarm there.
      // It gained one more (17 -> 18 of 200, counts only) with the `warning-signs` signal
      // (below), which caught 5 more of its crisis lines (43 -> 48 of 100).
      case "unseen-lines-10b.json": (0.518, 0.082, 0.933, 0.026)
      // Sets 11 and 12, written blind by two helpers at the start of the session that made sets
      // 2, 4, 5, 7 and 9 development sets, measured after the new-subject scope rule and before
      // anything else changed: set 11 crisis 110/160, false alarms 21/340, exit 90/100, exit false
      // alarms 13/400; set 12 95/130, 18/270, 70/78, 3/322. Counts only, never their lines.
      // With `warning-signs` (below) set 11 caught one crisis line more (112 -> 113 of 160) and
      // gave two false alarms more (17 -> 19 of 340, counts only): the price of that signal.
      // Exit 13 (2026-11-28: an absence announced with its return, "no wifi there. see you in
      // august", "talk in ten days", "ill be off the app until next month"; and a negation in an
      // earlier clause no longer flips an exit or warning-sign pattern) gave set 11 one exit
      // false alarm more (8 -> 9 of 400, counts only), the held-out sets two (62 -> 64 of 4,406)
      // for 8 more goodbyes read (708 -> 716 of 774); the development sets 10 more read
      // (1,776 -> 1,786 of 1,851) and no false alarm more (76). Exit 14 to 16 (goodbyes to other
      // things as frames, and more ways of leaving) took set 11 back to 8 of 400 and the ceiling
      // back to where it was; held out at the end: 720 of 774 read, false alarms 59 of 4,406.
      case "unseen-lines-11.json": (0.754, 0.056, 0.92, 0.021)
      // Set 12 lost one line (97 -> 96 of 130, counts only) when "bye. thank you for everything"
      // stopped being a crisis line by itself: a play-tester leaving the app in the saying-goodbye
      // scenario got the safety notice and a persona stuck in crisis mode.
      case "unseen-lines-12.json": (0.836, 0.04, 0.972, 0.01)
      // Then (crisis 11, this session): the negation scope ends at the speaker's next "i", a
      // clause typed without its "i" is the speaker's, a clause told as past and someone else's
      // reported words count for no crisis pattern; two helpers wrote concept families from the
      // missed lines of the development sets (now 1, 2, 3, 4, 5, 6, 7, 8A, 9, 10A): indirect
      // ideation, burden and self-harm; plans, means, time, place and farewells. Development
      // crisis rose by 20 to 43 lines a set (set 9 92 -> 137 of 160), their false alarms fell
      // (set 9 17 -> 12). Held out, counts only: 8B 57 -> 62 of 129 (false alarms 11 -> 8);
      // 10B 42 -> 43 of 100 (18 -> 17); 11 110 -> 112 of 160 (21 -> 17); 12 95 -> 97 of 130
      // (18 -> 12). Once more the sets tuned on rose by dozens and the unseen ones by a few.
      // Then (crisis 12) the `warning-signs` signal: warning signs of thirteen kinds (the idea
      // of dying, a lethal means, finality, preparations, a burden, a lethal question; and an
      // act, hopelessness, secrecy, resolve, "for good", a place, a time) counted together across
      // a line's sentences, each only as the speaker's own words, now. Sets 13 and 14 at the
      // start (main at 3fa59ca): set 13 crisis 97/140, false alarms 12/260, exit 72/80, exit
      // false alarms 19/320; set 14 90/140, 14/260, 70/80, 11/320. The families were written from
      // the kinds of warning sign, then set 13's missed lines were read; which strong and weak
      // kinds pair was chosen on the development sets (pairs that showed on none of their 3,241
      // calm lines); ages and seasons told as past were added ("when i was 15 ..."). At the end:
      // set 13 115/140, 11/260; held out, counts only: set 14 92/140, 14/260 (from 90/140,
      // 14/260); 8B 62 -> 64 of 129 (false alarms 7 -> 7); 10B 43 -> 48 of 100 (17 -> 18); 11
      // 112 -> 113 of 160 (17 -> 19); 12 96 -> 98 of 130 (12 -> 12). Held out in all: 403 -> 415
      // of 659 crisis lines (61% -> 63%), false alarms 67 -> 70 of 1,241 calm lines.
      // Then (exit 12, the same session) the exit signal was narrowed and widened by concept from
      // the development sets' misses and false alarms: logging off said as leaving (not "log
      // off zoom"), a dying phone only as the reason to go, songs, titles and quotes, habits,
      // questions of whether to go, someone else or somewhere else leaving; sleep said plainly,
      // the app removed as a whole clause, foreign and texting farewells. Held out, counts only:
      // exit 8B 45/49 (false alarms 6 -> 3 of 251), 10B 56 -> 57 of 62 (9 -> 6), 11 90 -> 93 of
      // 100 (12 -> 8), 12 70 -> 73 of 78 (3 -> 3), 14 70 -> 75 of 80 (11 -> 3); crisis unchanged.
      case "unseen-lines-13.json": (0.933, 0.014, 0.98, 0.004)
      case "unseen-lines-14.json": (0.926, 0.049, 0.93, 0.01)
      // Set 15, measured before anything changed (main at f1ea01b): crisis 103/140 (plans 7/14,
      // means 7/14, farewells 8/14, denial-then-real 9/14; direct 14/14), false alarms 16/260
      // (past 5, dark jokes 3, negated 3, third party 3), exit 71/80, exit false alarms 4/320.
      case "unseen-lines-15.json": (0.94, 0.06, 0.973, 0.013)
      // Sets 16 and 17, measured before anything changed (main at 64ff99c): set 16 crisis
      // 102/140 (means 7/14, plans 8/14, farewells 8/14, denial-then-real 9/14), false alarms
      // 11/260 (past 4, negated 3), exit 75/80, exit false alarms 6/320; set 17 crisis 103/141
      // (plans 6/14, farewells 6/14, means 8/14, denial-then-real 9/14), false alarms 17/259
      // (past 7, third party 3), exit 76/84, exit false alarms 8/316.
      // Then (crisis 13) sets 14 and 15 became development sets and `warning-signs` gained
      // kinds written by concept: a means held at hand, a medicine in a lethal amount, a time
      // when nobody is around; lethal questions, self-harm done again or deeper. Each was tried
      // on hand-written calm lines (a knife beside the chopping board, spare tablets in the car,
      // an evening home alone) and narrowed where they fired. Held out, counts only: set 16
      // 102 -> 106 of 140 (false alarms 11 -> 12), set 17 103 -> 106 of 141 (17 -> 18), 8B 64
      // -> 66 of 129, 12 98 -> 99 of 130, 11 and 10B unchanged. The false-alarm ceilings of 16
      // and 17 rose by that one line each: the price of four crisis lines on each.
      // Then the false-alarm frames of the reverted round (d927049) came back as `unless_frame`
      // (signals.yaml): a frame takes back only the words it covers, so a crisis said beside it,
      // with or without punctuation, still counts. Development false alarms 97 -> 41 of 3,761
      // with no crisis line lost; held out, counts only: 86 -> 81 of 1,500 (10B 18 -> 16, 12 12 ->
      // 10, 16 12 -> 11), crisis 538 of 800 unchanged. Ceilings and floors of every set moved to
      // just beside what was measured.
      case "unseen-lines-16.json": (0.969, 0.045, 0.93, 0.019)
      case "unseen-lines-17.json": (0.948, 0.07, 0.9, 0.026)
      // Sets 18 and 19, measured before anything changed (main at e6f2b53): set 18 crisis
      // 112/144 (plans 7/14, means 9/14, farewells 10/14; direct and self-harm 14/14), false
      // alarms 13/256 (past 4, academic and media 3), exit 75/84, exit false alarms 3/316; set 19
      // crisis 104/140 (plans 5/14, farewells 7/14, means 9/14; direct 14/14), false alarms
      // 14/260 (past 7), exit 72/80, exit false alarms 6/320.
      case "unseen-lines-18.json": (0.866, 0.052, 0.89, 0.01)
      case "unseen-lines-19.json": (0.812, 0.055, 0.948, 0.019)
      // Set 20 (480 lines, the kinds read worst), measured before it was read (main at 3f26c42):
      // crisis 103/240 (plans 15/50, farewells 13/40, questions 14/35, burden 16/30, means 21/50,
      // denial then the real thing 24/35), false alarms 34/240 (past 14 of 40, benign plans 8),
      // exit 58/67, exit false alarms 6/413. Then tuned on: crisis 155/240, false alarms 19/240.
      case "unseen-lines-20.json": (0.852, 0.08, 0.923, 0.015)
      // Set 21 (480 lines, set 20's brief), measured before anything changed (main at 4e95d71
      // with the counted-only negation scope, which moved no count of any other set): crisis
      // 105/240 (plans 14/50, farewells 11/40, burden 15/30, means 17/50, questions 20/35, denial
      // then the real thing 28/35), false alarms 25/240, exit 55/69, exit false alarms 9/411. Set
      // 20 rose from 103 to 155 of 240 when tuned on; set 21, never read, stands where set 20 began.
      case "unseen-lines-21.json": (0.556, 0.11, 0.853, 0.023)
      // Sets 22 and 23 (480 lines each), measured before they were read (main at 1e85ee7): set 22
      // crisis 144/240 (questions 17/35, farewells 23/40, plans 25/50), false alarms 26/240, exit
      // 52/68, exit false alarms 9/412; set 23 crisis 107/240 (farewells 12/40, means 16/50, plans
      // 19/50), false alarms 22/240, exit 60/68, exit false alarms 7/412. Set 23 was read and
      // tuned on first while set 22 stayed unread: set 23 107 -> 132, set 22 144 -> 146 (false
      // alarms 26 -> 26). Then set 22 was read: dying planned or decided said plainly ("i plan to
      // die tonight", "i have decided to die") had been read as no crisis at all; 146 -> 154.
      case "unseen-lines-22.json": (0.918, 0.11, 0.85, 0.023)
      case "unseen-lines-23.json": (0.881, 0.1, 0.88, 0.018)
      // Sets 24 and 25 (400 lines each, set 19's brief), measured before anything changed (main
      // at 6d11551): set 24 (held out) crisis 101/140 (plans 6/14, means 7/14, questions 8/14,
      // indirect 9/14; direct 14/14), false alarms 15/260 (past 5), exit 76/84, exit false alarms
      // 2/316; set 25 crisis 101/140 (burden 7/14, plans 9/14, denial then the real thing 9/14),
      // false alarms 17/260 (past 4, third party 3), exit 70/84, exit false alarms 4/316. Set 25
      // was then read and tuned on: crisis 132/140, false alarms 15/260, exit 78/84 (the exit
      // misses left are crisis farewells, which never end a conversation).
      case "unseen-lines-24.json": (0.776, 0.065, 0.89, 0.01)
      case "unseen-lines-25.json": (0.96, 0.06, 0.962, 0.015)
      // Sets 26 and 27 (warning signs; no crisis and no exit line): crisis false alarms 4/400
      // and 5/400, exit false alarms 4/400 and 0/400 before anything changed (main at 5987395).
      case "unseen-lines-26.json": (0, 0.015, 0, 0.015)
      case "unseen-lines-27.json": (0, 0.02, 0, 0.01)
      case "unseen-lines-28.json": (0, 0.015, 0, 0.01)
      // Set 29 (400 lines, set 24's brief), measured before anything changed (main at 11f4274):
      // crisis 108/142 (means 8/14, farewells 9/14, plans 9/14, indirect 9/14; self-harm 14/14),
      // false alarms 13/258 (negated 3, past 3, third party 3), exit 76/84, exit false alarms 4/316.
      // At the session's end (2026-11-27 evening): crisis 109/142, false alarms 10/258.
      case "unseen-lines-29.json": (0.814, 0.04, 0.926, 0.013)
      // Sets 30 (held out) and 31 (development), measured once before any change of that session
      // (main at `bed9b05`): set 30 crisis 107/140 (farewells 7/14, plans 8/14, questions 8/14),
      // false alarms 12/260, exit 82/84, exit false alarms 11/316; set 31 crisis 109/140 (indirect
      // 5/14), false alarms 16/260, exit 70/84, exit false alarms 10/316.
      // Then (crisis 17, 2026-11-27 evening) families and readings by concept from the development
      // sets' missed lines, set 31 first: blows and bites on oneself, a means kept "for me", into
      // the water at a chosen time, joining the one who died, lethal questions, the last of all,
      // a place with three weak signs, the unnamed act with a time, a drink beside a means at hand,
      // the absence meant as a fix. No development line became a false alarm; exit unchanged.
      // Crisis before -> after: set 31 109 -> 129 of 140 (indirect 5 -> 9 of 14), 23 142 -> 156,
      // 22 173 -> 184, 20 167 -> 171, 17 126 -> 130, 16 129 -> 132, 14 110 -> 114, 13 121 -> 123,
      // 15 124 -> 125, 9 149 -> 150, 5 133 -> 134. Held out, counts only: 21 109 -> 123 of 240,
      // 30 107 -> 110 of 140, 18 118 -> 120, 29 109 -> 111, 12 104 -> 105, 19 109 -> 110, 24 103
      // -> 104; 8B, 10B, 11 unchanged; held-out false alarms 133 -> 133 of 3,315. Floors of the
      // sets that moved rose to just under these.
      case "unseen-lines-30.json": (0.826, 0.05, 0.95, 0.036)
      case "unseen-lines-31.json": (0.955, 0.065, 0.962, 0.033)
      // Sets 32 and 33 (warning signs) at the start (main at `92cb742`): crisis false alarms 3/400
      // each, exit false alarms 2/400 and 5/400. Set 34: crisis 100/140 (farewells 10/14, plans
      // 10/14, questions 10/14, means 8/14, indirect 8/14, denial-then-real 7/14), false alarms
      // 12/260, exit 76/84, exit false alarms 7/316.
      // Then (crisis 19, 2026-11-28) warning signs read by kind for the weakest kinds, written
      // first as 60 crisis and 60 calm probe lines of the session's own (then 45 and 45 more, and
      // 48 calm lines aimed at each new reading): a goodbye or last words beside the idea of dying
      // or the end of the self (never beside finality alone, which is also how a user leaves the
      // app), whether a means would be enough, a lethal question asked of the speaker's own body or
      // about a way of dying itself, a death made to look like an accident, a time when the house
      // sleeps with a strong kind, the unnamed act on a day chosen for its meaning, a method chosen.
      // Set 34 100 -> 113 of 140 (farewells 10 -> 12, questions 10 -> 14, plans 10 -> 13, means 8
      // -> 11 of 14), false alarms 12 -> 12 of 260; development crisis 2,997 -> 3,026 of 3,395,
      // false alarms 136 -> 136 of 6,580 (13 123 -> 124, 14 114 -> 115, 20 171 -> 174, 22 184 ->
      // 188, 23 156 -> 161, 25 132 -> 133, 31 129 -> 130); exit unchanged everywhere. Held out,
      // counts only, looked at once at the end: crisis 1,020 -> 1,028 of 1,465 (30 110 -> 112, 29
      // 111 -> 113, 8B 71 -> 72, 11 117 -> 118, 21 123 -> 124, 24 104 -> 105), false alarms 136 ->
      // 137 of 3,715 (19 12 -> 13). Floors of the sets that moved rose to just under these.
      case "unseen-lines-32.json": (0, 0.01, 0, 0.01)
      case "unseen-lines-33.json": (0, 0.01, 0, 0.015)
      case "unseen-lines-34.json": (0.919, 0.047, 0.974, 0.023)
      case "unseen-lines-35.json": (0, 0.03, 0.9, 0.075)
      // Sets 36 (warning signs) and 37 (crisis, leaving), held out, at the start (main at
      // `06662aa`): set 36 crisis false alarms 2/400, exit false alarms 6/400; set 37 crisis
      // 107/140 (question 7/14, means 8/14, plan 9/14, indirect 10/14), false alarms 15/260, exit
      // 91/99, exit false alarms 4/301.
      // Then (2026-11-28, the session of sets 36 and 37) crisis 20 (a helper: lethal questions
      // asked for oneself, means at hand, plans with the act unnamed, a farewell to the companion
      // as the last one spoken to; from probe lines of its own, then the development sets' missed
      // lines by kind) and five patterns that never matched, now written as meant (a concept
      // beside words in one alternative, now an error). Held out, counts only: crisis 1,135 ->
      // 1,150 of 1,605 (8B 72 -> 74, 11 118 -> 119, 12 105 -> 107, 19 110 -> 111, 21 124 -> 128,
      // 24 105 -> 106, 29 113 -> 115, 30 112 -> 114; set 37 unchanged at 107 of 140), false alarms
      // 160 -> 160 of 4,775; development 3,026 -> 3,095 of 3,395, false alarms 136 -> 136. Exit 18
      // to 20 (leaving talked about in a warning sign's words is no goodbye): held-out exit false
      // alarms 83 -> 81 of 5,307 (sets 28 and 36), exit read unchanged. Floors of the sets that
      // moved rose to just under these.
      case "unseen-lines-36.json": (0, 0.006, 0, 0.016)
      case "unseen-lines-37.json": (0.776, 0.058, 0.927, 0.014)
      // Sets 38 (crisis, leaving) and 39 (warning signs), held out, at the start (main at
      // `e5eefdc`): set 38 crisis 111/140 (means 8/14, question 9/14, plan 10/14, indirect,
      // farewell and denial-then-real 11/14), false alarms 8/260, exit 89/99, exit false alarms
      // 1/301; set 39 crisis false alarms 0/400, exit false alarms 5/400.
      // Then (2026-11-28, evening) crisis 21 (a helper: revealing questions, a means dwelt on,
      // the future without the speaker, a decision tied to a day, a place and a time said bare,
      // a means checked on; from probe lines of its own, then the development sets' missed lines).
      // Held out, counts only: crisis 1,261 -> 1,282 of 1,745 (8B 74 -> 75, 10B 49 -> 51, 11 119
      // -> 120, 12 107 -> 109, 18 120 -> 121, 19 111 -> 113, 21 128 -> 132, 29 115 -> 116, 30
      // 114 -> 116, 37 107 -> 108, 38 111 -> 115), false alarms 168 -> 172 of 5,435 (8B 5 -> 6,
      // 24 15 -> 16, 35 8 -> 9, 38 8 -> 9: two "last message" patterns that also caught three
      // held-out crisis lines); development 3,095 -> 3,134 of 3,395, false alarms 136 -> 134.
      // Exit and warning signs unchanged. Crisis floors of the sets that moved rose to just under.
      // Signs 5 raised one more exit false alarm on set 39 (5 -> 6 of 400), from its commit
      // 446d0de (hours lost; found by counts only, commit by commit); kept with the branch, which
      // read 63 more held-out signs.
      case "unseen-lines-38.json": (0.819, 0.035, 0.89, 0.004)
      case "unseen-lines-39.json": (0, 0.001, 0, 0.016)
      // Sets 40 (crisis, leaving) and 41 (warning signs), held out, at the start (main at
      // `195832f`): set 40 crisis 106/140 (question 6/14, means 7/14, farewell 9/14, indirect and
      // denial-then-real 10/14), false alarms 11/260 (past 4, ordinary farewells 4), exit 89/99,
      // exit false alarms 2/301; set 41 crisis false alarms 0/400, exit false alarms 2/400.
      // Then (2026-11-28, the third session) crisis 22 (a helper: endings said without die, kill or
      // suicide, preparations, a means researched, hidden or kept, self-harm slang, final goodbyes;
      // from probe lines of its own, then the development sets' missed lines). Held out, counts
      // only: crisis 1,388 -> 1,394 of 1,885 (8B 75 -> 76, 10B 51 -> 52, 11 120 -> 121, 18 121 ->
      // 122, 19 113 -> 114, 21 132 -> 133; sets 37, 38 and 40 unchanged), false alarms 183 -> 183
      // of 6,095; development 3,134 -> 3,198 of 3,395, false alarms 134 -> 134. Exit unchanged.
      // Floors of the sets that moved rose to just under.
      case "unseen-lines-40.json": (0.757, 0.043, 0.898, 0.007)
      case "unseen-lines-41.json": (0, 0.001, 0, 0.006)
      // Sets 42 (crisis, leaving) and 43 (warning signs), held out, at the start (main at
      // `f145b02`): set 42 crisis 118/140 (plan 8/14, means 9/14, indirect and question 11/14),
      // false alarms 8/260 (past 3, dark jokes 2, negated 2), exit 90/99, exit false alarms
      // 2/301; set 43 crisis false alarms 3/400, exit false alarms 1/400.
      // Then (the fifth session of 2026-11-28): leaving read by concept on lines of my own (a break
      // from the screen, sign-offs; goodbyes to others as frames, not whole-line unless entries),
      // crisis 23 (a helper: questions about what follows one's own end, means kept, last
      // farewells, three calm frames) and the speaker's death then others' relief read across a
      // person named between (across_subjects). Held out, counts only: crisis 1,512 -> 1,521 of
      // 2,025 (18 125, 21 134, 24 109, 37 109, 42 119), false alarms 194 -> 194 of 6,755; exit
      // 1,261 -> 1,269 of 1,370, false alarms 95 -> 93 of 7,410. Development crisis 3,198 ->
      // 3,211 of 3,395 (false alarms 134), exit 1,805 -> 1,814 of 1,851 (false alarms 45).
      // Floors of the sets that moved rose to just under.
      case "unseen-lines-42.json": (0.848, 0.031, 0.907, 0.007)
      case "unseen-lines-43.json": (0, 0.008, 0, 0.003)
      default: (0.775, 0.04, 0.92, 0.025)
      }
    if crisisTotal > 0 { #expect(Double(crisisHit) / Double(crisisTotal) >= floors.crisis) }
    #expect(Double(crisisFalse) / Double(calmTotal) <= floors.falseAlarms)
    #expect(Double(exitFalse) / Double(stayTotal) <= floors.exitFalseAlarms)
    if exitTotal > 0 { #expect(Double(exitHit) / Double(exitTotal) >= floors.exit) }
    // The warning signs, on the sets whose writers marked them with the signals' ids.
    // Measured before the signs were read by concept (main at 5987395): set 1 80/145, set 2
    // 56/193, set 3 23/93, set 26 (held out) 95/324, set 27 103/321. Then the patterns that
    // start with "i" got twins with the "i" dropped, and every sign a reading by concept
    // (lexicon.yaml "warning signs, read by concept", written from set 27's lines): set 27
    // 230/321, set 1 110/145, set 2 72/193, set 3 33/93; set 26, never read, 147/324 (signs
    // raised that its writer did not mark: 13 -> 20).
    // Then (2026-11-27, afternoon) more words by concept, `anyone` for a loss or a dullness that
    // someone else's words carry, pleasure gone from everything, understood as by nobody else:
    // set 27 230 -> 268, set 1 109 -> 127, set 2 72 -> 105, set 3 33 -> 47; held out: set 26
    // 145 -> 157 of 324, set 28 (new, measured with the session's starting files: 145/330)
    // 160/330.
    // Then (2026-11-27, evening, branch `signs`) words by concept for the weakest signs
    // (isolation, fear of loss, hours lost, the companion as a person, declining interest) and
    // for withdrawal, work or school and hopelessness: set 27 268 -> 270, set 1 127 -> 129,
    // set 2 105 -> 109, set 3 47 -> 52; held out: set 26 157 -> 162, set 28 160 -> 168 (signs
    // raised that the writers did not mark unchanged: 14 and 16).
    // Then (2026-11-28, branch `signs`, "signs 3") words by concept written from probe lines
    // of the session's own and set 33 (two families near each other for work or study slipping,
    // an excuse told, an occasion skipped, a medicine named and stopping it said apart, the
    // companion's understanding said of it): set 33 158 -> 284, set 27 270 -> 281, set 1 129 ->
    // 130, set 2 109 -> 113, set 3 52 -> 54; held out: set 26 162 -> 183 of 324, set 28 168 ->
    // 199 of 330, set 32 140 -> 164 of 330 (signs raised that the writers did not mark: sets 33
    // and 27 unchanged at 15 and 5, set 1 14 -> 16 and set 3 15 -> 16 on crisis lines that say
    // the sign; held out 26 14 -> 16, 28 16 -> 17, 32 18 -> 21).
    let signFloor: Double? =
      switch fixtureName {
      case "unseen-lines.json": 0.915
      case "unseen-lines-2.json": 0.65
      case "unseen-lines-3.json": 0.664
      case "unseen-lines-26.json": 0.63
      case "unseen-lines-27.json": 0.935
      case "unseen-lines-28.json": 0.67
      // Sets 32 (held out) and 33 (development), new, at the start (main at `92cb742`): 140/330
      // and 158/330; after "signs 3" 164/330 and 284/330.
      case "unseen-lines-32.json": 0.567
      case "unseen-lines-33.json": 0.885

      // Then (signs 4, a helper, the same session: being alone, a pastime let go, the companion
      // still being there, a medicine given up or let run out, people not answered, work handed in
      // late, time together counted): held out 26 184 -> 189, 28 199 -> 203, 32 164 -> 168 (547 ->
      // 560 of 984), 36 153 -> 156 of 330; signs raised that the writers did not mark 390 -> 388;
      // development 862 -> 874 of 2,109 (522 unmarked, unchanged).
      // Set 36 (held out), new, at the start (main at `06662aa`): 153/330.
      case "unseen-lines-36.json": 0.516
      // Set 39 (held out), new, at the start (main at `e5eefdc`): 157/330.
      // Then (2026-11-28, evening, signs 5, a helper: the weakest signs widened by concept, hours
      // lost said as a surprise or a count, a better future said as not coming, a pastime or
      // people found dull beside someone close): held out 26 189 -> 202, 28 203 -> 214, 32 168
      // -> 183, 36 156 -> 166, 39 157 -> 171 (873 -> 936 of 2,664); signs raised that the
      // writers did not mark 423 -> 441 (seven of them beside crisis lines); development 874 ->
      // 906 of 2,109 (unmarked 522, unchanged).
      case "unseen-lines-39.json": 0.546
      // Set 41 (held out), new, at the start (main at `195832f`): 167/330 (stopping medication
      // 8/27, hopelessness 10/31, fear of loss 11/26, work or school 11/27).
      // Then (the same session, signs 6, a helper: the companion compared with people, the
      // companion's day, body and needs, pastimes quit, fear of loss widened): held out 28 214 ->
      // 221, 32 183 -> 184, 36 166 -> 167, 39 171 -> 175, 41 167 -> 169 (1,103 -> 1,118 of 2,994
      // with set 41); signs raised that the writers did not mark 487 -> 489; development 906 ->
      // 910 of 2,109 (unmarked 522, unchanged).
      case "unseen-lines-41.json": 0.54
      // Set 43 (held out), new, at the start (main at `f145b02`): 178/330 (declining interest
      // 10/27, fear of loss 12/26, stopping medication 12/31, isolation 14/28, work or school
      // 14/30); signs raised that the writer did not mark 23.
      // Then (the same session, signs 7, a helper: stopping a medicine or a treatment, hopelessness,
      // fear of loss, work or school, the late hour noticed): held out 26 202 -> 205, 28 221 -> 222,
      // 32 184 -> 188, 36 167 -> 171, 39 175 -> 181, 41 169 -> 179, 43 178 -> 187 (1,296 -> 1,333
      // of 3,324); signs raised that the writers did not mark 542 -> 544; development 910 -> 915
      // of 2,109 (unmarked 523 -> 522).
      case "unseen-lines-43.json": 0.564
      default: nil
      }
    if let signFloor { #expect(Double(signHit) / Double(signTotal) >= signFloor) }
  }
}
