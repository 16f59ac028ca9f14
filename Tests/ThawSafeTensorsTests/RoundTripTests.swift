import Foundation
import Testing
import ThawSafeTensors

/// Writer → reader round trips, and reading every dtype from hand-built and committed files,
/// including tensors at odd offsets that would trap an aligned load.
@Suite struct RoundTripTests {
    @Test func writerOutputReadsBack() throws {
        var writer = SafeTensorsWriter(metadata: ["format": "pt", "quote\"key": "line\nbreak ✓"])
        try writer.add("layer.weight", shape: [2, 3], floats: [1, -2, 3.5, .infinity, -0.0, 0x1p-133])
        try writer.add("step", shape: [], int64s: [Int64.max])
        try writer.add("empty", shape: [0, 4], floats: [])
        try writer.add("labels", shape: [3], int64s: [-1, 0, Int64.min])
        let bytes = writer.serialized()

        let headerLength = bytes[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
        #expect(headerLength % 8 == 0, "header must be padded to a multiple of 8")
        let file = try SafeTensorsFile(bytes: bytes, name: "round-trip")
        #expect(file.metadata == ["format": "pt", "quote\"key": "line\nbreak ✓"])
        #expect(file.tensors.map(\.name) == ["layer.weight", "step", "empty", "labels"])
        #expect(file.info("layer.weight") == SafeTensorInfo(name: "layer.weight", dtype: .f32, shape: [2, 3], dataRange: 0..<24))
        let weights = try file.floats("layer.weight")
        #expect(weights.map(\.bitPattern) == [1, -2, 3.5, .infinity, -0.0, 0x1p-133].map { (value: Float) in value.bitPattern })
        #expect(try file.integers("step") == [Int64.max])
        #expect(try file.floats("empty") == [])
        #expect(try file.integers("labels") == [-1, 0, Int64.min])
        #expect(try file.rawBytes("step") == FixtureSupport.littleEndian(Int64.max))
    }

    @Test func unalignedTensorsOfEveryDType() throws {
        // A 3-byte BOOL first puts every following tensor at an odd offset from the data start.
        var data: [UInt8] = [1, 0, 1]
        var fields = ["\"mask\":" + FixtureSupport.entry("BOOL", [3], 0, 3)]
        func add(_ name: String, _ dtype: String, _ payload: [UInt8], count: Int) {
            fields.append("\"\(name)\":" + FixtureSupport.entry(dtype, [count], data.count, data.count + payload.count))
            data += payload
        }
        add("f32", "F32", FixtureSupport.littleEndian(Float(1.25).bitPattern) + FixtureSupport.littleEndian(Float(-3).bitPattern), count: 2)
        add("f16", "F16", FixtureSupport.littleEndian(UInt16(0x3C00)) + FixtureSupport.littleEndian(UInt16(0xC100)), count: 2)
        add("bf16", "BF16", FixtureSupport.littleEndian(UInt16(0x4049)), count: 1)
        add("f64", "F64", FixtureSupport.littleEndian((0.5 as Double).bitPattern), count: 1)
        add("i64", "I64", FixtureSupport.littleEndian(Int64(-5)), count: 1)
        add("i32", "I32", FixtureSupport.littleEndian(Int32(-70000)), count: 1)
        add("i16", "I16", FixtureSupport.littleEndian(Int16(-300)), count: 1)
        let file = try SafeTensorsFile(bytes: FixtureSupport.file(header: "{" + fields.joined(separator: ",") + "}", data: data),
                                       name: "unaligned")
        #expect(file.tensors.map(\.name) == ["mask", "f32", "f16", "bf16", "f64", "i64", "i32", "i16"])
        #expect(try file.floats("f32") == [1.25, -3])
        #expect(try file.floats("f16") == [1, -2.5])
        #expect(try file.floats("bf16") == [3.140625])
        #expect(try file.floats("f64") == [0.5])
        #expect(try file.integers("i64") == [-5])
        #expect(try file.integers("i32") == [-70000])
        #expect(try file.integers("i16") == [-300])
        #expect(try file.floats("i32") == [-70000])
        #expect(try file.integers("mask") == [1, 0, 1])
    }

    @Test func committedValidFileValues() throws {
        let file = try SafeTensorsFile(contentsOf: FixtureSupport.url("valid/all_dtypes_unaligned.safetensors"))
        #expect(file.metadata == ["format": "pt", "note": "café ✓"])
        #expect(try file.floats("weight") == [1.5, -2.25, 0, 0x1p-127])
        #expect(try file.floats("half") == [1, -2, 65504, 0x1p-24, 0x1p-14])
        #expect(try file.floats("brain")[0...1] == [1, -3.5])
        #expect(try file.floats("double") == [Float(0.1), -.infinity])
        #expect(try file.integers("steps") == [Int64.min, Int64.max])
        #expect(try file.integers("i8") == [-128, 127])
        #expect(try file.integers("u8") == [0, 255])

        let specials = try SafeTensorsFile(contentsOf: FixtureSupport.url("valid/specials_f16_bf16.safetensors"))
        let half = try specials.floats("h")
        #expect(half[0] == .infinity && half[1] == -.infinity && half[2].isNaN)
        #expect(half[3] == 0 && half[3].sign == .minus)
        #expect(half[4] == 0x1p-14 - 0x1p-24)
        #expect(try specials.floats("b")[3] == 0x1p-133)

        let names = try SafeTensorsFile(contentsOf: FixtureSupport.url("valid/escaped_names.safetensors"))
        #expect(names.tensors.map(\.name) == ["café", "tab\tname", "emoji 😀"])
        #expect(names.metadata == ["k\"q": "v\\"])

        let scalar = try SafeTensorsFile(contentsOf: FixtureSupport.url("valid/scalar.safetensors"))
        #expect(scalar.info("s")?.shape == [])
        #expect(try scalar.floats("s") == [3.25])
    }

    @Test func accessorErrorsNameTheTensor() throws {
        let file = try SafeTensorsFile(contentsOf: FixtureSupport.url("valid/scalar.safetensors"))
        let unknown = FixtureSupport.failure { () throws(SafeTensorsError) in try file.floats("nope") }
        #expect(unknown?.rule == .unknownTensor)
        #expect(unknown?.description.contains("\"nope\"") == true)
        #expect(file.info("nope") == nil)
        let mismatch = FixtureSupport.failure { () throws(SafeTensorsError) in try file.integers("s") }
        #expect(mismatch?.rule == .dtypeMismatch)
    }

    /// The format leaves header order free, but `tensors` must follow the bytes.
    @Test func tensorsAreListedInDataOrder() throws {
        let header = "{\"b\":" + FixtureSupport.entry("U8", [1], 1, 2) + ",\"a\":" + FixtureSupport.entry("U8", [1], 0, 1)
            + ",\"z\":" + FixtureSupport.entry("U8", [0], 0, 0) + "}"
        let file = try SafeTensorsFile(bytes: FixtureSupport.file(header: header, data: [7, 8]), name: "order")
        #expect(file.tensors.map(\.name) == ["z", "a", "b"])
        #expect(try file.integers("b") == [8])
    }
}
