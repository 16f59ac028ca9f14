/// Numbers as metric logs spell them: JSON and CSV decimals, plus the non-finite spellings
/// Python (`NaN`, `Infinity`, `-Infinity`), NumPy/pandas (`nan`, `inf`) and Thaw's CSV
/// (`nan`, `inf`, `-inf`) write.
enum NumberText {
    /// The number in `bytes` (surrounding spaces allowed), or nil when it is not one.
    static func parse(_ bytes: ArraySlice<UInt8>) -> Double? {
        var slice = bytes
        while let first = slice.first, first == 0x20 || first == 0x09 { slice.removeFirst() }
        while let last = slice.last, last == 0x20 || last == 0x09 || last == 0x0D { slice.removeLast() }
        guard !slice.isEmpty, slice.count <= 64 else { return nil }
        if let fast = fastDecimal(slice) { return fast }
        let text = String(decoding: slice, as: UTF8.self)
        switch text.lowercased() {
        case "nan", "-nan", "+nan": return .nan
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default: break
        }
        // Only decimal notation: Swift would also accept hexadecimal floats and "nan(…)".
        guard slice.allSatisfy({ Self.isDecimalByte($0) }) else { return nil }
        return Double(text)
    }

    static func isDecimalByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || byte == 0x2E || byte == 0x2D || byte == 0x2B || byte == 0x65 || byte == 0x45
    }

    static let powersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }

    /// Clinger's fast path: a decimal with at most 15 significant digits and a power of ten up
    /// to 10²² is one correctly rounded multiplication or division of two exact doubles, so
    /// the result equals the full conversion. Anything else returns nil.
    static func fastDecimal(_ bytes: ArraySlice<UInt8>) -> Double? {
        var index = bytes.startIndex
        var negative = false
        if bytes[index] == 0x2D { negative = true; index += 1 } else if bytes[index] == 0x2B { index += 1 }
        var mantissa: UInt64 = 0
        var digits = 0, fractionDigits = 0
        var seenPoint = false, seenDigit = false
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte >= 0x30, byte <= 0x39 {
                seenDigit = true
                if mantissa == 0, byte == 0x30 {
                    if seenPoint { fractionDigits += 1 }
                } else {
                    digits += 1
                    guard digits <= 15 else { return nil }
                    mantissa = mantissa * 10 + UInt64(byte - 0x30)
                    if seenPoint { fractionDigits += 1 }
                }
            } else if byte == 0x2E, !seenPoint {
                seenPoint = true
            } else {
                break
            }
            index += 1
        }
        guard seenDigit else { return nil }
        var exponent = -fractionDigits
        if index < bytes.endIndex {
            guard bytes[index] == 0x65 || bytes[index] == 0x45 else { return nil }
            index += 1
            var exponentNegative = false
            if index < bytes.endIndex, bytes[index] == 0x2D || bytes[index] == 0x2B {
                exponentNegative = bytes[index] == 0x2D
                index += 1
            }
            var value = 0, exponentDigits = 0
            while index < bytes.endIndex, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                value = Swift.min(value * 10 + Int(bytes[index] - 0x30), 10_000)
                exponentDigits += 1
                index += 1
            }
            guard exponentDigits > 0, index == bytes.endIndex else { return nil }
            exponent += exponentNegative ? -value : value
        }
        let magnitude: Double
        if mantissa == 0 {
            magnitude = 0
        } else if exponent >= 0, exponent <= 22 {
            magnitude = Double(mantissa) * powersOfTen[exponent]
        } else if exponent < 0, exponent >= -22 {
            magnitude = Double(mantissa) / powersOfTen[-exponent]
        } else {
            return nil
        }
        return negative ? -magnitude : magnitude
    }
}
