/// Limits that keep a hostile CSV from exhausting memory; checked while scanning, so a 2 GB
/// field or a million-column row is refused when the limit is crossed, not after.
public struct CSVLimits: Sendable, Equatable {
    public var maxFileBytes: Int
    public var maxFieldBytes: Int
    public var maxColumns: Int

    public init(maxFileBytes: Int = 1 << 31, maxFieldBytes: Int = 1 << 20, maxColumns: Int = 100_000) {
        self.maxFileBytes = maxFileBytes
        self.maxFieldBytes = maxFieldBytes
        self.maxColumns = maxColumns
    }
}

/// One field: a byte range of the file (without its surrounding quotes) and where it starts.
struct CSVField {
    var start: Int
    var end: Int
    var quoted: Bool
    /// Contains `""`, so its text needs unescaping.
    var escaped: Bool
    var line: Int

    var isEmpty: Bool { start == end }
}

struct CSVRecord {
    var line: Int
    var fields: [CSVField]
    /// An empty line: one empty, unquoted field.
    var isBlank: Bool { fields.count == 1 && !fields[0].quoted && fields[0].isEmpty }
}

/// An RFC 4180 tokenizer over a whole file in memory (whose size was checked before it was
/// read): quoted fields, `""` escapes, embedded commas and line breaks, CRLF, LF or CR line
/// ends. It is strict where a lenient reader would guess: a quote inside an unquoted field or
/// text after a closing quote is an error, because guessing silently shifts columns.
struct CSVScanner {
    let bytes: [UInt8]
    let file: String
    let limits: CSVLimits
    private(set) var position: Int
    private(set) var line = 1

    private static let comma: UInt8 = 0x2C, quote: UInt8 = 0x22, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D

    /// Validates UTF-8 up front (the one error that needs a byte offset) and skips a BOM.
    init(bytes: [UInt8], file: String, limits: CSVLimits) throws(DatasetError) {
        self.bytes = bytes
        self.file = file
        self.limits = limits
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        position = bom ? 3 : 0
        let problem: (offset: Int, line: Int, fix: String)? = bytes.withUnsafeBufferPointer { buffer in
            guard let offset = UTF8Check.firstInvalidOffset(buffer) else { return nil }
            return (offset, UTF8Check.line(of: offset, in: buffer), UTF8Check.guessFix(buffer))
        }
        if let problem {
            let byte = "0x" + String(bytes[problem.offset], radix: 16)
            throw DatasetError(file: file, kind: .invalidUTF8, location: .byte(problem.offset),
                               detail: "byte \(byte) on line \(problem.line)", fix: problem.fix)
        }
    }

    var atEnd: Bool { position >= bytes.count }

    private func error(_ kind: DatasetErrorKind, line: Int, column: Int, _ detail: String,
                       fix: String? = nil) -> DatasetError {
        DatasetError(file: file, kind: kind, location: .field(line: line, column: column), detail: detail, fix: fix)
    }

    /// The next record, or nil at the end of the file.
    mutating func nextRecord() throws(DatasetError) -> CSVRecord? {
        guard !atEnd else { return nil }
        var record = CSVRecord(line: line, fields: [])
        while true {
            let column = record.fields.count + 1
            guard column <= limits.maxColumns else {
                throw error(.tooManyColumns, line: record.line, column: column,
                            "more than \(limits.maxColumns) fields in this row",
                            fix: "check the delimiter, or raise CSVLimits.maxColumns")
            }
            let field = try scanField(column: column)
            record.fields.append(field)
            guard position < bytes.count else { return record }
            switch bytes[position] {
            case Self.comma:
                position += 1
            case Self.cr:
                position += 1
                if position < bytes.count, bytes[position] == Self.lf { position += 1 }
                line += 1
                return record
            default:   // LF; `scanField` stops only at a comma, a line end or the end of the file
                position += 1
                line += 1
                return record
            }
        }
    }

    private mutating func scanField(column: Int) throws(DatasetError) -> CSVField {
        let startLine = line
        let maxField = limits.maxFieldBytes
        if position < bytes.count, bytes[position] == Self.quote {
            position += 1
            var field = CSVField(start: position, end: position, quoted: true, escaped: false, line: startLine)
            while true {
                guard position < bytes.count else {
                    throw error(.unterminatedQuote, line: startLine, column: column,
                                "the quote opened here is still open at the end of the file",
                                fix: "close the quote; write a quote inside a quoted field as \"\"")
                }
                let byte = bytes[position]
                if byte == Self.quote {
                    if position + 1 < bytes.count, bytes[position + 1] == Self.quote {
                        field.escaped = true
                        position += 2
                    } else {
                        field.end = position
                        position += 1
                        break
                    }
                } else {
                    if byte == Self.lf || (byte == Self.cr && (position + 1 == bytes.count || bytes[position + 1] != Self.lf)) {
                        line += 1
                    }
                    position += 1
                }
                if position - field.start > maxField {
                    throw tooLong(line: startLine, column: column)
                }
            }
            if position < bytes.count {
                let next = bytes[position]
                guard next == Self.comma || next == Self.lf || next == Self.cr else {
                    throw error(.textAfterQuote, line: line, column: column,
                                "\(Self.describe(next)) follows the closing quote",
                                fix: "quote the whole field and write inner quotes as \"\"")
                }
            }
            return field
        }
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == Self.comma || byte == Self.lf || byte == Self.cr { break }
            if byte == Self.quote {
                throw error(.strayQuote, line: startLine, column: column,
                            "a field that does not start with a quote contains one",
                            fix: "wrap the field in quotes and double the inner quote (\"\")")
            }
            position += 1
            if position - start > maxField { throw tooLong(line: startLine, column: column) }
        }
        return CSVField(start: start, end: position, quoted: false, escaped: false, line: startLine)
    }

    private func tooLong(line: Int, column: Int) -> DatasetError {
        error(.fieldTooLong, line: line, column: column, "longer than \(limits.maxFieldBytes) bytes",
              fix: "check for an unbalanced quote, or raise CSVLimits.maxFieldBytes")
    }

    private static func describe(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }

    /// The field's text, with `""` turned back into `"`.
    func text(_ field: CSVField) -> String {
        let raw = String(decoding: bytes[field.start..<field.end], as: UTF8.self)
        return field.escaped ? raw.replacing("\"\"", with: "\"") : raw
    }
}
