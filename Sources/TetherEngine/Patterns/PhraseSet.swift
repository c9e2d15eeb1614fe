/// A set of words and phrases, as ids: a concept, or the alternatives of `(a|b c)`.
///
/// The contents live in one shared, copy-on-write box: the matcher binds a set at every step
/// it takes through a pattern, and a copy of the set then costs one retain, not one per table.
package struct PhraseSet: Sendable {
  /// The tables, written only while the set is built and only when this set owns them alone.
  final class Storage: @unchecked Sendable {
    /// The one-word phrases, sorted, each once (a list: kept as a hash set, with another of the
    /// first words beside it, they raised the 10,000-rule benchmark's peak by 1 MiB).
    var singles: [Int32] = []
    var multi: [[Int32]] = []
    var allowsEmpty = false
    var singleBits = WordBits()
    var multiByFirst: [Int32: [[Int32]]] = [:]
    var firstBits = WordBits()

    init() {}

    /// Files the one-word phrase `id` in every table that answers for one-word phrases.
    func insertSingle(_ id: Int32) {
      let at = PhraseSet.insertionPoint(id, in: singles)
      if at < singles.count && singles[at] == id { return }
      singles.insert(id, at: at)
      singleBits.insert(id)
      firstBits.insert(id)
    }

    func copy() -> Storage {
      let s = Storage()
      s.singles = singles
      s.multi = multi
      s.allowsEmpty = allowsEmpty
      s.singleBits = singleBits
      s.multiByFirst = multiByFirst
      s.firstBits = firstBits
      return s
    }
  }

  /// The first index of the sorted `list` whose id is not below `id`.
  @inline(__always)
  static func insertionPoint(_ id: Int32, in list: [Int32]) -> Int {
    var lo = 0, hi = list.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if list[mid] < id { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// The ids sorted, each once.
  static func sortedUnique(_ ids: [Int32]) -> [Int32] {
    var unique: [Int32] = []
    unique.reserveCapacity(ids.count)
    for id in ids.sorted() where unique.last != id { unique.append(id) }
    return unique
  }

  private var storage = Storage()

  private mutating func unique() {
    if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
  }

  /// The one-word phrases, sorted.
  package var singles: [Int32] { storage.singles }
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
  /// Every word that can start a phrase of the set, sorted (made on each call: only compiling
  /// asks for it).
  package var firstWords: [Int32] {
    guard !storage.multiByFirst.isEmpty else { return storage.singles }
    return Set(storage.singles).union(storage.multiByFirst.keys).sorted()
  }
  /// The phrases of two or more words by their first word, each list longest first: at a
  /// position the matcher only tries the phrases that start with the word there.
  package var multiByFirst: [Int32: [[Int32]]] { storage.multiByFirst }

  /// Word ids as bits, kept only from the 64-id block of the smallest id to that of the largest,
  /// or as a sorted list while there are at most `listMost` of them or while they lie too far
  /// apart for bits to pay (more blocks than ids: common words and new ones). Bits from id 0 made
  /// the shared signals' 3,000 sets hold 4 MB; bits from the smallest id, 2.7 MB of the
  /// 10,000-rule benchmark's heap (heaptrack); with the far-apart sets as lists, 1.1 MB.
  struct WordBits {
    static let listMost = 8
    /// The ids, sorted, while there are few or they lie far apart (and `words` is empty).
    var list: [Int32] = []
    /// The first 64-id block kept.
    var base = 0
    var words: [UInt64] = []

    /// Every id held, sorted.
    var members: [Int32] {
      guard !words.isEmpty else { return list }
      var out: [Int32] = []
      for (k, w) in words.enumerated() where w != 0 {
        for b in 0..<64 where w & (1 << UInt64(b)) != 0 { out.append(Int32((base + k) << 6 + b)) }
      }
      return out
    }

    /// Holds exactly the ids of `sorted` (sorted, each once, none negative), as bits or as a list.
    mutating func rebuild(_ sorted: [Int32]) {
      guard let low = sorted.first, let high = sorted.last else {
        list = []
        words = []
        return
      }
      let lo = Int(low) >> 6, blocks = Int(high) >> 6 - lo + 1
      if sorted.count > Self.listMost && blocks <= sorted.count {
        list = []
        base = lo
        words = [UInt64](repeating: 0, count: blocks)
        for id in sorted { words[Int(id) >> 6 - lo] |= 1 << UInt64(id & 63) }
      } else {
        words = []
        list = sorted
      }
    }

    mutating func insert(_ id: Int32) {
      guard id >= 0 else { return }
      if words.isEmpty {
        let at = PhraseSet.insertionPoint(id, in: list)
        if at < list.count && list[at] == id { return }
        list.insert(id, at: at)
        if list.count > Self.listMost { rebuild(list) }
        return
      }
      let w = Int(id) >> 6 - base
      if w >= 0 && w < words.count {
        words[w] |= 1 << UInt64(id & 63)
      } else {
        insert(contentsOf: [id])
      }
    }

    /// Inserts every id of `ids` (in any order; negative ones are left out).
    mutating func insert(contentsOf ids: [Int32]) {
      guard !ids.isEmpty else { return }
      rebuild(PhraseSet.sortedUnique(members + ids.filter { $0 >= 0 }))
    }

    mutating func formUnion(_ other: WordBits) {
      let more = other.members
      if !more.isEmpty { insert(contentsOf: more) }
    }

    @inline(__always)
    func contains(_ id: Int32) -> Bool {
      if words.isEmpty {
        if list.count <= Self.listMost { return list.contains(id) }
        let at = PhraseSet.insertionPoint(id, in: list)
        return at < list.count && list[at] == id
      }
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
    var singles = box.singles
    var multi: [[Int32]] = []
    var seen = Set<[Int32]>()
    for p in phrases {
      switch p.count {
      case 0: box.allowsEmpty = true
      case 1: singles.append(p[0])
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
    // The bits built once from all the new words, not grown word by word.
    let newSingles = Array(singles[box.singles.count...])
    if !newSingles.isEmpty {
      box.singles = Self.sortedUnique(singles)
      box.singleBits.insert(contentsOf: newSingles)
    }
    if !multi.isEmpty {
      // Longest first; phrases of one length in the order given (as inserting one by one does).
      let order = multi.indices.sorted {
        multi[$0].count != multi[$1].count ? multi[$0].count > multi[$1].count : $0 < $1
      }
      var byFirst = box.multiByFirst
      box.multiByFirst = [:]
      box.multi = order.map { multi[$0] }
      for p in box.multi { byFirst[p[0], default: []].append(p) }
      box.multiByFirst = byFirst
    }
    box.firstBits.insert(contentsOf: newSingles + multi.map { $0[0] })
  }

  package mutating func formUnion(_ other: PhraseSet) {
    unique()
    let o = other.storage
    if !o.singles.isEmpty { storage.singles = Self.sortedUnique(storage.singles + o.singles) }
    storage.singleBits.formUnion(o.singleBits)
    storage.firstBits.formUnion(o.singleBits)
    for p in o.multi { insert(p) }
    storage.allowsEmpty = storage.allowsEmpty || o.allowsEmpty
  }
}
