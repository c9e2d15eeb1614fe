import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import ServiceLifecycle
import TetherEngine

/// `tether serve`: a room and the HTTP server over it, run until SIGINT or SIGTERM.
///
/// On a stop signal the room closes first (every transcript gets its end record, every page
/// hears `ended`), then the server closes its sockets; whatever does not close within a few
/// seconds is cancelled, so the process always exits.
public struct ClassroomServer: Sendable {
  public let room: Room
  public let host: String
  public let port: Int
  /// Graceful shutdown is escalated to cancellation after this long.
  public var shutdownLimit: Duration = .seconds(4)
  /// How often the room checks for silent trainees.
  public var tick: Duration = .seconds(1)

  public init(room: Room, host: String = "127.0.0.1", port: Int = 8080) {
    self.room = room
    self.host = host
    self.port = port
  }

  /// The Hummingbird application: the routes, and the WebSocket upgrade on `/ws`. `started` gets
  /// the port once the server listens (the one the system chose for port 0).
  public func application(started: @escaping @Sendable (Int) async -> Void = { _ in })
    -> Application<RouterResponder<ServeContext>>
  {
    var logger = Logger(label: "tether.serve")
    logger.logLevel = .error
    let hosts = HostPolicy(boundHost: host)
    return Application(
      router: Routes.router(room: room, hosts: hosts),
      server: .http1WebSocketUpgrade(
        configuration: .init(
          http1: .init(idleTimeout: .seconds(120)),
          ws: .init(maxFrameSize: 16 * 1024, autoPing: .enabled(timePeriod: .seconds(20)), closeTimeout: .seconds(2))),
        shouldUpgrade: SocketGate.upgrade(room: room, hosts: hosts)),
      configuration: .init(address: .hostname(host, port: port), serverName: nil),
      onServerRunning: { channel in await started(channel.localAddress?.port ?? port) },
      logger: logger)
  }

  /// The server and the room's service in one group, stopped gracefully by SIGINT and SIGTERM
  /// (when `handleSignals`) or by `triggerGracefulShutdown()`.
  public func serviceGroup(
    handleSignals: Bool = true, started: @escaping @Sendable (Int) async -> Void = { _ in }
  ) -> ServiceGroup {
    var logger = Logger(label: "tether.serve")
    logger.logLevel = .error
    // Services stop in reverse order: the room closes before the server.
    var configuration = ServiceGroupConfiguration(
      services: [application(started: started), RoomService(room: room, tick: tick)],
      gracefulShutdownSignals: handleSignals ? [.sigint, .sigterm] : [], logger: logger)
    configuration.maximumGracefulShutdownDuration = shutdownLimit
    return ServiceGroup(configuration: configuration)
  }

  /// Serves until SIGINT or SIGTERM.
  public func run(started: @escaping @Sendable (Int) async -> Void) async throws {
    try await serviceGroup(started: started).run()
  }
}
