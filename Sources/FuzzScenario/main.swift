// libFuzzer target: bytes → scenario files → `tether check` and a few played turns.
// Built and run by scripts/fuzz.sh; a plain `swift build` makes an executable that does nothing.
import FuzzProbes

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  FuzzTargets.scenario(UnsafeBufferPointer(start: data, count: size))
  return 0
}
