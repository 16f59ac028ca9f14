import Foundation
import Testing
import ThawSafeTensors

/// QUALITY.md G4: sizes a file claims are checked against its real size before anything is
/// allocated from them.
///
/// Memory is not measured here (peak RSS is per process and the suite runs tests in parallel).
/// What makes the property hold is the order of the code paths these tests exercise:
/// `FileIO.readFile` reads only the first 9 bytes and lets `SafeTensorsFile.headerLength`
/// compare the length field with `fstat`'s size before reading the rest, so a claimed 99 MB
/// header in a 200-byte file fails after a 9-byte read; and `SafeTensorsHeader` compares every
/// tensor's byte count (computed with overflow checks, never allocated) with the data buffer
/// before any accessor can build an array, so a claimed 2^40-element tensor fails at parse time.
@Suite struct ResourceLimitTests {
    @Test func claimed2Pow40ElementTensorIn200Bytes() throws {
        let url = FixtureSupport.url("malformed/claim_2pow40_elements.safetensors")
        #expect(try FixtureSupport.bytes("malformed/claim_2pow40_elements.safetensors").count == 200)
        let error = FixtureSupport.failure { () throws(SafeTensorsError) in try SafeTensorsFile(contentsOf: url) }
        #expect(error?.rule == .offsetPastBuffer)
    }

    @Test func claimed99MBHeaderIn200Bytes() throws {
        let url = FixtureSupport.url("malformed/header_99mb_claim.safetensors")
        #expect(try FixtureSupport.bytes("malformed/header_99mb_claim.safetensors").count == 200)
        let error = FixtureSupport.failure { () throws(SafeTensorsError) in try SafeTensorsFile(contentsOf: url) }
        #expect(error?.rule == .headerPastEndOfFile)
    }

    /// The same claims with inconsistent offsets must fail on the byte count instead.
    @Test func claimedHugeTensorWithSmallOffsets() {
        let header = "{\"a\":" + FixtureSupport.entry("F32", [1 << 20, 1 << 20], 0, 4) + "}"
        let error = FixtureSupport.failure { () throws(SafeTensorsError) in
            try SafeTensorsFile(bytes: FixtureSupport.file(header: header, data: [0, 0, 0, 0]), name: "huge")
        }
        #expect(error?.rule == .byteCountMismatch)
    }

    @Test func headerLengthLimitIsInclusive() {
        // Exactly 100 MB is allowed by the limit (and then fails because the file is short);
        // one byte more is refused by the limit itself.
        let atLimit = FixtureSupport.littleEndian(UInt64(100_000_000)) + Array("{}".utf8)
        let overLimit = FixtureSupport.littleEndian(UInt64(100_000_001)) + Array("{}".utf8)
        #expect(FixtureSupport.failure { () throws(SafeTensorsError) in try SafeTensorsFile(bytes: atLimit, name: "a") }?.rule
            == .headerPastEndOfFile)
        #expect(FixtureSupport.failure { () throws(SafeTensorsError) in try SafeTensorsFile(bytes: overLimit, name: "b") }?.rule
            == .headerTooLarge)
    }

    /// 64 levels are legal JSON for the parser; 65 are refused without recursing further.
    @Test func nestingLimitIsSixtyFour() {
        func nested(_ depth: Int) -> [UInt8] {
            // The top-level object is level 1; each "[" adds one.
            let header = "{\"__metadata__\":{\"k\":\"v\"},\"x\":" + String(repeating: "[", count: depth - 1)
                + String(repeating: "]", count: depth - 1) + "}"
            return FixtureSupport.file(header: header)
        }
        let atLimit = FixtureSupport.failure { () throws(SafeTensorsError) in try SafeTensorsFile(bytes: nested(64), name: "n") }
        #expect(atLimit?.rule == .entryNotObject)
        let overLimit = FixtureSupport.failure { () throws(SafeTensorsError) in try SafeTensorsFile(bytes: nested(65), name: "n") }
        #expect(overLimit?.rule == .nestingTooDeep)
        let deep = FixtureSupport.failure { () throws(SafeTensorsError) in try SafeTensorsFile(bytes: nested(1_000_000), name: "n") }
        #expect(deep?.rule == .nestingTooDeep)
    }
}
