import HTTPTypes
import Hummingbird

/// Puts the same safety headers on every response, errors and 404s included: the
/// Content-Security-Policy (`default-src 'self'`, so no inline script and nothing from anywhere
/// else), no MIME sniffing, no framing, no referrer, and no caching.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
  static var policy: String {
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; font-src 'self'; "
      + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
  }

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    var response: Response
    do {
      response = try await next(request, context)
    } catch let error as any HTTPResponseError {
      response = try error.response(from: request, context: context)
    }
    response.headers[.contentSecurityPolicy] = Self.policy
    response.headers[.xContentTypeOptions] = "nosniff"
    response.headers[.xFrameOptions] = "DENY"
    response.headers[.referrerPolicy] = "no-referrer"
    response.headers[.cacheControl] = "no-store"
    response.headers[.crossOriginOpenerPolicy] = "same-origin"
    return response
  }
}

extension HTTPField.Name {
  static let xContentTypeOptions = Self("X-Content-Type-Options")!
  static let xFrameOptions = Self("X-Frame-Options")!
  static let referrerPolicy = Self("Referrer-Policy")!
  static let crossOriginOpenerPolicy = Self("Cross-Origin-Opener-Policy")!
}
