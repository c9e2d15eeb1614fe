/// Tether's version, written into transcripts.
enum TetherVersion {
  static let current = "0.1.0"
}
