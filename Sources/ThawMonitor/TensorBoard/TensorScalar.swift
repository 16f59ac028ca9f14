/// Reads the single number of a scalar `TensorProto` (tensorflow/core/framework/tensor.proto):
/// dtype = 1, tensor_shape = 2 (TensorShapeProto: dim = 2 → size = 1; unknown_rank = 3),
/// tensor_content = 4 (raw little-endian bytes), and the typed value lists float_val = 5,
/// double_val = 6, int_val = 7, int64_val = 10, bool_val = 11, half_val = 13,
/// uint32_val = 16, uint64_val = 17 (packed or not).
///
/// TF2 and Keras write scalars as `tensor_content`; PyTorch's `new_style` scalars use
/// `float_val` or `double_val`. Only the first value of a list is decoded, so a large
/// non-scalar tensor costs no allocation; tensors with more than one element are not scalars.
enum TensorScalar {
    /// tensorflow/core/framework/types.proto numbering.
    enum DataType: UInt64 {
        case float = 1, double = 2, int32 = 3, uint8 = 4, int16 = 5, int8 = 6, int64 = 9, bool = 10
        case bfloat16 = 14, uint16 = 17, half = 19, uint32 = 22, uint64 = 23

        /// Bytes per element in `tensor_content`.
        var width: Int {
            switch self {
            case .uint8, .int8, .bool: 1
            case .int16, .uint16, .half, .bfloat16: 2
            case .float, .int32, .uint32: 4
            case .double, .int64, .uint64: 8
            }
        }
    }

    /// The value, or nil when the tensor is not a numeric scalar.
    static func decode(_ bytes: ArraySlice<UInt8>) throws(ProtoError) -> Double? {
        var reader = ProtoReader(bytes)
        var dtype: UInt64 = 0
        var elements: UInt64 = 1
        var content: ArraySlice<UInt8>?
        // The first value of each typed list, by field number.
        var first: [Int: UInt64] = [:]
        while let field = try reader.nextField() {
            switch (field.number, field.type) {
            case (1, .varint): dtype = try reader.varint()
            case (2, .lengthDelimited):
                guard let count = try elementCount(try reader.lengthDelimited()) else { return nil }
                elements = count
            case (4, .lengthDelimited): content = try reader.lengthDelimited()
            case (5, _), (6, _), (7, _), (10, _), (11, _), (13, _), (16, _), (17, _):
                let raw = try firstElement(field.number, field.type, &reader)
                if first[field.number] == nil, let raw { first[field.number] = raw }
            default: try reader.skip(field.type)
            }
        }
        guard elements == 1, let type = DataType(rawValue: dtype) else { return nil }
        if let content {
            guard content.count == type.width else { return nil }
            return number(content.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }, type)
        }
        let field: Int = switch type {
        case .float: 5
        case .double: 6
        case .int32, .int16, .int8, .uint8, .uint16: 7
        case .int64: 10
        case .bool: 11
        case .half, .bfloat16: 13
        case .uint32: 16
        case .uint64: 17
        }
        return first[field].map { number($0, type) }
    }

    /// The raw bits of the first element of a typed list occurrence: fixed32 for float_val,
    /// fixed64 for double_val, varints otherwise.
    static func firstElement(_ number: Int, _ type: ProtoReader.WireType, _ reader: inout ProtoReader) throws(ProtoError) -> UInt64? {
        let element: ProtoReader.WireType = number == 5 ? .fixed32 : (number == 6 ? .fixed64 : .varint)
        func read(_ r: inout ProtoReader) throws(ProtoError) -> UInt64 {
            switch element {
            case .fixed32: UInt64(try r.fixed32())
            case .fixed64: try r.fixed64()
            default: try r.varint()
            }
        }
        if type == element { return try read(&reader) }
        guard type == .lengthDelimited else { throw ProtoError("wire type \(type.rawValue) for tensor field \(number)") }
        var packed = ProtoReader(try reader.lengthDelimited())
        return packed.isAtEnd ? nil : try read(&packed)
    }

    /// The product of the dimension sizes of a `TensorShapeProto`; nil for an unknown rank.
    static func elementCount(_ bytes: ArraySlice<UInt8>) throws(ProtoError) -> UInt64? {
        var reader = ProtoReader(bytes)
        var product: UInt64 = 1
        while let field = try reader.nextField() {
            switch (field.number, field.type) {
            case (2, .lengthDelimited):
                var dim = ProtoReader(try reader.lengthDelimited())
                var size: UInt64 = 0
                while let inner = try dim.nextField() {
                    if inner.number == 1, inner.type == .varint { size = try dim.varint() } else { try dim.skip(inner.type) }
                }
                // Negative (unknown) sizes arrive as huge varints; any size above one already
                // means "not a scalar", so clamp instead of overflowing.
                product = Swift.min(product, 2) * Swift.min(size, 2)
            case (3, .varint): if try reader.varint() != 0 { return nil }
            default: try reader.skip(field.type)
            }
        }
        return product
    }

    /// Raw little-endian bits (or a varint) as a number of `type`.
    static func number(_ bits: UInt64, _ type: DataType) -> Double {
        switch type {
        case .float: Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
        case .double: Double(bitPattern: bits)
        case .int32: Double(Int32(truncatingIfNeeded: bits))
        case .int16: Double(Int16(truncatingIfNeeded: bits))
        case .int8: Double(Int8(truncatingIfNeeded: bits))
        case .uint8: Double(UInt8(truncatingIfNeeded: bits))
        case .uint16: Double(UInt16(truncatingIfNeeded: bits))
        case .int64: Double(Int64(bitPattern: bits))
        case .uint32: Double(UInt32(truncatingIfNeeded: bits))
        case .uint64: Double(bits)
        case .bool: bits != 0 ? 1 : 0
        case .half: halfToDouble(UInt16(truncatingIfNeeded: bits))
        case .bfloat16: Double(Float(bitPattern: UInt32(UInt16(truncatingIfNeeded: bits)) << 16))
        }
    }

    /// IEEE 754 binary16 → Double (sign, 5-bit exponent, 10-bit fraction).
    static func halfToDouble(_ bits: UInt16) -> Double {
        let sign: Double = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int((bits >> 10) & 0x1F), fraction = Double(bits & 0x3FF)
        switch exponent {
        case 0: return sign * fraction * 0x1p-24
        case 31: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1 + fraction / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }
}
