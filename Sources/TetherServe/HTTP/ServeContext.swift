import Hummingbird
import NIOCore

/// The request context of `tether serve`: Hummingbird's, plus the peer's address (the key of the
/// wrong-code limit).
public struct ServeContext: RequestContext, RemoteAddressRequestContext {
  public var coreContext: CoreRequestContextStorage
  public let remoteAddress: SocketAddress?

  public init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
    remoteAddress = source.channel.remoteAddress
  }

  /// The address as the limiter counts it: the IP without the port.
  var peer: String { remoteAddress?.ipAddress ?? "unknown" }
}
