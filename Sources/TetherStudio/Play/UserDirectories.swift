import Foundation

/// Where Tether keeps a user's files, following the XDG Base Directory specification.
public struct UserDirectories: Sendable {
  /// Transcripts: `$XDG_DATA_HOME/tether/transcripts`, else `~/.local/share/tether/transcripts`.
  public var transcripts: String
  /// Line history and other state: `$XDG_STATE_HOME/tether`, else `~/.local/state/tether`.
  public var state: String

  public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    func base(_ key: String, _ fallback: String) -> String {
      // The specification says relative paths in these variables are invalid and must be ignored.
      if let v = environment[key], v.hasPrefix("/") { return v }
      return home + "/" + fallback
    }
    transcripts = base("XDG_DATA_HOME", ".local/share") + "/tether/transcripts"
    state = base("XDG_STATE_HOME", ".local/state") + "/tether"
  }

  /// Creates a folder and its parents; the last one private to the user (0700).
  public static func makePrivateFolder(_ path: String) throws {
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    _ = chmod(path, 0o700)
  }
}
