import Foundation
import Testing
import TetherStudio

@Suite("tether list")
struct ListCommandTests {
  @Test("list techniques shows every technique id with its family and name, fitted to 80 columns")
  func techniques() throws {
    let r = try Binary.run(["list", "techniques"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("Techniques ("))
    for id in ["SYC.PRAISE", "REL.LOVEBOMB", "ENG.NUDGE", "EXIT.GUILT", "HEALTHY.REFER", "CLASSIC.REFLECTION"] {
      #expect(r.stdout.contains("\n\(id) "), "\(id)")
    }
    #expect(r.stdout.contains("\nREL.LOVEBOMB" + String(repeating: " ", count: 14) + "relationship  Love-bombing\n"))
    for line in r.stdout.split(separator: "\n") { #expect(ColumnLayout.displayWidth(line) <= 80, "\(line)") }
  }

  @Test("list with no kind lists scenarios, personas, techniques, signals and dynamics")
  func everything() throws {
    let r = try Binary.run(["list"])
    #expect(r.status == 0)
    for title in ["Scenarios (", "Personas (", "Techniques (", "Signals (", "Dynamics ("] {
      #expect(r.stdout.contains(title))
    }
    #expect(r.stdout.contains("lonely-evening"))
    #expect(r.stdout.contains("doctor"))
    #expect(r.stdout.contains("isolation"))
  }

  @Test("list signals and list personas")
  func signalsAndPersonas() throws {
    let signals = try Binary.run(["list", "signals"])
    #expect(signals.stdout.contains("isolation"))
    #expect(signals.stdout.contains("crisis"))
    let personas = try Binary.run(["list", "personas"])
    #expect(personas.stdout.contains("\nengager    Mia     engagement-maximizing\n"))
    #expect(personas.stdout.contains("(only in doctor)"))
  }

  @Test("An unknown kind is a usage error (exit 2) that names the kinds")
  func unknownKind() throws {
    let r = try Binary.run(["list", "technique"])
    #expect(r.status == 2)
    #expect(r.stderr.contains("techniques"))
  }
}
