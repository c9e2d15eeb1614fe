/// Tether's version, written into transcripts and shown by `--version`.
public enum TetherVersion {
  public static let current = "0.1.0"
}
