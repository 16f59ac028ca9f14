/// libFuzzer entry: the first byte picks the reader, the rest is the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: start + 1, count: count - 1))
    do {
        switch start[0] % 5 {
        case 0: _ = try IDXReader.readImages(bytes: bytes, name: "f", limit: nil)
        case 1: _ = try IDXReader.readLabels(bytes: bytes, name: "f")
        case 2: _ = try NumericCSVReader.read(bytes: bytes, name: "f", options: NumericCSVOptions(limits: CSVLimits(maxFieldBytes: 64, maxColumns: 64)))
        case 3: _ = try TextCSVReader.read(bytes: bytes, name: "f")
        default: _ = try IDXReader.readImages(bytes: bytes, name: "f", limit: 2)
        }
    } catch {
        precondition(!error.description.contains("\n"), "multi-line error")
    }
    return 0
}
