import TetherEngine

/// The techniques, dynamics and signals of a scenario library, by id: what annotations, reports,
/// `list` and `explain` name.
public struct Taxonomy: Sendable {
  public private(set) var techniques: [Technique] = []
  public private(set) var dynamics: [Dynamic] = []
  public private(set) var signals: [SignalInfo] = []
  private var techniqueIndex: [String: Int] = [:]
  private var dynamicIndex: [String: Int] = [:]
  private var signalIndex: [String: Int] = [:]

  /// The families of techniques in the order reports show them.
  public static let familyOrder = ["validation", "relationship", "engagement", "exit", "healthy", "classic"]

  /// An empty taxonomy: names fall back to ids.
  public init() {}

  /// Everything the library's files define, in file order (the first of a duplicate id wins).
  public init(library: ScenarioLibrary) {
    let (t, d, s) = library.catalog()
    for x in t where techniqueIndex[x.id] == nil {
      techniqueIndex[x.id] = techniques.count
      techniques.append(x)
    }
    for x in d where dynamicIndex[x.id] == nil {
      dynamicIndex[x.id] = dynamics.count
      dynamics.append(x)
    }
    for x in s where signalIndex[x.id] == nil {
      signalIndex[x.id] = signals.count
      signals.append(x)
    }
  }

  public func technique(_ id: String) -> Technique? { techniqueIndex[id].map { techniques[$0] } }
  public func dynamic(_ id: String) -> Dynamic? { dynamicIndex[id].map { dynamics[$0] } }
  public func signal(_ id: String) -> SignalInfo? { signalIndex[id].map { signals[$0] } }

  /// The technique's name, or its id when the taxonomy does not know it.
  public func techniqueName(_ id: String) -> String { technique(id)?.name ?? id }

  /// The signal's name, or its id when the taxonomy does not know it.
  public func signalName(_ id: String) -> String { signal(id)?.name ?? id }

  /// The technique's family: its `family` field, else the part of its id before the dot
  /// (`SYC.PRAISE` → `validation` is only known from the file; `X.Y` → `x`).
  public func family(_ id: String) -> String {
    if let f = technique(id)?.family, !f.isEmpty { return f }
    if let dot = id.firstIndex(of: ".") { return id[..<dot].lowercased() }
    return "other"
  }

  /// Families sorted in ``familyOrder``, unknown ones after, alphabetically.
  public static func sortFamilies(_ families: some Sequence<String>) -> [String] {
    Set(families).sorted { a, b in
      let i = familyOrder.firstIndex(of: a) ?? familyOrder.count
      let j = familyOrder.firstIndex(of: b) ?? familyOrder.count
      return i != j ? i < j : a < b
    }
  }

  /// The taxonomy of the scenarios folder (`--scenarios`, `TETHER_SCENARIOS` or the shipped one).
  public static func load(scenarios: String?) throws(ScenarioStore.Failure) -> (Taxonomy, ScenarioLibrary) {
    guard let root = ScenarioStore.defaultRoot(explicit: scenarios) else {
      throw ScenarioStore.Failure(
        description:
          "cannot find Tether's scenarios: run from the repository, pass --scenarios DIR, or set TETHER_SCENARIOS")
    }
    guard ScenarioStore.isFolder(root) else {
      throw ScenarioStore.Failure(description: "\(root): error: not a folder of scenario files")
    }
    let library = try ScenarioStore.library(files: ScenarioStore.yamlFiles(under: root))
    return (Taxonomy(library: library), library)
  }
}
