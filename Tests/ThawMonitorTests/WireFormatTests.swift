import Testing
@testable import ThawMonitor

/// CRC-32C, the protobuf wire reader and scalar tensors, checked against published values
/// and hand-built messages.
@Suite struct WireFormatTests {
    @Test func crc32cMatchesPublishedVectors() {
        // RFC 3720 (iSCSI) appendix B.4 and the common "123456789" check value.
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum(Array(0...31).map(UInt8.init)) == 0x46DD_794E)
        #expect(CRC32C.checksum([UInt8]()) == 0)
    }

    @Test func varintsAndFixedValues() throws {
        var message = ProtoWriter()
        message.varint(1, 300)
        message.varint(2, UInt64.max)
        message.fixed32(3, 0xDEAD_BEEF)
        message.fixed64(4, 42)
        message.string(5, "tag")
        var reader = ProtoReader(message.bytes[...])
        #expect(try reader.nextField()! == (1, .varint))
        #expect(try reader.varint() == 300)
        #expect(try reader.nextField()! == (2, .varint))
        #expect(try reader.varint() == UInt64.max)
        #expect(try reader.nextField()! == (3, .fixed32))
        #expect(try reader.fixed32() == 0xDEAD_BEEF)
        _ = try reader.nextField()
        #expect(try reader.fixed64() == 42)
        _ = try reader.nextField()
        #expect(Array(try reader.lengthDelimited()) == Array("tag".utf8))
        #expect(try reader.nextField() == nil)
    }

    @Test(arguments: [
        [0x08, 0x80],                          // varint cut short
        [0x0A, 0x05, 0x61],                    // length past the end
        [0x0B],                                // wire type 3 (group)
        [0x00, 0x01],                          // field number 0
        [0x08] + [UInt8](repeating: 0xFF, count: 10) + [0x01],  // varint of 11 bytes
        [0x0D, 0x01, 0x02],                    // fixed32 cut short
    ] as [[UInt8]])
    func malformedMessagesAreErrorsNotCrashes(_ bytes: [UInt8]) {
        var reader = ProtoReader(bytes[...])
        #expect(throws: ProtoError.self) {
            while let field = try reader.nextField() { try reader.skip(field.type) }
        }
    }

    @Test func unknownFieldsAreSkipped() throws {
        var value = ProtoWriter()
        value.varint(99, 7)
        value.string(1, "loss")
        value.bytes(50, [1, 2, 3])
        value.fixed64(51, 9)
        value.fixed32(2, Float(0.25).bitPattern)
        let decoded = try EventRecord.value(value.bytes[...])
        #expect(decoded.tag == "loss" && decoded.simpleValue == 0.25)
    }

    @Test func scalarTensorsOfEveryEncoding() throws {
        func value(_ dtype: UInt64, dims: [UInt64] = [], _ build: (inout ProtoWriter) -> Void) throws -> Double? {
            try TensorScalar.decode(EventBytes.tensor(dtype: dtype, dims: dims, build)[...])
        }
        let packedFloat = withUnsafeBytes(of: Float(1.5).bitPattern.littleEndian, Array.init)
        #expect(try value(1) { $0.bytes(5, packedFloat) } == 1.5)                       // float_val, packed
        #expect(try value(1) { $0.fixed32(5, Float(-2).bitPattern) } == -2)             // float_val, one value
        #expect(try value(2) { $0.fixed64(6, (0.1).bitPattern) } == 0.1)                // double_val
        #expect(try value(1) { $0.bytes(4, packedFloat) } == 1.5)                       // tensor_content (TF2/Keras)
        #expect(try value(2) { $0.bytes(4, withUnsafeBytes(of: (0.3).bitPattern.littleEndian, Array.init)) } == 0.3)
        #expect(try value(19) { $0.bytes(13, ProtoWriter.varint(0x3C00)) } == 1)         // half_val 1.0, packed
        #expect(try value(19) { $0.bytes(4, [0x00, 0xC0]) } == -2)                       // half content −2.0
        #expect(try value(14) { $0.varint(13, 0x3FC0) } == 1.5)                          // bfloat16 1.5
        #expect(try value(9) { $0.varint(10, UInt64(bitPattern: -7)) } == -7)            // int64_val
        #expect(try value(3, dims: [1, 1]) { $0.varint(7, 12) } == 12)                   // int_val, shape [1, 1]
        #expect(try value(10) { $0.varint(11, 1) } == 1)                                 // bool_val
        #expect(try value(1, dims: [3]) { $0.bytes(5, packedFloat + packedFloat + packedFloat) } == nil)  // not a scalar
        #expect(try value(7) { $0.bytes(8, Array("text".utf8)) } == nil)                 // DT_STRING
        #expect(try value(1) { $0.bytes(4, [1, 2]) } == nil)                             // content of the wrong size
        #expect(try value(1) { _ in } == nil)                                            // no value at all
        #expect(TensorScalar.halfToDouble(0x7C00) == .infinity && TensorScalar.halfToDouble(0x7E00).isNaN)
        #expect(TensorScalar.halfToDouble(0x0001) == 0x1p-24)
    }
}
