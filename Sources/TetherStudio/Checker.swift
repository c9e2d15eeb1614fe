import Foundation
import TetherEngine

/// `tether check`: reads scenario files and folders and reports every problem.
public enum Checker {
  /// Diagnostics for the given paths, sorted by place, each once.
  public static func check(paths: [String]) throws(ScenarioStore.Failure) -> [Diagnostic] {
    var out: [Diagnostic] = []
    for path in paths {
      let fm = FileManager.default
      guard fm.fileExists(atPath: path) else {
        throw ScenarioStore.Failure(description: "\(path): error: no such file or folder")
      }
      var files: [String]
      var only: String?
      if ScenarioStore.isDirectory(path) {
        files = ScenarioStore.yamlFiles(under: path)
        if files.isEmpty { throw ScenarioStore.Failure(description: "\(path): error: no .yaml files in this folder") }
      } else {
        files = ScenarioStore.root(of: path).map(ScenarioStore.yamlFiles(under:)) ?? []
        if !files.contains(where: { same($0, path) }) { files.append(path) }
        only = files.first { same($0, path) }
      }
      let lib = try ScenarioStore.library(files: files)
      var found = diagnostics(of: lib)
      if let only { found = found.filter { $0.location == nil || $0.location?.file == only } }
      out += found
    }
    var seen = Set<Diagnostic>()
    return out.filter { seen.insert($0).inserted }.sorted { a, b in
      switch (a.location, b.location) {
      case let (x?, y?): return x < y
      case (nil, _?): return true
      default: return false
      }
    }
  }

  /// Every finding about a library read into memory: its files, then each scenario compiled
  /// (shadowed rules included), then the shared personas on their own. The scenarios that compiled
  /// cleanly are handed to `each`.
  package static func diagnostics(of lib: ScenarioLibrary, _ each: (Scenario) -> Void = { _ in }) -> [Diagnostic] {
    var found = lib.diagnostics
    let ids: [String?] = lib.scenarioIDs.isEmpty ? [nil] : lib.scenarioIDs
    // Each persona is checked for shadowed rules once, in the first scenario that plays it.
    var shadowChecked = Set<String>()
    let signals = lib.sharedSignals()
    for id in ids {
      let (scenario, diagnostics) = lib.compile(id, signals: signals)
      found += diagnostics
      if let scenario, !diagnostics.contains(where: { $0.severity == .error }) {
        found += scenario.shadowWarnings(skipping: shadowChecked)
        shadowChecked.formUnion(scenario.personaIDs)
        each(scenario)
      }
    }
    if lib.scenarioIDs.isEmpty == false, !lib.sharedPersonaIDs.isEmpty {
      found += lib.compile(nil, signals: signals).diagnostics
    }
    return found
  }

  static func same(_ a: String, _ b: String) -> Bool {
    URL(fileURLWithPath: a).standardizedFileURL.path == URL(fileURLWithPath: b).standardizedFileURL.path
  }
}
