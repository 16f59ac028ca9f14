/// Row-level CSV rules shared by the numeric and the text reader: blank lines, equal row
/// widths, and finding columns by header name.
struct CSVRows {
    private(set) var scanner: CSVScanner
    private var firstBlankLine: Int?

    init(bytes: [UInt8], file: String, limits: CSVLimits) throws(DatasetError) {
        scanner = try CSVScanner(bytes: bytes, file: file, limits: limits)
    }

    var file: String { scanner.file }

    func text(_ field: CSVField) -> String { scanner.text(field) }

    func bytes(_ field: CSVField) -> ArraySlice<UInt8> { scanner.bytes[field.start..<field.end] }

    /// The next non-blank record. Blank lines at the end of the file are ignored (editors
    /// add them); a blank line followed by more rows is an error, since it usually marks
    /// two files pasted together or a lost row.
    mutating func next() throws(DatasetError) -> CSVRecord? {
        while let record = try scanner.nextRecord() {
            if record.isBlank {
                if firstBlankLine == nil { firstBlankLine = record.line }
                continue
            }
            if let blank = firstBlankLine {
                throw DatasetError(file: file, kind: .blankLine, location: .line(blank),
                                   detail: "more rows follow on line \(record.line)",
                                   fix: "delete the blank line")
            }
            return record
        }
        return nil
    }

    /// Every row must have as many fields as the first one (the header, if there is one).
    func checkWidth(_ record: CSVRecord, expected: Int, firstLine: Int) throws(DatasetError) {
        guard record.fields.count != expected else { return }
        throw DatasetError(
            file: file, kind: .raggedRow, location: .line(record.line),
            detail: "\(record.fields.count) fields, expected \(expected) as on line \(firstLine)",
            fix: record.fields.count > expected
                ? "quote fields that contain commas" : "fill in the missing fields")
    }

    /// Index of the header column called `name` (trimmed, case-insensitive).
    func column(named name: String, in header: CSVRecord) throws(DatasetError) -> Int {
        let wanted = name.csvTrimmed.lowercased()
        let names = header.fields.map { text($0).csvTrimmed }
        let matches = names.indices.filter { names[$0].lowercased() == wanted }
        guard let found = matches.first else {
            let shown = names.prefix(8).map { DatasetError.quoted($0, limit: 20) }.joined(separator: ", ")
            throw DatasetError(
                file: file, kind: .missingColumn, location: .line(header.line),
                detail: "no column \(DatasetError.quoted(name)) in the header (\(shown)\(names.count > 8 ? ", …" : ""))",
                fix: "rename the header column or choose the column by name in the options")
        }
        guard matches.count == 1 else {
            throw DatasetError(
                file: file, kind: .duplicateColumn, location: .field(line: header.line, column: matches[1] + 1),
                detail: "\(DatasetError.quoted(name)) is column \(matches[0] + 1) and column \(matches[1] + 1)",
                fix: "give every header column a different name")
        }
        return found
    }

    /// The error for a file that has no records at all.
    func emptyFile(_ detail: String) -> DatasetError {
        DatasetError(file: file, kind: .emptyFile, location: .byte(0), detail: detail,
                     fix: "the file has no rows; check the path")
    }
}

extension String {
    /// Without leading and trailing spaces and tabs (labels and header names are compared trimmed).
    var csvTrimmed: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
