import Foundation

/// A bare HTTP/1.1 and WebSocket client over a blocking socket, for the live-server tests: it
/// sends exactly the headers a browser would (a real `Origin`, the cookie), which the WebSocket
/// test clients of the libraries do not.
final class RawClient: @unchecked Sendable {
  let fd: Int32
  private var buffer: [UInt8] = []

  /// Connects to 127.0.0.1:port; reads time out after `timeout` seconds. The default is long:
  /// in the full suite on 2 cores the room's actor can wait behind other suites' work for more
  /// than 10 s (a CI run failed there with "no response head"), and a timeout here only guards
  /// against a hang, it measures nothing.
  init(port: Int, timeout: Int = 90) throws {
    fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw Failure("socket") }
    var tv = timeval(tv_sec: timeout, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = in_port_t(UInt16(port).bigEndian)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    let r = withUnsafePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard r == 0 else {
      close(fd)
      throw Failure("connect")
    }
  }

  deinit { close(fd) }

  struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
  }

  struct Response {
    var status: Int
    var headers: [(String, String)]
    var body: String

    func header(_ name: String) -> String? {
      headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// The value of a cookie the response sets.
    func cookie(_ name: String) -> String? {
      for (k, v) in headers where k.lowercased() == "set-cookie" && v.hasPrefix(name + "=") {
        return String(v.dropFirst(name.count + 1).prefix { $0 != ";" })
      }
      return nil
    }
  }

  func send(_ bytes: [UInt8]) throws {
    var done = 0
    while done < bytes.count {
      let n = bytes[done...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      if n <= 0 { throw Failure("write") }
      done += n
    }
  }

  /// More bytes into the buffer; false at the end of the stream or on a timeout.
  private func fill() -> Bool {
    var chunk = [UInt8](repeating: 0, count: 65536)
    let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    if n <= 0 { return false }
    buffer.append(contentsOf: chunk[0..<n])
    return true
  }

  private func take(_ n: Int) throws -> [UInt8] {
    while buffer.count < n { if !fill() { throw Failure("the connection ended") } }
    defer { buffer.removeFirst(n) }
    return Array(buffer[0..<n])
  }

  private func head() throws -> (Int, [(String, String)]) {
    let end: [UInt8] = Array("\r\n\r\n".utf8)
    while true {
      if let i = (0..<max(0, buffer.count - 3)).first(where: { Array(buffer[$0..<$0 + 4]) == end }) {
        let text = String(decoding: buffer[0..<i], as: UTF8.self)
        buffer.removeFirst(i + 4)
        var lines = text.components(separatedBy: "\r\n")
        let status = Int(lines.removeFirst().split(separator: " ")[1]) ?? 0
        let headers = lines.compactMap { line -> (String, String)? in
          guard let c = line.firstIndex(of: ":") else { return nil }
          return (String(line[..<c]), line[line.index(after: c)...].trimmingCharacters(in: .whitespaces))
        }
        return (status, headers)
      }
      if !fill() { throw Failure("no response head") }
    }
  }

  /// One HTTP request on this connection; reads the response (Content-Length bodies).
  func request(
    _ method: String, _ path: String, body: String? = nil, headers: [String: String] = [:], host: String = "127.0.0.1"
  ) throws -> Response {
    var text = "\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\n"
    for (k, v) in headers { text += "\(k): \(v)\r\n" }
    if let body {
      text += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
    }
    text += "\r\n" + (body ?? "")
    try send(Array(text.utf8))
    let (status, fields) = try head()
    let length = Int(fields.first { $0.0.lowercased() == "content-length" }?.1 ?? "0") ?? 0
    let body = try take(length)
    return Response(status: status, headers: fields, body: String(decoding: body, as: UTF8.self))
  }

  /// Upgrades this connection to a WebSocket; returns the status (101 when upgraded).
  func upgrade(path: String, host: String, origin: String?, cookie: String?) throws -> Int {
    var text = "GET \(path) HTTP/1.1\r\nHost: \(host)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    text += "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
    if let origin { text += "Origin: \(origin)\r\n" }
    if let cookie { text += "Cookie: \(cookie)\r\n" }
    text += "\r\n"
    try send(Array(text.utf8))
    let (status, fields) = try head()
    if status != 101 {
      let length = Int(fields.first { $0.0.lowercased() == "content-length" }?.1 ?? "0") ?? 0
      _ = try? take(length)
    }
    return status
  }

  enum Frame: Equatable {
    case text(String)
    case close(UInt16?)
    case other(UInt8)
  }

  /// The next frame from the server (unmasked); nil when the connection ended.
  func frame() -> Frame? {
    guard let h = try? take(2) else { return nil }
    let opcode = h[0] & 0x0F
    var length = Int(h[1] & 0x7F)
    if length == 126 {
      guard let b = try? take(2) else { return nil }
      length = Int(b[0]) << 8 | Int(b[1])
    } else if length == 127 {
      guard let b = try? take(8) else { return nil }
      length = b.reduce(0) { $0 << 8 | Int($1) }
    }
    guard let payload = try? take(length) else { return nil }
    switch opcode {
    case 1: return .text(String(decoding: payload, as: UTF8.self))
    case 8: return .close(payload.count >= 2 ? UInt16(payload[0]) << 8 | UInt16(payload[1]) : nil)
    default: return .other(opcode)
    }
  }

  /// The next text frame, skipping pings; nil when the socket closed first.
  func text() -> String? {
    while let f = frame() {
      if case .text(let t) = f { return t }
      if case .close = f { return nil }
    }
    return nil
  }

  /// Answers the server's close (a masked close frame, as a client must send).
  func sendClose() throws {
    try send([0x88, 0x82, 1, 2, 3, 4, 0x03 ^ 1, 0xE8 ^ 2])
  }

  /// True when the server closed the TCP connection (reads return the end of the stream).
  func waitForEnd() -> Bool {
    while true {
      if !buffer.isEmpty { buffer.removeAll() }
      var chunk = [UInt8](repeating: 0, count: 4096)
      let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n == 0 { return true }
      if n < 0 { return false }
    }
  }
}

/// Runs blocking work off the cooperative thread pool.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { c in
    DispatchQueue.global().async { c.resume(with: Result { try work() }) }
  }
}
