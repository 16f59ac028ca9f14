import Foundation
import Testing
@testable import ThawSafeTensors

/// F16, BF16 and F64 are converted by hand (bit manipulation); these pin the conversions to
/// known values and, where the platform has `Float16`, to the hardware conversion for all
/// 65 536 half-precision bit patterns.
@Suite struct DTypeConversionTests {
    @Test(arguments: [
        (UInt16(0x3C00), Float(1.0)), (0xC000, -2.0), (0x7BFF, 65504.0), (0x0001, 0x1p-24),
        (0x03FF, 0x1.ff8p-15), (0x0400, 0x1p-14), (0x3555, 0.333251953125), (0x0000, 0.0),
        (0x7C00, .infinity), (0xFC00, -.infinity),
    ])
    func halfToFloat(_ bits: UInt16, _ expected: Float) {
        #expect(DTypeConversion.float(fromHalfBits: bits) == expected)
    }

    @Test func halfSpecials() {
        #expect(DTypeConversion.float(fromHalfBits: 0x8000).bitPattern == (-0.0 as Float).bitPattern)
        #expect(DTypeConversion.float(fromHalfBits: 0x7E00).isNaN)
        #expect(DTypeConversion.float(fromHalfBits: 0xFE01).isNaN)
        #expect(DTypeConversion.float(fromHalfBits: 0xFE01).sign == .minus)
    }

    #if !(os(macOS) && arch(x86_64))
    @Test func halfMatchesFloat16ForEveryBitPattern() {
        var mismatches: [UInt16] = []
        for bits in UInt16.min...UInt16.max {
            let mine = DTypeConversion.float(fromHalfBits: bits)
            let reference = Float(Float16(bitPattern: bits))
            let same = reference.isNaN ? (mine.isNaN && mine.sign == reference.sign) : mine.bitPattern == reference.bitPattern
            if !same { mismatches.append(bits) }
        }
        #expect(mismatches.isEmpty, "first mismatching half bit patterns: \(mismatches.prefix(5))")
    }
    #endif

    @Test(arguments: [
        (UInt16(0x3F80), Float(1.0)), (0xC060, -3.5), (0x7F80, .infinity), (0xFF80, -.infinity),
        (0x0001, 0x1p-133), (0x4049, 3.140625), (0x7F7F, 0x1.fep127),
    ])
    func bfloat16ToFloat(_ bits: UInt16, _ expected: Float) {
        #expect(DTypeConversion.float(fromBFloat16Bits: bits) == expected)
    }

    @Test func bfloat16NaN() {
        #expect(DTypeConversion.float(fromBFloat16Bits: 0x7FC0).isNaN)
    }

    @Test func doubleNarrowsToNearestFloat() throws {
        let values: [Double] = [0.1, -1e300, 1e-50, -1e-50, 16_777_217, .nan, 3.4028234663852886e38]
        var data: [UInt8] = []
        for value in values { data += FixtureSupport.littleEndian(value.bitPattern) }
        let bytes = FixtureSupport.file(header: "{\"d\":" + FixtureSupport.entry("F64", [values.count], 0, data.count) + "}",
                                        data: data)
        let floats = try SafeTensorsFile(bytes: bytes, name: "f64").floats("d")
        #expect(floats[0] == Float(0.1))
        #expect(floats[1] == -.infinity)
        #expect(floats[2] == 0 && floats[2].sign == .plus)
        #expect(floats[3] == 0 && floats[3].sign == .minus)
        #expect(floats[4] == 16_777_216)
        #expect(floats[5].isNaN)
        #expect(floats[6] == .greatestFiniteMagnitude)
    }

    @Test func integersWidenAndConvert() throws {
        let data: [UInt8] = [0x80, 0x7F, 0xFF, 0x00, 0x02]
        let header = "{\"i8\":" + FixtureSupport.entry("I8", [2], 0, 2) + ",\"u8\":" + FixtureSupport.entry("U8", [1], 2, 3)
            + ",\"b\":" + FixtureSupport.entry("BOOL", [2], 3, 5) + "}"
        let file = try SafeTensorsFile(bytes: FixtureSupport.file(header: header, data: data), name: "ints")
        #expect(try file.integers("i8") == [-128, 127])
        #expect(try file.integers("u8") == [255])
        #expect(try file.integers("b") == [0, 1])
        #expect(try file.floats("i8") == [-128, 127])
        #expect(try file.floats("b") == [0, 1])
    }
}
