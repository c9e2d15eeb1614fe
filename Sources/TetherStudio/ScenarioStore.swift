import Foundation
import TetherEngine

/// Finds and reads scenario files on disk: the shipped folder, a folder the user names, one file.
public enum ScenarioStore {
  /// A problem finding or reading files, said plainly.
  public struct Failure: Error, CustomStringConvertible, Sendable {
    public var description: String
  }

  /// The shipped scenarios folder: `--scenarios`, `TETHER_SCENARIOS`, or `Scenarios/` beside the
  /// working directory or above the executable.
  public static func defaultRoot(explicit: String? = nil) -> String? {
    if let explicit { return explicit }
    let env = ProcessInfo.processInfo.environment
    if let dir = env["TETHER_SCENARIOS"], !dir.isEmpty { return dir }
    var starts = [FileManager.default.currentDirectoryPath]
    let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent().path
    starts.append(exe)
    for start in starts {
      var dir = URL(fileURLWithPath: start)
      for _ in 0..<6 {
        let candidate = dir.appendingPathComponent("Scenarios")
        if isLibraryRoot(candidate.path) { return candidate.path }
        dir.deleteLastPathComponent()
      }
    }
    return nil
  }

  /// True when the path is a folder.
  public static func isFolder(_ path: String) -> Bool { isDirectory(path) }

