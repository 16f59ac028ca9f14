/// Finds the first byte that breaks UTF-8, so the message can give its offset and line.
///
/// Hand-written because the standard library only says whether a buffer is valid, not where
/// it stops being so. Follows the Unicode table of well-formed sequences: no overlong forms,
/// no surrogates, nothing above U+10FFFF.
enum UTF8Check {
    /// Offset of the first byte of the first ill-formed sequence, or nil.
    static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return index
            }
            guard index + length <= count else { return index }
            let second = bytes[index + 1]
            guard second >= low, second <= high else { return index }
            for next in (index + 2)..<(index + length) where bytes[next] & 0xC0 != 0x80 {
                return index
            }
            index += length
        }
        return nil
    }

    /// 1-based line number of `offset`, counting LF, CRLF and lone CR as line ends.
    static func line(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var line = 1
        var index = 0
        while index < min(offset, bytes.count) {
            if bytes[index] == 0x0A {
                line += 1
            } else if bytes[index] == 0x0D {
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                line += 1
            }
            index += 1
        }
        return line
    }

    /// A hint for the common non-UTF-8 encodings.
    static func guessFix(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            return "the file looks like UTF-16; save it as UTF-8"
        }
        return "save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8 IN > OUT`)"
    }
}
