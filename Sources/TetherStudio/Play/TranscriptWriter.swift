import Foundation

/// Appends a conversation's records to a JSON Lines file, each one on disk before the next turn.
///
/// The file is created private to the user (0600, in a 0700 folder) and every record is written
/// with one `write` and then `fdatasync`, so a crash, a closed terminal or `kill -9` leaves every
/// completed turn readable. If the disk refuses (full, read-only, removed), writing stops with a
/// plain warning and the records stay in memory, so `/save` can still put them elsewhere.
public final class TranscriptWriter {
  /// The file being written, if any.
  public let path: String?
  /// Why records no longer reach the file, once that has happened.
  public private(set) var failure: String?
  /// Every record so far, in order, as written.
  public private(set) var records: [String] = []
  private var fd: Int32 = -1

  /// Opens (creating if needed) the file at `path`; nil writes to memory only.
  public init(path: String?) {
    self.path = path
    guard let path else { return }
    let folder = (path as NSString).deletingLastPathComponent
    if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
      do {
        try UserDirectories.makePrivateFolder(folder)
      } catch {
        failure = "cannot create the folder \(folder) (\(Self.reason(errno)))"
        return
      }
    }
    fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
    if fd < 0 { failure = "cannot write \(path) (\(Self.reason(errno)))" }
  }

  deinit { if fd >= 0 { close(fd) } }

  /// True while records reach the file.
  public var isWriting: Bool { fd >= 0 }

  /// Appends one record (one line of JSON). Returns a warning the first time the disk refuses.
  @discardableResult
  public func append(_ record: String) -> String? {
    records.append(record)
    guard fd >= 0 else { return nil }
    let bytes = Array((record + "\n").utf8)
    var done = 0
    while done < bytes.count {
      let n = bytes[done...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return stop("cannot write to \(path ?? "the transcript") (\(Self.reason(errno)))") }
      done += n
    }
    if fdatasync(fd) != 0 && errno != EINVAL && errno != EROFS {
      return stop("cannot flush \(path ?? "the transcript") to disk (\(Self.reason(errno)))")
    }
    return nil
  }

  private func stop(_ why: String) -> String {
    close(fd)
    fd = -1
    failure = why
    return why
  }

  /// Writes every record so far to a new file at `destination` (0600), replacing it if it exists.
  public func save(to destination: String) throws(ScenarioStore.Failure) {
    let text = records.map { $0 + "\n" }.joined()
    let out = open(destination, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    if out < 0 { throw ScenarioStore.Failure(description: "cannot write \(destination) (\(Self.reason(errno)))") }
    defer { close(out) }
    let bytes = Array(text.utf8)
    var done = 0
    while done < bytes.count {
      let n = bytes[done...].withUnsafeBytes { write(out, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { throw ScenarioStore.Failure(description: "cannot write \(destination) (\(Self.reason(errno)))") }
      done += n
    }
    _ = fsync(out)
  }

  static func reason(_ code: Int32) -> String {
    switch code {
    case ENOSPC: return "the disk is full"
    case EROFS: return "the disk is read-only"
    case EACCES, EPERM: return "permission denied"
    case ENOENT: return "no such folder"
    case EDQUOT: return "over the disk quota"
    default: return String(cString: strerror(code))
    }
  }

  /// A file name for a new transcript: `SCENARIO-PERSONA-YYYYMMDD-HHMMSS.jsonl`, made unique in `folder`.
  public static func newPath(in folder: String, scenario: String, persona: String, date: Date = Date()) -> String {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = TimeZone(identifier: "UTC")
    f.dateFormat = "yyyyMMdd-HHmmss"
    let stem = "\(safeName(scenario))-\(safeName(persona))-\(f.string(from: date))"
    var path = "\(folder)/\(stem).jsonl"
    var n = 2
    while FileManager.default.fileExists(atPath: path) {
      path = "\(folder)/\(stem)-\(n).jsonl"
      n += 1
    }
    return path
  }

  static func safeName(_ s: String) -> String {
    String(s.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" ? Character($0) : "_" })
  }

  /// Now, as ISO 8601 in UTC.
  public static func timestamp(_ date: Date = Date()) -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    return f.string(from: date)
  }
}
