/// Element decoding for the data buffer.
///
/// Tensor offsets are arbitrary (a BOOL of 3 bytes puts the next F32 at an odd address), so
/// every element is read with `loadUnaligned`: `load(as:)` traps on a misaligned address in
/// debug builds and is undefined behaviour in release. The conversions are written out with
/// bit operations because `Float16` is missing on some platforms and Swift has no bfloat16.
enum DTypeConversion {
    /// IEEE 754 binary16 → binary32. Exact: every half value, subnormals included, is a float.
    static func float(fromHalfBits bits: UInt16) -> Float {
        let sign = UInt32(bits & 0x8000) << 16
        let exponent = UInt32(bits >> 10) & 0x1F
        var mantissa = UInt32(bits & 0x3FF)
        switch exponent {
        case 0:
            if mantissa == 0 { return Float(bitPattern: sign) }
            // Subnormal half: shift the mantissa until its leading 1 becomes the implicit bit,
            // lowering the exponent once per shift, giving a normal float.
            var floatExponent: UInt32 = 127 - 15 + 1
            while mantissa & 0x400 == 0 {
                mantissa <<= 1
                floatExponent -= 1
            }
            mantissa &= 0x3FF
            return Float(bitPattern: sign | floatExponent << 23 | mantissa << 13)
        case 0x1F:
            // Infinity or NaN; the NaN payload is kept in the high mantissa bits.
            return Float(bitPattern: sign | 0x7F80_0000 | mantissa << 13)
        default:
            return Float(bitPattern: sign | (exponent + 127 - 15) << 23 | mantissa << 13)
        }
    }

    /// bfloat16 is the top half of a binary32, so widening is a shift.
    static func float(fromBFloat16Bits bits: UInt16) -> Float {
        Float(bitPattern: UInt32(bits) << 16)
    }

    /// Decodes any dtype as Float32: F64 is rounded to nearest (out-of-range values become
    /// ±infinity), integers wider than 24 bits are rounded, BOOL is 0 or 1.
    static func floats(_ raw: UnsafeRawBufferPointer, dtype: SafeTensorDType) -> [Float] {
        switch dtype {
        case .f32: decode(raw, UInt32.self) { Float(bitPattern: $0) }
        case .f16: decode(raw, UInt16.self) { float(fromHalfBits: $0) }
        case .bf16: decode(raw, UInt16.self) { float(fromBFloat16Bits: $0) }
        case .f64: decode(raw, UInt64.self) { Float(Double(bitPattern: $0)) }
        case .i64: decode(raw, UInt64.self) { Float(Int64(bitPattern: $0)) }
        case .i32: decode(raw, UInt32.self) { Float(Int32(bitPattern: $0)) }
        case .i16: decode(raw, UInt16.self) { Float(Int16(bitPattern: $0)) }
        case .i8: decode(raw, UInt8.self) { Float(Int8(bitPattern: $0)) }
        case .u8: decode(raw, UInt8.self) { Float($0) }
        case .bool: decode(raw, UInt8.self) { $0 == 0 ? 0 : 1 }
        }
    }

    /// Decodes an integer or BOOL dtype; nil for floating-point dtypes, which have no exact
    /// integer reading. BOOL bytes other than 0 count as true, as in NumPy and PyTorch.
    static func integers(_ raw: UnsafeRawBufferPointer, dtype: SafeTensorDType) -> [Int64]? {
        switch dtype {
        case .f32, .f16, .bf16, .f64: nil
        case .i64: decode(raw, UInt64.self) { Int64(bitPattern: $0) }
        case .i32: decode(raw, UInt32.self) { Int64(Int32(bitPattern: $0)) }
        case .i16: decode(raw, UInt16.self) { Int64(Int16(bitPattern: $0)) }
        case .i8: decode(raw, UInt8.self) { Int64(Int8(bitPattern: $0)) }
        case .u8: decode(raw, UInt8.self) { Int64($0) }
        case .bool: decode(raw, UInt8.self) { $0 == 0 ? 0 : 1 }
        }
    }

    /// Reads little-endian `Raw` words at any alignment. `raw.count` has already been
    /// checked to be a whole number of elements, so the result is exactly sized.
    @inline(__always)
    private static func decode<Raw: FixedWidthInteger, Element>(
        _ raw: UnsafeRawBufferPointer, _: Raw.Type, _ transform: (Raw) -> Element
    ) -> [Element] {
        let stride = MemoryLayout<Raw>.size
        let count = raw.count / stride
        // Zero capacity would write into the runtime's shared empty-array storage (a benign
        // race ThreadSanitizer reports); an empty result needs no buffer anyway.
        guard count > 0 else { return [] }
        return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count {
                let word = raw.loadUnaligned(fromByteOffset: index * stride, as: Raw.self)
                buffer.initializeElement(at: index, to: transform(Raw(littleEndian: word)))
            }
            initialized = count
        }
    }

    /// Little-endian bytes of F32 values, for the writer.
    static func littleEndianBytes(_ values: [Float]) -> [UInt8] {
        littleEndianBytes(values.map(\.bitPattern))
    }

    /// Little-endian bytes of I64 values, for the writer.
    static func littleEndianBytes(_ values: [Int64]) -> [UInt8] {
        littleEndianBytes(values.map { UInt64(bitPattern: $0) })
    }

    private static func littleEndianBytes<Word: FixedWidthInteger>(_ words: [Word]) -> [UInt8] {
        let stride = MemoryLayout<Word>.size
        guard !words.isEmpty else { return [] } // see `decode`
        return [UInt8](unsafeUninitializedCapacity: words.count * stride) { buffer, initialized in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            for (index, word) in words.enumerated() {
                raw.storeBytes(of: word.littleEndian, toByteOffset: index * stride, as: Word.self)
            }
            initialized = words.count * stride
        }
    }
}
