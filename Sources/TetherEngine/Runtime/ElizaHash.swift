// ElizaHash: how 1966 ELIZA chose one of its MEMORY transformations.
//
// The CACM paper (Weizenbaum 1966, p. 41) says a MEMORY transformation is "randomly
// selected". The MAD-SLIP source found in Weizenbaum's MIT archive shows it is not random:
// ELIZA takes the last SLIP cell of the (transformed) input text, hashes it with the SLIP
// library's HASH function to two bits, and uses the result (plus one, MAD arrays being
// 1-based) as the index of the transformation. Reproducing the published conversation
// ("...your boyfriend made you come here" chosen for the input ending in "HERE") needs the
// same three ingredients, described here in our own words:
//
// 1. The cell. The IBM 7094 stored text six characters to a 36-bit word, six bits per
//    character, in the Hollerith/BCD code. SLIP keeps a word of up to six characters in one
//    cell, left-justified and padded with blanks; a longer word continues over several
//    cells. "The last cell" is therefore the whole last word when it has six characters or
//    fewer, and otherwise its last piece of 1 to 6 characters ("INVENTED" -> "ED").
//
// 2. The code. Each character is replaced by its 6-bit BCD code (octal: digits 00-11,
//    "=" 13, "'" 14, "+" 20, A-I 21-31, "." 33, ")" 34, "-" 40, J-R 41-51, "$" 53, "*" 54,
//    blank 60, "/" 61, S-Z 62-71, "," 73, "(" 74). The six codes, first character in the
//    high bits, make one 36-bit number. Lower-case letters are taken as capitals (the 1966
//    terminals had none). A character outside the BCD set never reached the 1966 program;
//    for those we use the low six bits of each of its UTF-8 bytes, the convention of the
//    reference recreation (A. Hay, github.com/anthay/ELIZA), so the two stay comparable.
//
// 3. The hash. SLIP's HASH(D, N) is a mid-square hash: the 7094 treats the top bit of the
//    36-bit word as a sign, so only the low 35 bits of D are squared (a 70-bit product);
//    the product is shifted left by N/2 bits and the N bits just above the low 35 bits are
//    kept. Equivalently: take bits (35 - N/2) ..< (35 - N/2 + N) of D*D. The FAP code
//    stores the result with an instruction that keeps 15 bits, so N is at most 15.
//
// HASH yields 2^N classes, so it fits a power-of-two number of transformations exactly;
// DOCTOR has four (N = 2), and ELIZA required exactly four. For another count this type
// hashes to the smallest power of two that covers it (at most 2^15) and reduces the result
// modulo the count: a documented extension, not 1966 behaviour.
//
// Known values (checked against the recreation's tests and the CTSS/7094 emulator runs it
// cites): HASH("HERE", 2) = 3, HASH("KIDS", 2) = 1, HASH("TIME", 2) = 0, and with seven bits
// HASH("ALWAYS", 7) = 14, the example the CACM paper itself gives for its keyword table.

/// The 1966 ELIZA choice of a MEMORY transformation: SLIP's HASH of the last word's last
/// six-character cell, in Hollerith (BCD) code.
package enum ElizaHash {

  /// The 0-based index of the memory transformation that 1966 ELIZA would choose.
  ///
  /// - Parameters:
  ///   - lastWord: the last word of the text being remembered, after the script's word
  ///     swaps and after ELIZA dropped the other clauses (for "Well, my boyfriend made me
  ///     come here." that is "here"). Any case; ELIZA saw capitals.
  ///   - count: the number of memory transformations (4 in DOCTOR). A count of 1 or less
  ///     yields 0.
  /// - Returns: a number in `0 ..< count` (0 when `count` is 1 or less). For a power of two
  ///   `count` this is exactly SLIP's HASH with log2(count) bits; for count 4 it is ELIZA's
  ///   `HASH.(BOT.(INPUT),2)`, less the 1 that MAD's 1-based arrays added.
  package static func memoryIndex(lastWord: String, count: Int) -> Int {
    guard count > 1 else { return 0 }
    var bits = 0
    while bits < maximumBits && (1 << bits) < count {
      bits += 1
    }
    let value = slipHash(lastCell(of: lastWord), bits: bits)
    return (1 << bits) == count ? value : value % count
  }

  /// HASH keeps at most this many bits (the 7094's 15-bit address field).
  static let maximumBits = 15

  /// The 36-bit datum of the last SLIP cell of `word`: its last one to six characters
  /// (after upper-casing), blank-padded on the right, in 6-bit BCD, first character highest.
  /// An empty word is a cell of six blanks.
  static func lastCell(of word: String) -> UInt64 {
    let bytes = Array(word.uppercased().utf8)
    guard !bytes.isEmpty else { return datum(ofCell: bytes[...]) }
    let cellStart = (bytes.count - 1) / 6 * 6
    return datum(ofCell: bytes[cellStart...])
  }

  /// Packs up to six characters (UTF-8 bytes) into a 36-bit word, blank-padded on the right.
  static func datum(ofCell characters: ArraySlice<UInt8>) -> UInt64 {
    let blank = bcdCode(of: UInt8(ascii: " "))
    var datum: UInt64 = 0
    var index = characters.startIndex
    for _ in 0 ..< 6 {
      let code: UInt64
      if index < characters.endIndex {
        code = bcdCode(of: characters[index])
        index += 1
      } else {
        code = blank
      }
      datum = datum << 6 | code
    }
    return datum
  }

  /// The 6-bit Hollerith (BCD) code of an upper-case character of the IBM 7094 character
  /// set; for any other byte, its low six bits.
  static func bcdCode(of byte: UInt8) -> UInt64 {
    switch byte {
    case UInt8(ascii: "0") ... UInt8(ascii: "9"): return UInt64(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "="): return 0o13
    case UInt8(ascii: "'"): return 0o14
    case UInt8(ascii: "+"): return 0o20
    case UInt8(ascii: "A") ... UInt8(ascii: "I"): return 0o21 + UInt64(byte - UInt8(ascii: "A"))
    case UInt8(ascii: "."): return 0o33
    case UInt8(ascii: ")"): return 0o34
    case UInt8(ascii: "-"): return 0o40
    case UInt8(ascii: "J") ... UInt8(ascii: "R"): return 0o41 + UInt64(byte - UInt8(ascii: "J"))
    case UInt8(ascii: "$"): return 0o53
    case UInt8(ascii: "*"): return 0o54
    case UInt8(ascii: " "): return 0o60
    case UInt8(ascii: "/"): return 0o61
    case UInt8(ascii: "S") ... UInt8(ascii: "Z"): return 0o62 + UInt64(byte - UInt8(ascii: "S"))
    case UInt8(ascii: ","): return 0o73
    case UInt8(ascii: "("): return 0o74
    default: return UInt64(byte & 0o77)
    }
  }

  /// SLIP's HASH(D, N): the middle `bits` bits of the square of D's 35-bit magnitude.
  /// `bits` is clamped to 0 ... 15.
  static func slipHash(_ datum: UInt64, bits: Int) -> Int {
    let n = min(max(bits, 0), maximumBits)
    guard n > 0 else { return 0 }
    let magnitude = datum & (1 << 35 - 1)
    // The square needs up to 70 bits: keep both halves of the product.
    let square = magnitude.multipliedFullWidth(by: magnitude)
    let shift = UInt64(35 - n / 2)  // 28 ... 35
    let middle = square.low >> shift | square.high << (64 - shift)
    return Int(middle & (1 << UInt64(n) - 1))
  }
}
