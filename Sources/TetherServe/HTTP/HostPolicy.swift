import Foundation

/// The names a request's `Host` may carry: the addresses this server was started on, and no other.
///
/// A page of another site whose name was pointed at this machine (DNS rebinding) sends its own
/// name as the `Host`, so checking it keeps such pages away from the room even though the browser
/// thinks they are same-origin. The port is not checked: the name is what a rebinding attacker
/// cannot forge.
///
/// - Bound to a loopback address: `127.0.0.1`, `localhost` and `[::1]`.
/// - Bound to `0.0.0.0` (or `::`): those, every network address of the machine (looked up again
///   before a name is refused, so a Wi-Fi that hands out a new address keeps working), and the
///   machine's own name (`name` and `name.local`).
/// - Bound to one address: that address and the machine's own name.
public struct HostPolicy: Sendable {
  /// Names always allowed, lower-case, without a port; IPv6 addresses in brackets.
  public private(set) var names: Set<String>
  /// True when the machine's current network addresses are allowed too.
  public private(set) var network: Bool
  /// The machine's network addresses (IPv4 and IPv6), asked when a name is not in ``names``.
  let addresses: @Sendable () -> [String]

  static let loopbackNames: Set<String> = ["127.0.0.1", "localhost", "[::1]"]

  /// The policy of a server bound to `host`. `addresses` gives the machine's network addresses
  /// (tests pass their own); `machineName` the machine's host name.
  public init(
    boundHost host: String, addresses: @escaping @Sendable () -> [String] = { LocalAddresses.all() },
    machineName: String? = HostPolicy.machineName()
  ) {
    let bound = Self.name(host) ?? host.lowercased()
    self.addresses = addresses
    var names: Set<String> = [bound]
    if let machineName = machineName.flatMap({ Self.name($0) }), !machineName.isEmpty {
      names.insert(machineName)
      if !machineName.contains(".") { names.insert(machineName + ".local") }
    }
    network = bound == "0.0.0.0" || bound == "[::]"
    if network || Self.isLoopback(bound) {
      names.formUnion(Self.loopbackNames)
    }
    self.names = names
  }

  /// True when a request with this `Host` (or `:authority`) may be answered. A request without
  /// one is refused (every browser sends it).
  public func allows(_ authority: String?) -> Bool {
    guard let authority, let name = Self.name(authority) else { return false }
    if names.contains(name) { return true }
    guard network else { return false }
    return addresses().contains { Self.name($0) == name }
  }

  /// The name of a `Host` value, lower-case, without the port or a final dot; IPv6 addresses in
  /// brackets. Nil when it is not a plausible host name.
  static func name(_ authority: String) -> String? {
    var text = authority.trimmingCharacters(in: .whitespaces).lowercased()
    if text.hasPrefix("[") {
      guard let close = text.firstIndex(of: "]") else { return nil }
      let rest = text[text.index(after: close)...]
      guard rest.isEmpty || (rest.first == ":" && rest.dropFirst().allSatisfy(\.isNumber)) else { return nil }
      return String(text[...close])
    }
    let colons = text.filter { $0 == ":" }.count
    if colons > 1 {
      return "[" + text + "]"  // a bare IPv6 address, as an address list gives it
    }
    if colons == 1, let colon = text.firstIndex(of: ":") {
      guard text[text.index(after: colon)...].allSatisfy(\.isNumber) else { return nil }
      text = String(text[..<colon])
    }
    if text.hasSuffix(".") { text.removeLast() }
    guard !text.isEmpty, text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_" })
    else { return nil }
    return text
  }

  static func isLoopback(_ name: String) -> Bool {
    loopbackNames.contains(name) || name.hasPrefix("127.")
  }

  /// The machine's host name, lower-case; nil if it has none.
  public static func machineName() -> String? {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count) == 0 else { return nil }
    let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return text.isEmpty ? nil : text.lowercased()
  }

  /// What a refused request is told.
  static let refusal =
    "This server answers only to the addresses tether serve printed (such as http://127.0.0.1:8080 or this "
    + "machine's network address), not to the name in this request. Open the address the facilitator gave you."
}
