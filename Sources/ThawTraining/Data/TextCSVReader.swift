public struct TextCSVOptions: Sendable, Equatable {
    /// With a header, columns are found by name; without one, the label is column 1 and the
    /// text column 2. There is no auto-detection: a text header looks just like a text row.
    public var hasHeader: Bool
    public var labelColumn: String
    public var textColumn: String
    /// Fixes the class order (and so the indices) instead of deriving it from this file.
    public var classNames: [String]?
    public var limits: CSVLimits

    public init(hasHeader: Bool = true, labelColumn: String = "label", textColumn: String = "text",
                classNames: [String]? = nil, limits: CSVLimits = CSVLimits()) {
        self.hasHeader = hasHeader
        self.labelColumn = labelColumn
        self.textColumn = textColumn
        self.classNames = classNames
        self.limits = limits
    }
}

/// Reads `label,text` files such as sms_spam.csv into a `TextDataset`.
///
/// Texts are kept exactly as written (after RFC 4180 unquoting): spaces, line breaks and
/// HTML entities are the tokenizer's business, and trimming here would change what the model
/// sees without the user knowing.
public enum TextCSVReader {
    public static func read(at path: String,
                            options: TextCSVOptions = TextCSVOptions()) throws(DatasetError) -> TextDataset {
        try read(bytes: FileByteSource.contents(of: path, maxBytes: options.limits.maxFileBytes),
                 name: path, options: options)
    }

    public static func read(bytes: [UInt8], name: String,
                            options: TextCSVOptions = TextCSVOptions()) throws(DatasetError) -> TextDataset {
        var rows = try CSVRows(bytes: bytes, file: name, limits: options.limits)
        guard let first = try rows.next() else {
            throw rows.emptyFile(options.hasHeader ? "no header and no rows" : "no rows")
        }
        let width = first.fields.count
        let labelIndex: Int
        let textIndex: Int
        if options.hasHeader {
            labelIndex = try rows.column(named: options.labelColumn, in: first)
            textIndex = try rows.column(named: options.textColumn, in: first)
        } else {
            guard width >= 2 else {
                throw DatasetError(file: name, kind: .missingColumn, location: .line(first.line),
                                   detail: "rows have 1 field; expected label,text",
                                   fix: "check the delimiter (only ',' is read)")
            }
            (labelIndex, textIndex) = (0, 1)
        }

        var texts: [String] = []
        var rawLabels: [RawLabel] = []
        var next: CSVRecord? = options.hasHeader ? try rows.next() : first
        while let record = next {
            try rows.checkWidth(record, expected: width, firstLine: first.line)
            let labelField = record.fields[labelIndex]
            let label = rows.text(labelField).csvTrimmed
            guard !label.isEmpty else {
                throw DatasetError(file: name, kind: .emptyLabel,
                                   location: .field(line: labelField.line, column: labelIndex + 1),
                                   detail: "every row needs a label", fix: "fill in the label or delete the row")
            }
            rawLabels.append(RawLabel(text: label, line: labelField.line, column: labelIndex + 1))
            texts.append(rows.text(record.fields[textIndex]))
            next = try rows.next()
        }
        guard !texts.isEmpty else {
            throw DatasetError(file: name, kind: .noRows, location: .line(first.line + 1),
                               detail: "the file has a header but no data rows", fix: "add rows or check the path")
        }
        let (labels, names) = try ClassLabelEncoder.encode(rawLabels, classNames: options.classNames, file: name)
        return TextDataset(source: name, texts: texts, labels: labels, classNames: names)
    }
}
