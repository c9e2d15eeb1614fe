import ArgumentParser
import Foundation
import TetherStudio

@main
struct TetherCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tether",
    abstract: "A companion-persona simulator for clinician training.",
    discussion: """
      Tether plays scripted AI-companion personas (always-validating, engagement-maximizing, boundary-respecting) from scenario files, and explains every reply: the technique, the dynamic it leans on, and what a healthy reply would have been.
      """,
    version: TetherVersion.current,
    subcommands: [
      Play.self, Replay.self, CompareCommand.self, ReportCommand.self, ListCommand.self, ExplainCommand.self, Check.self,
      Test.self, Bench.self, Serve.self,
    ]
  )

  /// Parses and runs, exiting 2 on a usage error (ArgumentParser's own code is 64).
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      let code = exitCode(for: error)
      if code.rawValue == 64 {
        Output.error(fullMessage(for: error))
        Foundation.exit(2)
      }
      exit(withError: error)
    }
  }
}
