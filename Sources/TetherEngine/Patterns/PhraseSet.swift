/// A set of words and phrases, as ids: a concept, or the alternatives of `(a|b c)`.
package struct PhraseSet: Sendable {
  package var singles: Set<Int32> = []
  /// Phrases of two or more words, longest first.
  package var multi: [[Int32]] = []
  /// True when the empty phrase is in the set (an `[optional]` element).
  package var allowsEmpty = false
  /// Every word that can start a phrase of the set.
  package private(set) var firstWords: Set<Int32> = []

  package init() {}

  /// True when the set holds no phrase, not even the empty one.
  package var isEmpty: Bool { singles.isEmpty && multi.isEmpty && !allowsEmpty }

  package mutating func insert(_ phrase: [Int32]) {
    switch phrase.count {
    case 0: allowsEmpty = true
    case 1:
      singles.insert(phrase[0])
      firstWords.insert(phrase[0])
    default:
      if !multi.contains(phrase) {
        // Kept longest first by inserting in place (sorting after every insert was quadratic).
        let at = multi.firstIndex { $0.count < phrase.count } ?? multi.count
        multi.insert(phrase, at: at)
        firstWords.insert(phrase[0])
      }
    }
  }

  package mutating func formUnion(_ other: PhraseSet) {
    singles.formUnion(other.singles)
    firstWords.formUnion(other.singles)
    for p in other.multi { insert(p) }
    allowsEmpty = allowsEmpty || other.allowsEmpty
  }
}
