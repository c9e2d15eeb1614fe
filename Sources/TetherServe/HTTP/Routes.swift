import Foundation
import Hummingbird

/// The HTTP contract of `tether serve`, as thin routes over a ``Room``: each reads the cookie and
/// the JSON body, calls the room, and sends back the JSON it returns (or `{"error": …}` with the
/// room's status). The README documents every route.
public enum Routes {
  /// The trainee's cookie: a 128-bit token naming the browser, which owns its sessions.
  public static let traineeCookie = "tether_trainee"
  /// The facilitator's cookie, given for the facilitator's key.
  public static let facilitatorCookie = "tether_facilitator"
  /// A request body's size at most, in bytes (a longer one gets 413).
  public static let maxBody = 16 * 1024

  /// The router with every page and API route, over `room`, answering only requests whose
  /// `Host` the policy allows (421 otherwise).
  public static func router(room: Room, hosts: HostPolicy = HostPolicy(boundHost: "127.0.0.1")) -> Router<ServeContext> {
    let router = Router(context: ServeContext.self)
    router.add(middleware: SecurityHeaders())
    router.add(middleware: HostGate(policy: hosts))

    for (path, asset) in WebAssets.all {
      router.get(RouterPath(path)) { _, _ in WebAssets.response(asset) }
    }
    router.get("/favicon.ico") { _, _ in Response(status: .noContent) }

    router.get("/api/scenario") { _, _ in json(await room.scenarioInfo()) }

    router.post("/api/join") { request, context in
      let body: JoinBody
      switch await decode(JoinBody.self, request) {
      case .success(let b): body = b
      case .failure(let refusal): return refusal.response
      }
      do {
        let joined = try await room.join(
          code: body.room, persona: body.persona, name: body.name, browser: request.cookies[traineeCookie]?.value,
          address: context.peer)
        var response = json(joined.json)
        response.setCookie(cookie(traineeCookie, joined.browser))
        return response
      } catch {
        return failure(error)
      }
    }

    router.post("/api/turn") { request, _ in
      guard let browser = request.cookies[traineeCookie]?.value else { return refuse(.notJoined) }
      let body: TurnBody
      switch await decode(TurnBody.self, request) {
      case .success(let b): body = b
      case .failure(let refusal): return refusal.response
      }
      do {
        return json(try await room.turn(browser: browser, session: body.session?.value, text: body.text))
      } catch {
        return failure(error)
      }
    }

    router.get("/api/session") { request, _ in
      do {
        return json(
          try await room.session(
            browser: request.cookies[traineeCookie]?.value,
            session: request.uri.queryParameters["session"].map(String.init)))
      } catch {
        return failure(error)
      }
    }

    router.post("/api/facilitator/login") { request, context in
      let body: LoginBody
      switch await decode(LoginBody.self, request) {
      case .success(let b): body = b
      case .failure(let refusal): return refusal.response
      }
      do {
        let token = try await room.login(key: body.key, address: context.peer)
        var response = json(#"{"ok":true}"#)
        response.setCookie(cookie(facilitatorCookie, token))
        return response
      } catch {
        return failure(error)
      }
    }

    router.get("/api/facilitator/sessions") { request, _ in
      do {
        return json(try await room.sessions(facilitator: request.cookies[facilitatorCookie]?.value))
      } catch {
        return failure(error)
      }
    }

    router.get("/api/facilitator/compare") { request, _ in
      let token = request.cookies[facilitatorCookie]?.value
      guard await room.isFacilitator(token) else { return refuse(.notFacilitator) }
      guard let session = request.uri.queryParameters["session"].map(String.init), !session.isEmpty else {
        return json(
          WireJSON.error("Say which session to compare: /api/facilitator/compare?session=ID."), status: .badRequest)
      }
      do {
        return json(try await room.compare(session: session, facilitator: token))
      } catch {
        return failure(error)
      }
    }

    router.post("/api/facilitator/reveal") { request, _ in
      let token = request.cookies[facilitatorCookie]?.value
      guard await room.isFacilitator(token) else { return refuse(.notFacilitator) }
      let body: SessionBody
      switch await decode(SessionBody.self, request) {
      case .success(let b): body = b
      case .failure(let refusal): return refusal.response
      }
      do {
        return json(try await room.reveal(session: body.session?.value, facilitator: token))
      } catch {
        return failure(error)
      }
    }

    router.post("/api/facilitator/pause") { request, _ in
      let token = request.cookies[facilitatorCookie]?.value
      guard await room.isFacilitator(token) else { return refuse(.notFacilitator) }
      let body: PauseBody
      switch await decode(PauseBody.self, request) {
      case .success(let b): body = b
      case .failure(let refusal): return refusal.response
      }
      do {
        return json(try await room.pause(body.paused, facilitator: token))
      } catch {
        return failure(error)
      }
    }

    router.post("/api/facilitator/end") { request, _ in
      let token = request.cookies[facilitatorCookie]?.value
      guard await room.isFacilitator(token) else { return refuse(.notFacilitator) }
      let body: SessionBody
      switch await decode(SessionBody.self, request) {
      case .success(let b): body = b
      case .failure(let refusal): return refusal.response
      }
      do {
        return json(try await room.end(session: body.session?.value, facilitator: token))
      } catch {
        return failure(error)
      }
    }

    // A plain GET of the socket's address (no upgrade): say why it was not upgraded.
    router.get("/ws") { request, _ in
      if let error = await SocketGate.check(request.head, room: room) { return refuse(error.roomError, error.message) }
      return json(WireJSON.error("This address takes a WebSocket."), status: .badRequest)
    }
    return router
  }

  // MARK: - Bodies

  struct JoinBody: Decodable {
    var room: String
    var persona: String?
    var name: String?
  }

  struct TurnBody: Decodable {
    var text: String
    var session: SessionID?
  }

  struct LoginBody: Decodable {
    var key: String
  }

  struct SessionBody: Decodable {
    var session: SessionID?
  }

  struct PauseBody: Decodable {
    var paused: Bool
  }

  /// A session id as a string or a number.
  struct SessionID: Decodable {
    var value: String

    init(from decoder: any Decoder) throws {
      let c = try decoder.singleValueContainer()
      if let n = try? c.decode(Int.self) {
        value = String(n)
      } else {
        value = try c.decode(String.self)
      }
    }
  }

  /// A request refused before it reached the room.
  struct Refusal: Error {
    var status: HTTPResponse.Status
    var message: String
    var response: Response { json(WireJSON.error(message), status: status) }
  }

  /// The body, read up to ``maxBody`` bytes (413 past it) and decoded (400 if it is not that JSON).
  static func decode<T: Decodable>(_ type: T.Type, _ request: Request) async -> Result<T, Refusal> {
    var request = request
    let buffer: ByteBuffer
    do {
      buffer = try await request.collectBody(upTo: maxBody)
    } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
      return .failure(Refusal(status: .contentTooLarge, message: "The request is too large: at most \(maxBody) bytes."))
    } catch {
      return .failure(Refusal(status: .badRequest, message: "The request's body could not be read."))
    }
    do {
      return .success(try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView)))
    } catch {
      return .failure(Refusal(status: .badRequest, message: "The request is not the JSON this address expects."))
    }
  }

  // MARK: - Responses

  static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(
      status: status, headers: [.contentType: "application/json; charset=utf-8"],
      body: .init(byteBuffer: ByteBuffer(string: text)))
  }

  static func refuse(_ error: RoomError, _ message: String? = nil) -> Response {
    json(WireJSON.error(message ?? error.message), status: HTTPResponse.Status(code: error.status))
  }

  /// An error the room threw (always a ``RoomError``), as its status and message.
  static func failure(_ error: any Error) -> Response {
    guard let error = error as? RoomError else {
      return json(WireJSON.error("Something went wrong on the server."), status: .internalServerError)
    }
    return refuse(error, nil)
  }

  static func cookie(_ name: String, _ value: String) -> Cookie {
    Cookie(name: name, value: value, path: "/", httpOnly: true, sameSite: .strict)
  }
}