  static func isDirectory(_ path: String) -> Bool {
    var dir: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &dir) && dir.boolValue
  }

  static func isLibraryRoot(_ path: String) -> Bool {
    let fm = FileManager.default
    return ["lexicon.yaml", "techniques.yaml", "signals.yaml"].contains { fm.fileExists(atPath: path + "/" + $0) }
      || isDirectory(path + "/personas")
  }

  /// Every `.yaml`/`.yml` file under a folder, sorted, so loading is deterministic.
  public static func yamlFiles(under root: String) -> [String] {
    guard let e = FileManager.default.enumerator(atPath: root) else { return [] }
    var files: [String] = []
    while let item = e.nextObject() as? String {
      if item.hasSuffix(".yaml") || item.hasSuffix(".yml") { files.append(join(root, item)) }
    }
    return files.sorted()
  }

  static func join(_ dir: String, _ item: String) -> String {
    dir.hasSuffix("/") ? dir + item : dir + "/" + item
  }

  /// The library folder a file belongs to: the nearest folder above it with shared files.
  public static func root(of file: String) -> String? {
    var dir = URL(fileURLWithPath: file).deletingLastPathComponent()
    for _ in 0..<4 {
      if isLibraryRoot(dir.path) { return relative(dir.path) }
      dir.deleteLastPathComponent()
    }
    return nil
  }

  /// A path shown relative to the working directory when it is below it.
  static func relative(_ path: String) -> String {
    let cwd = FileManager.default.currentDirectoryPath
    if path.hasPrefix(cwd + "/") { return String(path.dropFirst(cwd.count + 1)) }
    return path
  }

  /// Reads files into a library. Unreadable files become failures with their path.
  public static func library(files: [String]) throws(Failure) -> ScenarioLibrary {
    var pairs: [(path: String, text: String)] = []
    for f in files {
      guard let data = FileManager.default.contents(atPath: f) else {
        throw Failure(description: "\(f): error: cannot read this file")
      }
      pairs.append((f, String(decoding: data, as: UTF8.self)))
    }
    return ScenarioLibrary(files: pairs)
  }

  /// Reads files into a library, and compiles the shared signals while it reads: the files that
  /// declare signals, a lexicon or a reading section are read and their signals compiled on a
  /// second thread while this one reads the rest (personas, techniques, scenarios), which takes
  /// about a tenth off `play`'s start (first-prompt medians 141 against 156 ms). That thread hands
  /// the signals over as soon as their words are known, and builds their index (typo tables,
  /// pattern index) while this one compiles the personas over those words. The result is the
  /// same as ``library(files:)`` followed by compiling: when a file read on this thread turns out
  /// to bring signals after all, the signals are not handed back and compiling does them with
  /// every file.
  static func libraryAndSignals(files: [String]) throws(Failure) -> (ScenarioLibrary, ScenarioLibrary.SharedSignals?) {
    var texts: [(path: String, text: String)] = []
    for f in files {
      guard let data = FileManager.default.contents(atPath: f) else {
        throw Failure(description: "\(f): error: cannot read this file")
      }
      texts.append((f, String(decoding: data, as: UTF8.self)))
    }
    return libraryAndSignals(texts: consume texts)
  }

  /// ``libraryAndSignals(files:)`` for files already read, as (path, text) pairs.
  package static func libraryAndSignals(
    texts: consuming [(path: String, text: String)]
  ) -> (ScenarioLibrary, ScenarioLibrary.SharedSignals?) {
    let files = texts.map(\.path)
    var first: [(path: String, text: String)] = []
    var rest: [(path: String, text: String)] = []
    for i in texts.indices {
      let file = texts[i]
      texts[i].text = ""
      if declaresSignals(file.text) { first.append(file) } else { rest.append(file) }
    }
    texts = []
    // Each file's text is let go as it is read (``ScenarioLibrary/init(files:)``): no list here
    // may keep it (kept, the 10,000-rule benchmark's text raised its peak by about 2 MiB).
    if first.isEmpty || rest.isEmpty {
      let all = first.isEmpty ? rest : first
      (first, rest) = ([], [])
      return (ScenarioLibrary(files: consume all), nil)
    }
    let result = SignalsResult()
    let firstFiles = first
    first = []
    DispatchQueue.global(qos: .userInitiated).async {
      let lib = ScenarioLibrary(files: firstFiles)
      let (signals, fuzzyWords) = lib.signalWords()
      result.setWords(lib, signals)
      var detector = signals.detector
      detector.index(fuzzyWords: fuzzyWords)
      result.setIndexed(detector)
    }
    let other = ScenarioLibrary(files: consume rest)
    let (signalLib, shared) = result.words()
    let merged = ScenarioLibrary(merging: [signalLib, other], order: files)
    return (merged, other.bringsSignals ? nil : shared.indexed(by: { result.indexed() }))
  }

  /// True when a file's text has a top-level `signals:`, `reading:` or `lexicon:` key (a line
  /// that starts with one): such a file feeds the shared signals.
  static func declaresSignals(_ text: String) -> Bool {
    let keys: [[UInt8]] = ["signals:", "reading:", "lexicon:"].map { Array($0.utf8) }
    var text = text
    return text.withUTF8 { bytes in
      var start = true
      for i in bytes.indices {
        if start {
          for key in keys where i + key.count <= bytes.count {
            var same = true
            for k in key.indices where bytes[i + k] != key[k] {
              same = false
              break
            }
            if same { return true }
          }
        }
        start = bytes[i] == 10
      }
      return false
    }
  }

  /// What the second thread hands over, in two steps: the library it read with the signals'
  /// words (the vocabulary personas are compiled over), then the indexed detector. Each is
  /// waited for, and given once.
  final class SignalsResult: @unchecked Sendable {
    private let lock = NSCondition()
    private var library: ScenarioLibrary?
    private var signals: ScenarioLibrary.SharedSignals?
    private var detector: SignalDetector?

    func setWords(_ library: ScenarioLibrary, _ signals: ScenarioLibrary.SharedSignals) {
      lock.lock()
      (self.library, self.signals) = (library, signals)
      lock.broadcast()
      lock.unlock()
    }

    func setIndexed(_ detector: SignalDetector) {
      lock.lock()
      self.detector = detector
      lock.broadcast()
      lock.unlock()
    }

    /// The library and its signals (not yet indexed), once the other thread has them.
    func words() -> (ScenarioLibrary, ScenarioLibrary.SharedSignals) {
      lock.lock()
      defer { lock.unlock() }
      while signals == nil { lock.wait() }
      let handed = (library!, signals!)
      library = nil
      return handed
    }

    /// The indexed detector, once the other thread has built it.
    func indexed() -> SignalDetector {
      lock.lock()
      defer { lock.unlock() }
      while detector == nil { lock.wait() }
      return detector!
    }
  }

  /// A scenario named by the user (a file path, or an id in the shipped folder), compiled.
  public static func scenario(_ name: String?, scenarios: String? = nil) throws(Failure) -> (
    Scenario, [Diagnostic]
  ) {
    let fm = FileManager.default
    var files: [String]
    var id: String?
    if let name, fm.fileExists(atPath: name), !isDirectory(name) {
      let root = root(of: name)
      // A file outside any Scenarios folder is read with the shared files of the default one:
      // its signals above all, so its crisis lines still get the safety notice.
      if let root {
        files = yamlFiles(under: root)
      } else {
        files = try sharedFiles(of: defaultRoot(explicit: scenarios))
      }
      let resolved = URL(fileURLWithPath: name).standardizedFileURL.path
      if !files.contains(where: { URL(fileURLWithPath: $0).standardizedFileURL.path == resolved }) {
        files.append(name)
      }
      let (lib, shared) = try libraryAndSignals(files: files)
      let file = files.first { URL(fileURLWithPath: $0).standardizedFileURL.path == resolved }!
      id = lib.documents.first { $0.file == file }?.scenario?.id.value
      if id == nil {
        throw Failure(description: "\(name): error: this file holds no 'scenario:' section; name a scenario file")
      }
      return try compile(lib, id, signals: shared)
    }
    guard let root = defaultRoot(explicit: scenarios) else {
      throw Failure(
        description:
          "cannot find Tether's scenarios: run from the repository, pass --scenarios DIR, or set TETHER_SCENARIOS")
    }
    if let name, isDirectory(name) {
      let (lib, shared) = try libraryAndSignals(files: yamlFiles(under: name))
      return try compile(lib, lib.scenarioIDs.first, signals: shared)
    }
    let (lib, shared) = try libraryAndSignals(files: yamlFiles(under: root))
    return try compile(lib, name ?? defaultScenario(lib), signals: shared)
  }

  /// The scenario `play` starts when none is named.
  public static func defaultScenario(_ lib: ScenarioLibrary) -> String? {
    lib.scenarioIDs.contains("lonely-evening") ? "lonely-evening" : lib.scenarioIDs.first
  }

  static func compile(
    _ lib: ScenarioLibrary, _ id: String?, signals: ScenarioLibrary.SharedSignals? = nil
  ) throws(Failure) -> (Scenario, [Diagnostic]) {
    let (scenario, diagnostics) = signals.map { lib.compile(id, signals: $0) } ?? lib.compile(id)
    let all = lib.diagnostics + diagnostics
    guard let scenario, !all.contains(where: { $0.severity == .error }) else {
      throw Failure(description: all.filter { $0.severity == .error }.map(\.description).joined(separator: "\n"))
    }
    // Never a conversation that could miss a crisis: without a crisis signal there is no notice.
    guard scenario.signals.signals.contains(where: { $0.kind == .crisis }) else {
      throw Failure(
        description:
          "\(scenario.file.isEmpty ? scenario.id : scenario.file): error: no crisis signal is loaded with this scenario, so Tether could not show its safety notice; keep the file in a Scenarios folder beside signals.yaml, or pass --scenarios DIR"
      )
    }
    return (scenario, all)
  }

  /// The shared files (those with no `scenario:` section) of a scenarios folder; none for nil.
  static func sharedFiles(of root: String?) throws(Failure) -> [String] {
    guard let root else { return [] }
    let lib = try library(files: yamlFiles(under: root))
    let scenarioFiles = Set(lib.documents.filter { $0.scenario != nil }.map(\.file))
    return yamlFiles(under: root).filter { !scenarioFiles.contains($0) }
  }
}
