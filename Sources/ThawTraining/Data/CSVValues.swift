/// Decimal numbers in CSV fields.
///
/// A strict grammar (`[+-]digits[.digits][e[+-]digits]`, spaces around allowed) instead of
/// `Float(String)` alone, which would also accept hex floats and "nan": a feature written
/// "0x10" is far more likely a mistake than a number. NaN and infinities are recognised so
/// they can be reported as non-finite, not as "not a number".
enum CSVNumber {
    enum Parsed: Equatable {
        case value(Float)
        case notANumber
        case nonFinite
    }

    static func parse(_ bytes: ArraySlice<UInt8>) -> Parsed {
        var slice = bytes
        while let first = slice.first, first == 0x20 || first == 0x09 { slice.removeFirst() }
        while let last = slice.last, last == 0x20 || last == 0x09 { slice.removeLast() }
        guard !slice.isEmpty else { return .notANumber }
        var index = slice.startIndex
        let end = slice.endIndex
        var negative = false
        if slice[index] == 0x2B || slice[index] == 0x2D {
            negative = slice[index] == 0x2D
            index += 1
        }
        var integer = 0
        var digits = 0
        while index < end, let digit = digitValue(slice[index]) {
            if digits < 18 { integer = integer * 10 + digit }
            digits += 1
            index += 1
        }
        if index == end, digits > 0, digits <= 9 {
            // Fast path for integer pixels and counts; exact below 2^24 and correctly rounded above.
            return .value(Float(negative ? -integer : integer))
        }
        var fraction = 0
        if index < end, slice[index] == 0x2E {
            index += 1
            while index < end, digitValue(slice[index]) != nil { fraction += 1; index += 1 }
        }
        guard digits + fraction > 0 else { return isNonFiniteWord(slice) ? .nonFinite : .notANumber }
        if index < end, slice[index] == 0x65 || slice[index] == 0x45 {
            index += 1
            if index < end, slice[index] == 0x2B || slice[index] == 0x2D { index += 1 }
            var exponentDigits = 0
            while index < end, digitValue(slice[index]) != nil { exponentDigits += 1; index += 1 }
            guard exponentDigits > 0 else { return .notANumber }
        }
        guard index == end else { return .notANumber }
        guard let value = Float(String(decoding: slice, as: UTF8.self)) else { return .notANumber }
        return value.isFinite ? .value(value) : .nonFinite
    }

    /// True when the field looks numeric, non-finite values included (used to detect a header).
    static func looksNumeric(_ bytes: ArraySlice<UInt8>) -> Bool {
        parse(bytes) != .notANumber
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        byte >= 0x30 && byte <= 0x39 ? Int(byte - 0x30) : nil
    }

    private static func isNonFiniteWord(_ slice: ArraySlice<UInt8>) -> Bool {
        var word = String(decoding: slice, as: UTF8.self).lowercased()
        if word.hasPrefix("+") || word.hasPrefix("-") { word.removeFirst() }
        return word == "nan" || word == "inf" || word == "infinity"
    }
}

/// A label as written in the file, with its place for error messages.
struct RawLabel {
    var text: String
    var line: Int
    var column: Int
}

/// Turns label strings into class indices with an order that does not depend on row order:
/// numerically sorted when every label is an integer (so "10" follows "9"), otherwise sorted
/// by UTF-8 bytes (the same on every platform and locale). Explicit class names override both,
/// which is how a test file is made to share the training file's indices.
enum ClassLabelEncoder {
    static func encode(_ raw: [RawLabel], classNames: [String]?,
                       file: String) throws(DatasetError) -> (labels: [Int], names: [String]) {
        if let classNames { return try encode(raw, given: classNames, file: file) }
        let integers = raw.map { Int($0.text) }
        if !raw.isEmpty, integers.allSatisfy({ $0 != nil }) {
            let values = integers.map { $0! }
            let sorted = Array(Set(values)).sorted()
            let index = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0) })
            return (values.map { index[$0]! }, sorted.map(String.init))
        }
        let names = Array(Set(raw.map(\.text))).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        return (raw.map { index[$0.text]! }, names)
    }

    private static func encode(_ raw: [RawLabel], given names: [String],
                               file: String) throws(DatasetError) -> (labels: [Int], names: [String]) {
        var index: [String: Int] = [:]
        for (position, name) in names.enumerated() where index[name] == nil { index[name] = position }
        var labels: [Int] = []
        labels.reserveCapacity(raw.count)
        for label in raw {
            // "07" matches a class named "7": integer labels compare by value.
            guard let found = index[label.text] ?? Int(label.text).flatMap({ index[String($0)] }) else {
                let known = names.prefix(10).map { DatasetError.quoted($0) }.joined(separator: ", ")
                throw DatasetError(
                    file: file, kind: .unknownLabel, location: .field(line: label.line, column: label.column),
                    detail: "\(DatasetError.quoted(label.text)) is not among the \(names.count) classes (\(known)\(names.count > 10 ? ", …" : ""))",
                    fix: "fix the label or add it to the class names")
            }
            labels.append(found)
        }
        return (labels, names)
    }
}
