import Foundation
import TetherEngine
import TetherStudio

/// One session's transcript, written on a serial queue of its own: records reach the file in
/// the order the room hands them over, each appended and flushed (`fdatasync`) as `play` does,
/// and the fsync of one session never makes another wait (the room's actor only hands records
/// over). `flushed()` returns once everything handed over so far is on disk.
final class TranscriptSink: @unchecked Sendable {
  /// The file, if the room writes transcripts.
  let path: String?
  private let queue = DispatchQueue(label: "tether.serve.transcript")
  /// Touched only on `queue`.
  private let writer: TranscriptWriter
  private let lock = NSLock()
  private var failed: Bool

  init(path: String?) {
    self.path = path
    writer = TranscriptWriter(path: path)
    failed = writer.failure != nil
  }

  /// True while records reach the file.
  var isWriting: Bool { path != nil && !lock.withLock { failed } }

  /// Hands a record (one JSON line) over to be written.
  func append(_ record: String) {
    queue.async { self.write(record) }
  }

  /// Hands a turn over to be written: encoded on the transcript's queue unless `line` is its
  /// record already, so the room's actor does not spend its time encoding.
  func append(_ turn: Turn, line: String?) {
    queue.async { self.write(line ?? TurnJSON.line(turn)) }
  }

  private func write(_ record: String) {
    if writer.append(record) != nil { lock.withLock { failed = true } }
  }

  /// Returns once every record handed over so far is written and flushed.
  func flushed() async {
    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
      queue.async { done.resume() }
    }
  }
}
