public struct StrictJSONError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable { case syntax, tooDeep, duplicateKey }
    public let kind: Kind
    /// Byte offset into the parsed text, so a user can find the spot in a hex dump.
    public let offset: Int
    public let message: String
    public var description: String { "\(message) (byte \(offset))" }
}

/// An RFC 8259 parser that refuses duplicate keys at every level and bounds nesting.
///
/// Recursion is bounded by `maximumDepth`, so a header of 10 000 opening brackets fails
/// with an error after 64 frames instead of exhausting the stack.
public struct StrictJSONParser {
    public static let maximumDepth = 64

    private let bytes: ArraySlice<UInt8>
    private var index: Int

    private init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.index = bytes.startIndex
    }

    public static func parse(_ bytes: ArraySlice<UInt8>) throws(StrictJSONError) -> JSONValue {
        var parser = StrictJSONParser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 1)
        parser.skipWhitespace()
        guard parser.index == bytes.endIndex else {
            throw parser.failure("unexpected characters after the JSON value")
        }
        return value
    }

    private func peek() -> UInt8? { index < bytes.endIndex ? bytes[index] : nil }

    private func failure(_ message: String, kind: StrictJSONError.Kind = .syntax) -> StrictJSONError {
        StrictJSONError(kind: kind, offset: index - bytes.startIndex, message: message)
    }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
            index += 1
        }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(StrictJSONError) {
        guard peek() == byte else { throw failure("expected \(what)") }
        index += 1
    }

    private mutating func parseValue(depth: Int) throws(StrictJSONError) -> JSONValue {
        guard let byte = peek() else { throw failure("unexpected end of input, expected a value") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        case UInt8(ascii: "t"): try parseLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try parseLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try parseLiteral("null"); return .null
        default: throw failure("unexpected byte 0x\(String(byte, radix: 16)), expected a value")
        }
    }

    private mutating func enter(depth: Int) throws(StrictJSONError) {
        guard depth <= Self.maximumDepth else {
            throw failure("more than \(Self.maximumDepth) nested arrays/objects", kind: .tooDeep)
        }
        index += 1
        skipWhitespace()
    }

    private mutating func parseObject(depth: Int) throws(StrictJSONError) -> JSONValue {
        try enter(depth: depth)
        var members: [JSONMember] = []
        // Swift compares strings by canonical equivalence, so "caf\u{e9}" and "cafe\u{301}" collide
        // here. That is deliberate: two spellings of one visible name are as confusing as a
        // byte-identical duplicate (the reference compares bytes and accepts them).
        var seen: Set<String> = []
        if peek() == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            guard peek() == UInt8(ascii: "\"") else { throw failure("expected a string key") }
            let keyStart = index
            let key = try parseString()
            guard seen.insert(key).inserted else {
                throw StrictJSONError(kind: .duplicateKey, offset: keyStart - bytes.startIndex,
                                      message: "key \(quoted(key)) appears twice in one object")
            }
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "':' after an object key")
            skipWhitespace()
            members.append(JSONMember(key: key, value: try parseValue(depth: depth + 1)))
            skipWhitespace()
            if peek() == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            try expect(UInt8(ascii: ","), "',' or '}' in an object")
            skipWhitespace()
        }
    }

    private mutating func parseArray(depth: Int) throws(StrictJSONError) -> JSONValue {
        try enter(depth: depth)
        var elements: [JSONValue] = []
        if peek() == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            if peek() == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            try expect(UInt8(ascii: ","), "',' or ']' in an array")
            skipWhitespace()
        }
    }

    private mutating func parseLiteral(_ word: StaticString) throws(StrictJSONError) {
        let count = word.utf8CodeUnitCount
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: count)
        guard bytes.endIndex - index >= count, bytes[index..<index + count].elementsEqual(expected) else {
            throw failure("invalid literal, expected \(word)")
        }
        index += count
    }

    private mutating func parseNumber() throws(StrictJSONError) -> JSONNumber {
        let start = index
        let isNegative = peek() == UInt8(ascii: "-")
        if isNegative { index += 1 }
        guard let first = peek(), isDigit(first) else { throw failure("invalid number") }
        index += 1
        if first == UInt8(ascii: "0"), let next = peek(), isDigit(next) {
            throw failure("numbers must not have leading zeros")
        }
        skipDigits()
        var isInteger = true
        if peek() == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            try requireDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
            try requireDigits()
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        return JSONNumber(text: text, isInteger: isInteger, isNegative: isNegative)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func skipDigits() {
        while let byte = peek(), isDigit(byte) { index += 1 }
    }

    private mutating func requireDigits() throws(StrictJSONError) {
        guard let byte = peek(), isDigit(byte) else { throw failure("invalid number: expected a digit") }
        skipDigits()
    }

    private mutating func parseString() throws(StrictJSONError) -> String {
        index += 1  // opening quote
        var utf8: [UInt8] = []
        var runStart = index
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: "\""):
                utf8.append(contentsOf: bytes[runStart..<index])
                index += 1
                guard let string = String(validating: utf8, as: UTF8.self) else {
                    throw failure("string is not valid UTF-8")
                }
                return string
            case UInt8(ascii: "\\"):
                utf8.append(contentsOf: bytes[runStart..<index])
                index += 1
                try parseEscape(into: &utf8)
                runStart = index
            case 0x00..<0x20:
                throw failure("unescaped control character 0x\(String(byte, radix: 16)) in a string")
            default:
                index += 1
            }
        }
        throw failure("unterminated string")
    }

    private mutating func parseEscape(into utf8: inout [UInt8]) throws(StrictJSONError) {
        guard let byte = peek() else { throw failure("unterminated escape") }
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(byte)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
            var value = try parseHex4()
            if (0xDC00...0xDFFF).contains(value) { throw failure("unpaired low surrogate in \\u escape") }
            if (0xD800...0xDBFF).contains(value) {
                guard peek() == UInt8(ascii: "\\") else { throw failure("unpaired high surrogate in \\u escape") }
                index += 1
                guard peek() == UInt8(ascii: "u") else { throw failure("unpaired high surrogate in \\u escape") }
                index += 1
                let low = try parseHex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw failure("unpaired high surrogate in \\u escape") }
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(value) else { throw failure("invalid \\u escape") }
            UTF8.encode(scalar) { utf8.append($0) }
        default:
            throw failure("invalid escape character 0x\(String(byte, radix: 16))")
        }
    }

    private mutating func parseHex4() throws(StrictJSONError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek() else { throw failure("truncated \\u escape") }
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("invalid hex digit in \\u escape")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }
}
