import Foundation
import TetherEngine
import TetherStudio

@testable import TetherServe

/// Shared fixtures: the shipped scenario, a clock the test moves, rooms with known codes.
enum Fixture {
  static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Scenarios").path

  static let scenario: Scenario = {
    let (s, _) = try! ScenarioStore.scenario("lonely-evening", scenarios: scenarios)
    return s
  }()

  static let code = RoomCode("K7QX2M")!
  static let key = String(repeating: "ab", count: 16)
  static let crisisLine = "i want to kill myself"

  static func room(
    reveal: Room.RevealMode = .manual, out: String? = nil, clock: ManualClock = ManualClock(),
    configure: (inout Room.Settings) -> Void = { _ in }
  ) -> Room {
    var settings = Room.Settings(code: code, facilitatorKey: key, reveal: reveal, out: out)
    configure(&settings)
    return Room(scenario: scenario, settings: settings, clock: { clock.now }, seeds: { 42 })
  }

  /// A fresh private folder under the system's temporary folder.
  static func folder() -> String {
    let path = NSTemporaryDirectory() + "tether-serve-\(UUID().uuidString)"
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// A JSON object's keys and values.
  static func object(_ json: String) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] ?? [:]
  }
}

/// A clock the test sets.
final class ManualClock: @unchecked Sendable {
  private let lock = NSLock()
  private var seconds: Double = 1000

  var now: Double { lock.withLock { seconds } }

  func advance(_ by: Double) { lock.withLock { seconds += by } }
}

/// Reads a stream's events as they come, one at a time, with a time limit.
struct EventReader {
  var iterator: AsyncStream<String>.AsyncIterator

  init(_ subscription: Subscription) { iterator = subscription.events.makeAsyncIterator() }

  /// The next event as an object (empty when the stream ended).
  mutating func next() async -> [String: Any] {
    guard let text = await iterator.next() else { return [:] }
    return Fixture.object(text)
  }
}
