import TetherEngine

extension Debrief {
  /// A debrief read from transcript files, with the warnings met on the way.
  public struct Loaded: Sendable {
    public var debrief: Debrief
    /// Worth telling the user on standard error: torn lines, scenarios not found.
    public var warnings: [String]
  }

  /// Reads the transcripts at `paths` and looks up each conversation's scenario (its header's
  /// scenario id, or `scenario` for transcripts without a header) in the scenarios folder.
  ///
  /// A bad line is an error that names its file and line; a torn last line and a scenario that
  /// cannot be found are warnings, and the report goes on without them.
  public static func load(paths: [String], scenario override: String? = nil, scenarios folder: String? = nil)
    throws(TranscriptReader.Failure) -> Loaded
  {
    var conversations: [RecordedConversation] = []
    var warnings: [String] = []
    for path in paths {
      let contents = try TranscriptReader.read(path: path)
      if contents.conversations.isEmpty {
        warnings.append("\(path): warning: no conversation in this file")
      }
      conversations += contents.conversations
      warnings += contents.warnings
    }
    var notes = warnings
    var taxonomy = Taxonomy()
    var personas: Scenario?
    do {
      let library: ScenarioLibrary
      (taxonomy, library) = try Taxonomy.load(scenarios: folder)
      personas = library.sharedPersonaIDs.isEmpty ? nil : library.compile(nil).scenario
    } catch {
      let w = "warning: technique and signal names are shown as ids (\(error.description))"
      warnings.append(w)
      notes.append(w)
    }
    var compiled: [String: Scenario] = [:]
    var overrideID: String?
    if let override {
      do {
        let s = try ScenarioStore.scenario(override, scenarios: folder).0
        compiled[s.id] = s
        overrideID = s.id
      } catch {
        let w =
          "warning: the scenario '\(override)' cannot be loaded, so its questions are left out: \(error.description)"
        warnings.append(w)
        notes.append(w)
        overrideID = override
      }
    }
    var wanted: [String] = []
    for c in conversations {
      if let id = c.header?.scenario, compiled[id] == nil, !wanted.contains(id) { wanted.append(id) }
    }
    for id in wanted {
      do {
        // A header names a scenario by id; a path there is not followed.
        if id.contains("/") || id.hasPrefix(".") {
          throw ScenarioStore.Failure(description: "not a scenario id")
        }
        compiled[id] = try ScenarioStore.scenario(id, scenarios: folder).0
      } catch {
        let w =
          "warning: the scenario '\(id)' named in the transcript was not found, so its objectives and questions are left out"
        warnings.append(w)
        notes.append(w)
      }
    }
    let debrief = Debrief(
      conversations, scenarios: compiled, scenarioID: overrideID, personas: personas, taxonomy: taxonomy, notes: notes)
    return Loaded(debrief: debrief, warnings: warnings)
  }
}
