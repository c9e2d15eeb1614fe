import ArgumentParser
import Foundation
import TetherStudio

/// Writes a command's output to standard output or to a file the user named.
enum ReportFile {
  /// Writes `text` to `path` (readable by its owner only when `private`), or prints it when `path`
  /// is nil. A file that cannot be written is an error said plainly, with exit code 1.
  static func emit(_ text: String, to path: String?, what: String, private: Bool = false) throws {
    guard let path, path != "-" else {
      FileHandle.standardOutput.write(Data(text.utf8))
      return
    }
    let fm = FileManager.default
    let attributes: [FileAttributeKey: Any]? = `private` ? [.posixPermissions: 0o600] : nil
    if fm.fileExists(atPath: path) {
      guard (try? Data(text.utf8).write(to: URL(fileURLWithPath: path))) != nil else {
        Output.error("error: cannot write \(what) to '\(SafeText.terminal(path))'")
        throw ExitCode(1)
      }
      if `private` { try? fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path) }
    } else if !fm.createFile(atPath: path, contents: Data(text.utf8), attributes: attributes) {
      let folder = (path as NSString).deletingLastPathComponent
      let why = !folder.isEmpty && !fm.fileExists(atPath: folder) ? ": the folder '\(folder)' does not exist" : ""
      Output.error("error: cannot write \(what) to '\(SafeText.terminal(path))'\(SafeText.terminal(why))")
      throw ExitCode(1)
    }
    Output.error("Wrote \(what) to \(SafeText.terminal(path))")
  }
}
