import Foundation
import Testing

struct CheckCommandTests {
  @Test func theShippedScenariosHaveNoErrors() throws {
    let r = try Binary.run(["check", "Scenarios"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.contains("0 errors"))
  }

  @Test func aBrokenFileGetsFileLineColumnAndExitsOne() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tether-check-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("broken.yaml")
    try "scenario:\n  id: x\n  titel: T\n".write(to: file, atomically: true, encoding: .utf8)
    let r = try Binary.run(["check", file.path])
    #expect(r.status == 1)
    #expect(r.stderr.contains("broken.yaml:3:3: error: unknown field 'titel'"))
    #expect(r.stderr.contains("did you mean 'title'"))
  }

  @Test func aUsageErrorExitsTwo() throws {
    #expect(try Binary.run(["check", "--no-such-flag"]).status == 2)
    #expect(try Binary.run(["replay"]).status == 2)
  }

  @Test func aMissingPathIsAClearError() throws {
    let r = try Binary.run(["check", "no/such/place.yaml"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("no such file or folder"))
    #expect(!r.stderr.contains("Fatal error"))
  }
}

struct TestCommandTests {
  @Test func theShippedScenariosPassTheirTestsAndExamples() throws {
    let r = try Binary.run(["test", "Scenarios"])
    #expect(r.status == 0, "\(r.stderr.prefix(4000))")
    let last = r.stdout.split(separator: "\n").last.map(String.init) ?? ""
    #expect(last.hasSuffix(" 0 failed"), "\(last)")
  }
}
