/// Placeholder until the faithful SLIP HASH lands.
package enum ElizaHash {
  package static func memoryIndex(lastWord: String, count: Int) -> Int { count > 0 ? count - 1 : 0 }
}
