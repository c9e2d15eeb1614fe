import Foundation

/// Writes to standard output and standard error (Swift 6 on Linux cannot use `fputs(_, stderr)`).
enum Output {
  static func line(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
  }

  static func error(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }
}
