/// A set of words and phrases, as ids: a concept, or the alternatives of `(a|b c)`.
///
/// The contents live in one shared, copy-on-write box: the matcher binds a set at every step
/// it takes through a pattern, and a copy of the set then costs one retain, not one per table.
package struct PhraseSet: Sendable {
  /// The tables, written only while the set is built and only when this set owns them alone.
  final class Storage: @unchecked Sendable {
    var singles: Set<Int32> = []
    var multi: [[Int32]] = []
    var allowsEmpty = false
    var firstWords: Set<Int32> = []
    var singleBits = WordBits()
    var multiByFirst: [Int32: [[Int32]]] = [:]
    var firstBits = WordBits()

    init() {}

    /// Files the one-word phrase `id` in every table that answers for one-word phrases.
    func insertSingle(_ id: Int32) {
      singles.insert(id)
      firstWords.insert(id)
      singleBits.insert(id)
      firstBits.insert(id)
    }

    func copy() -> Storage {
      let s = Storage()
      s.singles = singles
      s.multi = multi
      s.allowsEmpty = allowsEmpty
      s.firstWords = firstWords
      s.singleBits = singleBits
      s.multiByFirst = multiByFirst
      s.firstBits = firstBits
      return s
    }
  }

  private var storage = Storage()

  private mutating func unique() {
    if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
  }

  package var singles: Set<Int32> { storage.singles }
  /// Phrases of two or more words, longest first.
  package var multi: [[Int32]] { storage.multi }
  /// True when the empty phrase is in the set (an `[optional]` element).
  package var allowsEmpty: Bool {
    get { storage.allowsEmpty }
    set {
      unique()
      storage.allowsEmpty = newValue
    }
  }
  /// Every word that can start a phrase of the set.
  package var firstWords: Set<Int32> { storage.firstWords }
  /// The phrases of two or more words by their first word, each list longest first: at a
  /// position the matcher only tries the phrases that start with the word there.
  package var multiByFirst: [Int32: [[Int32]]] { storage.multiByFirst }

  /// Word ids as bits, kept only from the 64-word block of the smallest id to that of the
  /// largest, or as a short list while there are at most `listMost` of them. Bits from id 0 made
  /// the shared signals' 3,000 sets hold 4 MB; most of those sets hold a few words whose ids lie
  /// far apart (a common word and a new one), for which a list is smaller and as fast.
  struct WordBits {
    static let listMost = 8
    /// The ids, while there are few (and `words` is empty).
    var list: [Int32] = []
    /// The first 64-id block kept.
    var base = 0
    var words: [UInt64] = []

    /// Makes room in the bits for the ids from `low` through `high`.
    mutating func reserve(_ low: Int32, _ high: Int32) {
      guard low >= 0, high >= low else { return }
      let lo = Int(low) >> 6, hi = Int(high) >> 6
      if words.isEmpty {
        base = lo
        words = [UInt64](repeating: 0, count: hi - lo + 1)
        let held = list
        list = []
        for id in held { insert(id) }
        return
      }
      if lo < base {
        words.insert(contentsOf: [UInt64](repeating: 0, count: base - lo), at: 0)
        base = lo
      }
      if hi >= base + words.count { words += [UInt64](repeating: 0, count: hi - base - words.count + 1) }
    }

    mutating func insert(_ id: Int32) {
      guard id >= 0 else { return }
      if words.isEmpty {
        if list.contains(id) { return }
        if list.count < Self.listMost {
          list.append(id)
          return
        }
      }
      reserve(id, id)
      words[Int(id) >> 6 - base] |= 1 << UInt64(id & 63)
    }

    mutating func formUnion(_ other: WordBits) {
      for id in other.list { insert(id) }
      guard !other.words.isEmpty else { return }
      reserve(Int32(other.base << 6), Int32((other.base + other.words.count) << 6 - 1))
      for k in other.words.indices { words[other.base - base + k] |= other.words[k] }
    }

    @inline(__always)
    func contains(_ id: Int32) -> Bool {
      if words.isEmpty { return list.contains(id) }
      let w = Int(id) >> 6 &- base
      return id >= 0 && UInt(bitPattern: w) < UInt(bitPattern: words.count) && words[w] & (1 << UInt64(id & 63)) != 0
    }
  }

  /// True when the one-word phrase `id` is in the set: `singles` as a bitmap over word ids, since
  /// the matcher asks this for every word of every line and a bit test costs far less than hashing.
  @inline(__always)
  package func hasSingle(_ id: Int32) -> Bool { storage.singleBits.contains(id) }

  /// True when some phrase of the set starts with `id`.
  @inline(__always)
  package func startsWith(_ id: Int32) -> Bool { storage.firstBits.contains(id) }

  /// True when some word of `ids` starts a phrase of the set.
  @inline(__always)
  package func startsAny(_ ids: [Int32]) -> Bool {
    let bits = storage.firstBits
    for id in ids where bits.contains(id) { return true }
    return false
  }

  package init() {}

  /// The same for every copy of this set: sets shared by many patterns are tested once a line.
  package var identity: ObjectIdentifier { ObjectIdentifier(storage) }

  /// True when the set holds no phrase, not even the empty one.
  package var isEmpty: Bool { storage.singles.isEmpty && storage.multi.isEmpty && !storage.allowsEmpty }

  package mutating func insert(_ phrase: [Int32]) {
    unique()
    switch phrase.count {
    case 0: storage.allowsEmpty = true
    case 1: storage.insertSingle(phrase[0])
    default:
      if !storage.multi.contains(phrase) {
        // Kept longest first by inserting in place (sorting after every insert was quadratic).
        let at = storage.multi.firstIndex { $0.count < phrase.count } ?? storage.multi.count
        storage.multi.insert(phrase, at: at)
        var list = storage.multiByFirst[phrase[0]] ?? []
        list.insert(phrase, at: list.firstIndex { $0.count < phrase.count } ?? list.count)
        storage.multiByFirst[phrase[0]] = list
        storage.firstWords.insert(phrase[0])
        storage.firstBits.insert(phrase[0])
      }
    }
  }

  /// Inserts every phrase, as one ``insert(_:)`` after another would, but a set's longer
  /// phrases are placed once, not shifted into place one by one. The tables are taken out of
  /// the shared box, filled as local values with room made once, and put back: through the box,
  /// every insert paid an exclusivity check and the hash sets grew step by step (this was an
  /// eighth of what `play` did before its first prompt: 182M instructions of 1,442M for about
  /// 9,000 sets of a few words, by callgrind).
  package mutating func insert(contentsOf phrases: [[Int32]]) {
    guard !phrases.isEmpty else { return }
    if !storage.multi.isEmpty {
      for p in phrases { insert(p) }
      return
    }
    unique()
    let box = storage
    var singles = box.singles, firstWords = box.firstWords
    var singleBits = box.singleBits, firstBits = box.firstBits
    box.singles = []
    box.firstWords = []
    box.singleBits = WordBits()
    box.firstBits = WordBits()
    singles.reserveCapacity(singles.count + phrases.count)
    firstWords.reserveCapacity(firstWords.count + phrases.count)
    // The bitmaps sized once for the smallest and largest ids, not grown word by word.
    var low = Int32.max, high: Int32 = -1, lowSingle = Int32.max, highSingle: Int32 = -1
    for p in phrases where !p.isEmpty && p[0] >= 0 {
      low = min(low, p[0])
      high = max(high, p[0])
      if p.count == 1 {
        lowSingle = min(lowSingle, p[0])
        highSingle = max(highSingle, p[0])
      }
    }
    if phrases.count > WordBits.listMost {
      firstBits.reserve(low, high)
      singleBits.reserve(lowSingle, highSingle)
    }
    var multi: [[Int32]] = []
    var seen = Set<[Int32]>()
    for p in phrases {
      switch p.count {
      case 0: box.allowsEmpty = true
      case 1:
        singles.insert(p[0])
        firstWords.insert(p[0])
        singleBits.insert(p[0])
        firstBits.insert(p[0])
      default:
        // A few longer phrases are compared in a list; many, through a hash set.
        if multi.count < 8 {
          if !multi.contains(p) { multi.append(p) }
        } else {
          if seen.isEmpty { seen = Set(multi) }
          if seen.insert(p).inserted { multi.append(p) }
        }
      }
    }
    if !multi.isEmpty {
      // Longest first; phrases of one length in the order given (as inserting one by one does).
      let order = multi.indices.sorted {
        multi[$0].count != multi[$1].count ? multi[$0].count > multi[$1].count : $0 < $1
      }
      var byFirst = box.multiByFirst
      box.multiByFirst = [:]
      box.multi = order.map { multi[$0] }
      for p in box.multi {
        byFirst[p[0], default: []].append(p)
        firstWords.insert(p[0])
        firstBits.insert(p[0])
      }
      box.multiByFirst = byFirst
    }
    box.singles = singles
    box.firstWords = firstWords
    box.singleBits = singleBits
    box.firstBits = firstBits
  }

  package mutating func formUnion(_ other: PhraseSet) {
    unique()
    let o = other.storage
    storage.singles.formUnion(o.singles)
    storage.firstWords.formUnion(o.singles)
    storage.singleBits.formUnion(o.singleBits)
    storage.firstBits.formUnion(o.singleBits)
    for p in o.multi { insert(p) }
    storage.allowsEmpty = storage.allowsEmpty || o.allowsEmpty
  }
}
