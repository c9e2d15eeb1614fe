import Hummingbird

/// Refuses every request whose `Host` is not one of the server's own addresses (``HostPolicy``):
/// 421 Misdirected Request, as JSON `{"error": …}` for the API and the socket's address, as a
/// sentence of plain text for a page. Pages, API and `/ws` alike: the WebSocket upgrade checks
/// the same policy before it upgrades, and a refused upgrade lands here.
struct HostGate<Context: RequestContext>: RouterMiddleware {
  let policy: HostPolicy

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    guard policy.allows(request.head.authority) else { return Self.refusal(path: request.uri.path) }
    return try await next(request, context)
  }

  static func refusal(path: String) -> Response {
    let message = HostPolicy.refusal
    if path.hasPrefix("/api/") || path == "/ws" {
      return Routes.json(WireJSON.error(message), status: .misdirectedRequest)
    }
    return Response(
      status: .misdirectedRequest, headers: [.contentType: "text/plain; charset=utf-8"],
      body: .init(byteBuffer: ByteBuffer(string: message + "\n")))
  }
}
