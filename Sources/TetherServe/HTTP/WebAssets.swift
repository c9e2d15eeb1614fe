import Hummingbird

/// The pages, scripts and style sheet, compiled into the binary (`.embedInCode`): a copied
/// binary serves them offline, and nothing is read from disk at run time.
enum WebAssets {
  struct Asset: Sendable {
    var bytes: [UInt8]
    var contentType: String
  }

  static let html = "text/html; charset=utf-8"
  static let js = "text/javascript; charset=utf-8"
  static let css = "text/css; charset=utf-8"

  /// Path → asset.
  static let all: [String: Asset] = [
    "/": Asset(bytes: PackageResources.trainee_html, contentType: html),
    "/facilitator": Asset(bytes: PackageResources.facilitator_html, contentType: html),
    "/present": Asset(bytes: PackageResources.present_html, contentType: html),
    // The comparison of one session through every persona: the projector's page, in its compare mode.
    "/compare": Asset(bytes: PackageResources.present_html, contentType: html),
    "/tether.css": Asset(bytes: PackageResources.tether_css, contentType: css),
    "/common.js": Asset(bytes: PackageResources.common_js, contentType: js),
    "/trainee.js": Asset(bytes: PackageResources.trainee_js, contentType: js),
    "/facilitator.js": Asset(bytes: PackageResources.facilitator_js, contentType: js),
    "/present.js": Asset(bytes: PackageResources.present_js, contentType: js),
  ]

  static func response(_ asset: Asset) -> Response {
    Response(
      status: .ok, headers: [.contentType: asset.contentType],
      body: .init(byteBuffer: ByteBuffer(bytes: asset.bytes)))
  }
}
