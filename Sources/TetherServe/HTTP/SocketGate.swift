import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore

/// Who may open `GET /ws`, and whose events the socket carries.
///
/// The request must come from a page of this server (its `Origin` is the served origin, so no
/// other site can open a socket with the browser's cookies) and carry a trainee or facilitator
/// cookie this room made. `?session=ID` names a trainee's session (default: the browser's
/// latest); `?role=facilitator` asks for the dashboard's feed.
enum SocketGate {
  /// Whose events a socket carries.
  enum Listener: Sendable {
    case trainee(browser: String?, session: String?)
    case facilitator(token: String?)
  }

  struct Refusal: Error {
    var roomError: RoomError
    var message: String?
  }

  /// The listener a request asks for, from its cookies and query.
  static func listener(_ head: HTTPRequest) -> Listener {
    let request = Request(head: head, body: .init(buffer: ByteBuffer()))
    let query = request.uri.queryParameters
    if query["role"] == "facilitator" {
      return .facilitator(token: request.cookies[Routes.facilitatorCookie]?.value)
    }
    return .trainee(
      browser: request.cookies[Routes.traineeCookie]?.value, session: query["session"].map(String.init))
  }

  /// True when the request's `Origin` is this server's own origin (`http://` and its `Host`).
  static func sameOrigin(_ head: HTTPRequest) -> Bool {
    guard let origin = head.headerFields[.origin], let host = head.authority else { return false }
    return origin == "http://" + host
  }

  /// Nil when the socket may open; otherwise why not.
  static func check(_ head: HTTPRequest, room: Room) async -> Refusal? {
    guard sameOrigin(head) else {
      return Refusal(
        roomError: .notYourSession, message: "A WebSocket must come from a page of this server (its Origin).")
    }
    switch listener(head) {
    case .facilitator(let token):
      return await room.isFacilitator(token) ? nil : Refusal(roomError: .notFacilitator)
    case .trainee(let browser, let session):
      return await room.mayListen(browser: browser, session: session, facilitator: nil).map { Refusal(roomError: $0) }
    }
  }

  /// The server's WebSocket upgrade: checks the request (its `Host` against `hosts` too: a
  /// refused upgrade goes on to the router, which answers 421 or why not), then carries the
  /// room's events for that listener until the page goes away or the room closes. Messages from
  /// the page are read (so a close is noticed) and ignored.
  static func upgrade(room: Room, hosts: HostPolicy)
    -> @Sendable (HTTPRequest, any Channel, Logger) async throws -> ShouldUpgradeResult<
      WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>
    >
  {
    { head, _, _ in
      guard head.path?.split(separator: "?").first == "/ws", hosts.allows(head.authority),
        await check(head, room: room) == nil
      else {
        return .dontUpgrade
      }
      let listener = listener(head)
      return .upgrade([:]) { inbound, outbound, _ in
        let subscription: Subscription
        do {
          switch listener {
          case .facilitator(let token): subscription = try await room.subscribe(facilitator: token)
          case .trainee(let browser, let session):
            subscription = try await room.subscribe(browser: browser, session: session)
          }
        } catch {
          return
        }
        await withTaskGroup(of: Void.self) { group in
          group.addTask {
            for await text in subscription.events {
              do { try await outbound.write(.text(text)) } catch { return }
            }
          }
          group.addTask {
            do {
              for try await _ in inbound.messages(maxSize: 4096) {}
            } catch {}
          }
          await group.next()
          group.cancelAll()
        }
        await room.unsubscribe(subscription.id)
      }
    }
  }
}
