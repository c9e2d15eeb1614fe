import Foundation

/// What `tether serve` says when it starts: the addresses, on standard output and in the ready file.
public struct ServeAnnouncement: Sendable, Equatable {
  public var port: Int
  public var room: String
  public var traineeURL: String
  public var facilitatorURL: String
  /// Every trainee address (one per LAN address when bound to 0.0.0.0).
  public var traineeURLs: [String]
  public var out: String

  /// The addresses for a server on `host` and `port`. For 0.0.0.0 (or ::) every LAN address of
  /// the machine is listed, loopback last.
  public init(host: String, port: Int, room: RoomCode, facilitatorKey: String, out: String, lan: [String]? = nil) {
    var hosts: [String]
    if host == "0.0.0.0" || host == "::" {
      hosts = (lan ?? LocalAddresses.ipv4()) + ["127.0.0.1"]
    } else {
      hosts = [host.contains(":") ? "[\(host)]" : host]
    }
    self.port = port
    self.room = room.value
    self.out = out
    traineeURLs = hosts.map { "http://\($0):\(port)/?room=\(room.value)" }
    traineeURL = traineeURLs[0]
    facilitatorURL = "http://\(hosts[0]):\(port)/facilitator#key=\(facilitatorKey)"
  }

  /// The lines printed on start.
  public func lines(title: String) -> [String] {
    var lines = traineeURLs.map { "Trainees:    \($0)" }
    lines.append("Facilitator: \(facilitatorURL)")
    lines.append("Room code \(room) · \(title) · transcripts in \(out)")
    lines.append("Plain HTTP, for role-play only: never type real patient data. Ctrl-C stops the server.")
    return lines
  }

  /// The ready file: one JSON object.
  public var json: String {
    struct Ready: Encodable {
      var port: Int
      var room: String
      var traineeURL: String
      var traineeURLs: [String]
      var facilitatorURL: String
      var out: String

      enum CodingKeys: String, CodingKey {
        case port, room, out
        case traineeURL = "trainee_url"
        case traineeURLs = "trainee_urls"
        case facilitatorURL = "facilitator_url"
      }
    }
    return WireJSON.encode(
      Ready(
        port: port, room: room, traineeURL: traineeURL, traineeURLs: traineeURLs, facilitatorURL: facilitatorURL,
        out: out))
  }
}
