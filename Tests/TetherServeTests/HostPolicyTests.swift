import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TetherServe

@Suite("The Host check (DNS rebinding)")
struct HostPolicyTests {
  static let lan: @Sendable () -> [String] = { ["192.168.1.23", "fe80::1"] }

  @Test(
    "Which Host values a server answers to, by the address it is bound to",
    arguments: [
      // bound host, Host header, allowed
      ("127.0.0.1", "127.0.0.1:8080", true),
      ("127.0.0.1", "localhost:8080", true),
      ("127.0.0.1", "LOCALHOST", true),
      ("127.0.0.1", "localhost.:8080", true),
      ("127.0.0.1", "[::1]:8080", true),
      ("127.0.0.1", "workshop-laptop:8080", true),
      ("127.0.0.1", "workshop-laptop.local", true),
      ("127.0.0.1", "192.168.1.23:8080", false),
      ("127.0.0.1", "evil.example:8080", false),
      ("127.0.0.1", "127.0.0.1.evil.example", false),
      ("127.0.0.1", "localhost:8080@evil.example", false),
      ("127.0.0.1", "", false),
      ("0.0.0.0", "192.168.1.23:8080", true),
      ("0.0.0.0", "[fe80::1]:8080", true),
      ("0.0.0.0", "127.0.0.1:8080", true),
      ("0.0.0.0", "192.168.1.24:8080", false),
      ("0.0.0.0", "evil.example", false),
      ("192.168.1.23", "192.168.1.23:8080", true),
      ("192.168.1.23", "127.0.0.1:8080", false),
      ("::1", "[::1]:8080", true),
    ])
  func allows(bound: String, host: String, allowed: Bool) {
    let policy = HostPolicy(boundHost: bound, addresses: Self.lan, machineName: "workshop-laptop")
    #expect(policy.allows(host) == allowed)
  }

  @Test("No Host at all is refused")
  func noHost() {
    #expect(!HostPolicy(boundHost: "127.0.0.1", machineName: nil).allows(nil))
  }

  @Test("A request with a Host the server does not answer to gets 421: pages as text, API and /ws as JSON")
  func refusedThroughTheRouter() async throws {
    // Hummingbird's test client always sends Host "localhost": a server bound elsewhere must refuse it.
    let router = Routes.router(room: Fixture.room(), hosts: HostPolicy(boundHost: "192.0.2.7", machineName: nil))
    try await Application(router: router).test(.router) { client in
      for path in ["/", "/facilitator", "/present", "/compare?session=1", "/trainee.js", "/nowhere"] {
        let r = try await client.execute(uri: path, method: .get)
        #expect(r.status == .misdirectedRequest, "\(path)")
        #expect(r.headers[.contentType]?.hasPrefix("text/plain") == true, "\(path)")
        #expect(String(buffer: r.body).contains("address"), "\(path)")
        #expect(r.headers[.contentSecurityPolicy] != nil)
      }
      let api: [(String, HTTPRequest.Method)] = [
        ("/api/scenario", .get), ("/api/join", .post), ("/api/turn", .post), ("/api/session", .get),
        ("/api/facilitator/login", .post), ("/api/facilitator/sessions", .get), ("/ws", .get),
      ]
      for (path, method) in api {
        let r = try await client.execute(
          uri: path, method: method, headers: [.origin: "http://localhost"],
          body: method == .post ? RoutesTests.body(RoutesTests.join) : nil)
        #expect(r.status == .misdirectedRequest, "\(path)")
        #expect(RoutesTests.object(r)["error"] is String, "\(path)")
      }
    }
    // Bound to loopback, the same client's "localhost" is served.
    try await RoutesTests.app(Fixture.room()).test(.router) { client in
      let r = try await client.execute(uri: "/", method: .get)
      #expect(r.status == .ok)
    }
  }
}
