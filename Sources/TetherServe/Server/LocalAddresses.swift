import Foundation

/// The machine's network addresses other than loopback: where trainees on the same Wi-Fi reach a
/// server bound to 0.0.0.0.
public enum LocalAddresses {
  /// The IPv4 addresses, in the order the system lists its interfaces.
  static func ipv4() -> [String] { list(families: [AF_INET]) }

  /// The IPv4 and IPv6 addresses (IPv6 without brackets).
  public static func all() -> [String] { list(families: [AF_INET, AF_INET6]) }

  private static func list(families: [Int32]) -> [String] {
    var first: UnsafeMutablePointer<ifaddrs>?
    guard getifaddrs(&first) == 0, let first else { return [] }
    defer { freeifaddrs(first) }
    var found: [String] = []
    var cursor: UnsafeMutablePointer<ifaddrs>? = first
    while let entry = cursor {
      defer { cursor = entry.pointee.ifa_next }
      guard let addr = entry.pointee.ifa_addr, families.contains(Int32(addr.pointee.sa_family)) else { continue }
      let flags = Int32(entry.pointee.ifa_flags)
      guard flags & Int32(IFF_UP) != 0, flags & Int32(IFF_LOOPBACK) == 0 else { continue }
      var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
      let size = socklen_t(
        addr.pointee.sa_family == sa_family_t(AF_INET6)
          ? MemoryLayout<sockaddr_in6>.size : MemoryLayout<sockaddr_in>.size)
      if getnameinfo(addr, size, &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0 {
        let text = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if !found.contains(text) { found.append(text) }
      }
    }
    return found
  }
}
