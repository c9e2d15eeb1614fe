/// The code trainees type to join a room: 6 characters from an alphabet without look-alikes.
///
/// The alphabet leaves out `0 O 1 I L` (and `U`), so a code read off a projector or a phone
/// screen is typed right the first time; lowercase, spaces and dashes are accepted when typed.
/// Codes are compared in constant time: how long a wrong guess takes says nothing about it.
public struct RoomCode: Sendable, Equatable, CustomStringConvertible {
  /// The symbols a code is made of (30 of them: about 29.4 bits for 6 characters).
  public static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTVWXYZ")
  /// Characters in a code.
  public static let length = 6

  /// The code, in capitals.
  public let value: String

  public var description: String { value }

  /// A new random code from the system's secure generator.
  public static func random() -> RoomCode {
    var generator = SystemRandomNumberGenerator()
    let symbols = (0..<length).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] }
    return RoomCode(unchecked: String(symbols))
  }

  /// A code given by the facilitator (`--room`), or nil when it is not 6 symbols of the alphabet.
  public init?(_ text: String) {
    let normal = Self.normalize(text)
    guard normal.count == Self.length, normal.allSatisfy({ Self.alphabet.contains($0) }) else { return nil }
    value = normal
  }

  private init(unchecked value: String) { self.value = value }

  /// Capitals, without spaces or dashes.
  static func normalize(_ text: String) -> String {
    String(text.uppercased().filter { $0 != " " && $0 != "-" })
  }

  /// True when `typed` is this code, compared in constant time.
  public func matches(_ typed: String) -> Bool {
    Secret.equal(Self.normalize(String(typed.prefix(64))), value)
  }
}
