/// What went wrong while reading or reshaping a dataset.
///
/// One case per rule rather than one "bad file" error, so that tests can assert exactly which
/// rule a malformed fixture breaks and the workbench can decide what to offer (a CSV with a
/// ragged row needs editing; a truncated download needs fetching again).
public enum DatasetErrorKind: String, Sendable, CaseIterable, Equatable, Codable {
    // Files
    case ioError, fileTooLarge
    // gzip
    case gzipCorrupt, gzipTruncated, gzipChecksum, gzipLength, gzipTrailingBytes
    // IDX
    case idxTooShort, idxBadMagic, idxUnsupportedDType, idxWrongKind, idxDimensionCount
    case idxZeroDimension, idxDimensionTooLarge, idxTruncated, idxTrailingBytes
    case countMismatch, labelOutOfRange
    // CSV
    case emptyFile, invalidUTF8, unterminatedQuote, strayQuote, textAfterQuote
    case fieldTooLong, tooManyColumns, raggedRow, blankLine, nonNumeric, nonFinite
    case emptyLabel, missingColumn, duplicateColumn, noFeatureColumns, noRows
    case shapeMismatch, unknownLabel
    // Dataset operations
    case invalidSplit, tooFewExamples

    /// The rule in words; the error's `detail` says what was found.
    public var summary: String {
        switch self {
        case .ioError: "cannot read file"
        case .fileTooLarge: "file is larger than the reader's limit"
        case .gzipCorrupt: "gzip data is corrupt"
        case .gzipTruncated: "gzip data ends early"
        case .gzipChecksum: "gzip CRC-32 check failed"
        case .gzipLength: "gzip length check failed"
        case .gzipTrailingBytes: "unexpected bytes after the gzip data"
        case .idxTooShort: "IDX header is incomplete"
        case .idxBadMagic: "not an IDX file"
        case .idxUnsupportedDType: "unsupported IDX element type"
        case .idxWrongKind: "wrong kind of IDX file"
        case .idxDimensionCount: "wrong number of IDX dimensions"
        case .idxZeroDimension: "IDX dimension is zero"
        case .idxDimensionTooLarge: "IDX dimension is too large"
        case .idxTruncated: "IDX data ends early"
        case .idxTrailingBytes: "unexpected bytes after the IDX data"
        case .countMismatch: "image and label counts differ"
        case .labelOutOfRange: "label is not a valid class index"
        case .emptyFile: "file is empty"
        case .invalidUTF8: "invalid UTF-8"
        case .unterminatedQuote: "quoted field is never closed"
        case .strayQuote: "quote inside an unquoted field"
        case .textAfterQuote: "text after a closing quote"
        case .fieldTooLong: "field is longer than the limit"
        case .tooManyColumns: "too many columns"
        case .raggedRow: "row has the wrong number of fields"
        case .blankLine: "blank line between rows"
        case .nonNumeric: "feature is not a number"
        case .nonFinite: "feature is not finite"
        case .emptyLabel: "label is empty"
        case .missingColumn: "column not found"
        case .duplicateColumn: "column name appears twice"
        case .noFeatureColumns: "no feature columns"
        case .noRows: "no data rows"
        case .shapeMismatch: "feature count does not match the feature shape"
        case .unknownLabel: "label is not one of the given classes"
        case .invalidSplit: "invalid split fractions"
        case .tooFewExamples: "a class has too few examples"
        }
    }
}

/// Where in a file an error was found, in the unit a user can act on: a line (and field) for
/// text files, a byte offset for binary ones.
public enum DatasetLocation: Sendable, Equatable, Codable {
    case whole
    case line(Int)
    case field(line: Int, column: Int)
    case byte(Int)
    /// An offset into the decompressed stream of a gzip file (what `zcat FILE | xxd` shows).
    case decompressedByte(Int)

    public var text: String? {
        switch self {
        case .whole: nil
        case let .line(line): "line \(line)"
        case let .field(line, column): "line \(line), column \(column)"
        case let .byte(offset): "byte \(offset)"
        case let .decompressedByte(offset): "byte \(offset) of the decompressed data"
        }
    }
}

/// A dataset problem, rendered as exactly one line: file, place, rule, what was found, and
/// how to fix it when that is obvious.
///
/// Everything after the rule comes from untrusted input (a label can hold "\u{1b}[2J" or a
/// newline), so `description` escapes control characters instead of trusting each call site.
public struct DatasetError: Error, CustomStringConvertible, Equatable, Sendable {
    public let file: String
    public let kind: DatasetErrorKind
    public let location: DatasetLocation
    public let detail: String
    public let fix: String?

    public init(file: String, kind: DatasetErrorKind, location: DatasetLocation = .whole,
                detail: String = "", fix: String? = nil) {
        self.file = file
        self.kind = kind
        self.location = location
        self.detail = detail
        self.fix = fix
    }

    public var description: String {
        var text = file.isEmpty ? "dataset" : file
        if let place = location.text { text += ": " + place }
        text += ": " + kind.summary
        if !detail.isEmpty { text += ": " + detail }
        if let fix, !fix.isEmpty { text += "; fix: " + fix }
        return Self.oneLine(text)
    }

    /// Replaces characters that could break the line or drive a terminal with `\u{XX}`.
    static func oneLine(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029:
                out.append(contentsOf: ("\\u{" + String(scalar.value, radix: 16) + "}").unicodeScalars)
            default:
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Quotes a value from the file for a message, cut short so one huge field cannot flood it.
    static func quoted(_ value: String, limit: Int = 40) -> String {
        value.count <= limit ? "\"\(value)\"" : "\"\(value.prefix(limit))…\""
    }
}
