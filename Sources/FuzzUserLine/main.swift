// libFuzzer target: bytes → user lines → every persona of every shipped scenario answers.
// Built and run by scripts/fuzz.sh; a plain `swift build` makes an executable that does nothing.
import FuzzProbes

/// Loads the shipped scenarios before the first input, outside libFuzzer's per-input timeout.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(
  _ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?
) -> CInt {
  FuzzTargets.prepareUserLine()
  return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  FuzzTargets.userLine(UnsafeBufferPointer(start: data, count: size))
  return 0
}
