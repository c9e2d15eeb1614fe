/// Random tokens and constant-time comparison for the room's secrets.
enum Secret {
  /// 128 random bits from the system's secure generator, as 32 lowercase hex digits.
  static func token() -> String {
    var generator = SystemRandomNumberGenerator()
    let digits = Array("0123456789abcdef")
    var out = ""
    out.reserveCapacity(32)
    for _ in 0..<2 {
      var word = generator.next() as UInt64
      for _ in 0..<16 {
        out.append(digits[Int(word & 0xF)])
        word >>= 4
      }
    }
    return out
  }

  /// True when `a` and `b` are the same bytes. The time taken depends only on their lengths,
  /// never on where they first differ.
  static func equal(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    var diff: UInt8 = x.count == y.count ? 0 : 1
    for i in 0..<max(x.count, y.count) {
      diff |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
    }
    return diff == 0
  }

  /// True when `text` looks like a token this server makes (so cookies of any other shape are
  /// refused before they are looked up).
  static func isToken(_ text: String) -> Bool {
    text.utf8.count == 32 && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
  }
}
