/// Every word a scenario knows, interned to a dense integer id at load.
package struct Vocabulary: Sendable {
  /// The id of a word the scenario never mentions.
  package static let unknown: Int32 = -1

  private(set) var ids: [String: Int32] = [:]
  private(set) var words: [String] = []

  package init() {}

  package var count: Int { words.count }

  /// The word's id, adding it if it is new.
  package mutating func intern(_ word: String) -> Int32 {
    if let id = ids[word] { return id }
    let id = Int32(words.count)
    ids[word] = id
    words.append(word)
    return id
  }

  /// The word's id, or ``unknown``.
  package func id(_ word: String) -> Int32 {
    ids[word] ?? Vocabulary.unknown
  }

  package func word(_ id: Int32) -> String {
    id >= 0 && Int(id) < words.count ? words[Int(id)] : ""
  }
}
