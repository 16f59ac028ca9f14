/// One line of a JSONL metrics log, reduced to what can be plotted: the numbers of a JSON
/// object, nested objects flattened with "/" (`{"lr": {"head": 0.1}}` → `lr/head`).
///
/// Not a general JSON parser (Thaw has a strict one in ThawJSON): logs written by Python's
/// `json.dumps` contain the non-standard `NaN`, `Infinity` and `-Infinity`, which must be
/// read as values, not rejected; strings other than top-level ones and arrays are skipped
/// without building them; nesting beyond `maximumDepth` is skipped, not recursed into.
struct JSONMetricsLine: Equatable, Sendable {
    static let maximumDepth = 8

    var numbers: [(key: String, value: Double)] = []
    /// Keys whose value was `null` (Thaw writes non-finite values as null).
    var nulls: [String] = []
    /// Top-level string values, e.g. Thaw's `"kind"`.
    var strings: [String: String] = [:]
    /// The strings of a top-level `"nonfinite"` array: Thaw's list of the null fields that
    /// were NaN or ±∞.
    var nonFinite: [String] = []

    static func == (a: JSONMetricsLine, b: JSONMetricsLine) -> Bool {
        a.numbers.map(\.key) == b.numbers.map(\.key) && a.numbers.map(\.value).elementsEqual(b.numbers.map(\.value)) { $0 == $1 || ($0.isNaN && $1.isNaN) }
            && a.nulls == b.nulls && a.strings == b.strings && a.nonFinite == b.nonFinite
    }

    /// The object on `line`, or nil when the line is not one JSON object (blank lines are nil too).
    static func parse(_ line: ArraySlice<UInt8>) -> JSONMetricsLine? {
        var scanner = JSONScanner(line)
        var result = JSONMetricsLine()
        scanner.skipSpace()
        guard scanner.peek() == UInt8(ascii: "{"), (try? scanner.object(prefix: "", depth: 1, into: &result)) != nil else { return nil }
        scanner.skipSpace()
        return scanner.isAtEnd ? result : nil
    }
}

/// The byte-level scanner behind `JSONMetricsLine`.
struct JSONScanner {
    struct Malformed: Error {}

    let bytes: ArraySlice<UInt8>
    var index: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        index = bytes.startIndex
    }

    var isAtEnd: Bool { index >= bytes.endIndex }
    func peek() -> UInt8? { index < bytes.endIndex ? bytes[index] : nil }

    mutating func skipSpace() {
        while let b = peek(), b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A { index += 1 }
    }

    mutating func expect(_ byte: UInt8) throws(Malformed) {
        guard peek() == byte else { throw Malformed() }
        index += 1
    }

    /// An object whose members are recorded under `prefix`; nested objects recurse while
    /// `depth` allows, and are skipped beyond it.
    mutating func object(prefix: String, depth: Int, into result: inout JSONMetricsLine) throws(Malformed) {
        try expect(UInt8(ascii: "{"))
        skipSpace()
        if peek() == UInt8(ascii: "}") { index += 1; return }
        while true {
            skipSpace()
            let name = try string()
            let key = prefix.isEmpty ? name : prefix + "/" + name
            skipSpace()
            try expect(UInt8(ascii: ":"))
            skipSpace()
            try member(key: key, topLevel: prefix.isEmpty, depth: depth, into: &result)
            skipSpace()
            if peek() == UInt8(ascii: ",") { index += 1; continue }
            try expect(UInt8(ascii: "}"))
            return
        }
    }

    mutating func member(key: String, topLevel: Bool, depth: Int, into result: inout JSONMetricsLine) throws(Malformed) {
        guard let byte = peek() else { throw Malformed() }
        switch byte {
        case UInt8(ascii: "{"):
            if depth < JSONMetricsLine.maximumDepth {
                try object(prefix: key, depth: depth + 1, into: &result)
            } else {
                try skipValue(depth: depth)
            }
        case UInt8(ascii: "\""):
            let text = try string()
            if topLevel { result.strings[key] = text }
        case UInt8(ascii: "["):
            if topLevel, key == "nonfinite" { result.nonFinite = try stringArray() } else { try skipValue(depth: depth) }
        case UInt8(ascii: "n"):
            try literal("null")
            result.nulls.append(key)
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        default:
            result.numbers.append((key, try number()))
        }
    }

    mutating func literal(_ word: String) throws(Malformed) {
        let expected = word.utf8
        guard bytes.endIndex - index >= expected.count, bytes[index..<(index + expected.count)].elementsEqual(expected) else {
            throw Malformed()
        }
        index += expected.count
    }

    /// A JSON number, or `NaN`, `Infinity`, `-Infinity` as Python writes them.
    mutating func number() throws(Malformed) -> Double {
        let start = index
        while let b = peek(), NumberText.isDecimalByte(b) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) { index += 1 }
        guard index > start, let value = NumberText.parse(bytes[start..<index]) else { throw Malformed() }
        return value
    }

    mutating func string() throws(Malformed) -> String {
        try expect(UInt8(ascii: "\""))
        let start = index
        var escaped = false
        while let b = peek(), b != UInt8(ascii: "\"") {
            if b == UInt8(ascii: "\\") { escaped = true; index += 1 }
            index += 1
        }
        guard index < bytes.endIndex else { throw Malformed() }
        let raw = bytes[start..<index]
        index += 1
        return escaped ? try Self.unescape(raw) : String(decoding: raw, as: UTF8.self)
    }

    static func unescape(_ raw: ArraySlice<UInt8>) throws(Malformed) -> String {
        var out: [UInt8] = []
        var i = raw.startIndex
        while i < raw.endIndex {
            guard raw[i] == UInt8(ascii: "\\"), i + 1 < raw.endIndex else { out.append(raw[i]); i += 1; continue }
            let e = raw[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                guard raw.endIndex - i >= 4, let code = UInt32(String(decoding: raw[i..<(i + 4)], as: UTF8.self), radix: 16) else { throw Malformed() }
                i += 4
                // A lone surrogate half cannot be encoded; it becomes U+FFFD.
                out += Array(String(Unicode.Scalar(code).map(Character.init) ?? "\u{FFFD}").utf8)
            default: out.append(e)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func stringArray() throws(Malformed) -> [String] {
        try expect(UInt8(ascii: "["))
        var out: [String] = []
        skipSpace()
        if peek() == UInt8(ascii: "]") { index += 1; return out }
        while true {
            skipSpace()
            if peek() == UInt8(ascii: "\"") { out.append(try string()) } else { try skipValue(depth: JSONMetricsLine.maximumDepth) }
            skipSpace()
            if peek() == UInt8(ascii: ",") { index += 1; continue }
            try expect(UInt8(ascii: "]"))
            return out
        }
    }

    /// Skips one value of any kind; bracket nesting is counted, not recursed, so depth costs
    /// nothing.
    mutating func skipValue(depth: Int) throws(Malformed) {
        guard let first = peek() else { throw Malformed() }
        if first == UInt8(ascii: "\"") { _ = try string(); return }
        guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else {
            while let b = peek(), b != UInt8(ascii: ","), b != UInt8(ascii: "}"), b != UInt8(ascii: "]") { index += 1 }
            return
        }
        var open = 0
        while let b = peek() {
            if b == UInt8(ascii: "\"") { _ = try string(); continue }
            index += 1
            if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") { open += 1 }
            if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
                open -= 1
                if open == 0 { return }
            }
        }
        throw Malformed()
    }
}
