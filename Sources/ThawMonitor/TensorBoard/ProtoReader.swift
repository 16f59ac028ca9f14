/// Why a protobuf message could not be read.
struct ProtoError: Error, Equatable, Sendable, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The protobuf wire format, read field by field from a byte slice: varints, fixed 32/64-bit
/// values and length-delimited fields; unknown fields are skipped. Only what the event and
/// summary messages need — there is no schema, the caller switches on field numbers.
///
/// Every read is bounds-checked against the slice: a malformed or hostile record yields a
/// `ProtoError`, never a read past its end.
struct ProtoReader {
    enum WireType: UInt8 {
        case varint = 0, fixed64 = 1, lengthDelimited = 2, fixed32 = 5
    }

    private let bytes: ArraySlice<UInt8>
    private var index: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        index = bytes.startIndex
    }

    var isAtEnd: Bool { index >= bytes.endIndex }

    /// The next field's number and wire type, or nil at the end of the message.
    mutating func nextField() throws(ProtoError) -> (number: Int, type: WireType)? {
        guard !isAtEnd else { return nil }
        let key = try varint()
        let number = key >> 3
        guard number > 0, number < 1 << 29 else { throw ProtoError("invalid field number \(number)") }
        guard let type = WireType(rawValue: UInt8(key & 7)) else {
            throw ProtoError("unsupported wire type \(key & 7) for field \(number)")
        }
        return (Int(number), type)
    }

    mutating func varint() throws(ProtoError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            if shift == 63, byte > 1 { throw ProtoError("varint overflows 64 bits") }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw ProtoError("varint longer than 10 bytes") }
        }
        throw ProtoError("message ends inside a varint")
    }

    mutating func fixed32() throws(ProtoError) -> UInt32 {
        let raw = try take(4)
        return raw.reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func fixed64() throws(ProtoError) -> UInt64 {
        let raw = try take(8)
        return raw.reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    mutating func lengthDelimited() throws(ProtoError) -> ArraySlice<UInt8> {
        let length = try varint()
        guard length <= UInt64(bytes.endIndex - index) else { throw ProtoError("field length \(length) runs past the message") }
        return try take(Int(length))
    }

    /// Skips the value of a field of `type`.
    mutating func skip(_ type: WireType) throws(ProtoError) {
        switch type {
        case .varint: _ = try varint()
        case .fixed64: _ = try take(8)
        case .fixed32: _ = try take(4)
        case .lengthDelimited: _ = try lengthDelimited()
        }
    }

    private mutating func take(_ n: Int) throws(ProtoError) -> ArraySlice<UInt8> {
        guard n <= bytes.endIndex - index else { throw ProtoError("message ends inside a field") }
        defer { index += n }
        return bytes[index..<(index + n)]
    }
}
