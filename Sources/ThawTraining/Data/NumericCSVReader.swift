/// Whether the first row of a CSV names the columns.
public enum CSVHeader: Sendable, Equatable {
    /// A header when some feature field of the first row is non-empty and not a number;
    /// an empty field does not count, so a data row with a gap is reported, not swallowed.
    case auto
    case present
    case absent
}

/// Which column holds the label.
public enum LabelColumn: Sendable, Equatable {
    case first
    case last
    /// By header name (trimmed, case-insensitive); requires a header.
    case named(String)
}

public struct NumericCSVOptions: Sendable, Equatable {
    public var header: CSVHeader
    public var labelColumn: LabelColumn
    /// The shape of one example, e.g. `[1, 8, 8]` for digits; default `[feature count]`.
    public var featureShape: [Int]?
    /// Multiplies every feature at read time (digits: `1 / 16` maps 0…16 to 0…1).
    public var scale: Float
    /// Fixes the class order (and so the indices) instead of deriving it from this file.
    public var classNames: [String]?
    public var limits: CSVLimits

    public init(header: CSVHeader = .auto, labelColumn: LabelColumn = .first, featureShape: [Int]? = nil,
                scale: Float = 1, classNames: [String]? = nil, limits: CSVLimits = CSVLimits()) {
        self.header = header
        self.labelColumn = labelColumn
        self.featureShape = featureShape
        self.scale = scale
        self.classNames = classNames
        self.limits = limits
    }
}

/// Reads `label, feature…` rows (digits.csv, or any table of numbers) into a `Dataset`.
public enum NumericCSVReader {
    public static func read(at path: String,
                            options: NumericCSVOptions = NumericCSVOptions()) throws(DatasetError) -> Dataset {
        try read(bytes: FileByteSource.contents(of: path, maxBytes: options.limits.maxFileBytes),
                 name: path, options: options)
    }

    public static func read(bytes: [UInt8], name: String,
                            options: NumericCSVOptions = NumericCSVOptions()) throws(DatasetError) -> Dataset {
        var rows = try CSVRows(bytes: bytes, file: name, limits: options.limits)
        guard let first = try rows.next() else { throw rows.emptyFile("no header and no rows") }
        let width = first.fields.count
        guard width >= 2 else {
            throw DatasetError(file: name, kind: .noFeatureColumns, location: .line(first.line),
                               detail: "rows have 1 field; a label and at least one feature are needed",
                               fix: "check the delimiter (only ',' is read)")
        }
        let labelIndex: Int
        switch options.labelColumn {
        case .first: labelIndex = 0
        case .last: labelIndex = width - 1
        case let .named(label):
            guard options.header != .absent else {
                throw DatasetError(file: name, kind: .missingColumn, location: .line(first.line),
                                   detail: "a label column named \(DatasetError.quoted(label)) needs a header row",
                                   fix: "use LabelColumn.first or .last for files without a header")
            }
            labelIndex = try rows.column(named: label, in: first)
        }
        let featureColumns = (0..<width).filter { $0 != labelIndex }
        let hasHeader = switch (options.header, options.labelColumn) {
        case (.present, _), (.auto, .named): true
        case (.absent, _): false
        case (.auto, _): featureColumns.contains { column in
            let field = first.fields[column]
            return !field.isEmpty && !CSVNumber.looksNumeric(rows.bytes(field))
        }
        }
        let shape = options.featureShape ?? [featureColumns.count]
        let shapeCount = shape.reduce(1) { $0.multipliedReportingOverflow(by: max($1, 0)).partialValue }
        guard shape.allSatisfy({ $0 > 0 }), shapeCount == featureColumns.count else {
            throw DatasetError(file: name, kind: .shapeMismatch, location: .line(first.line),
                               detail: "\(featureColumns.count) feature columns, but feature shape \(shape) holds \(shapeCount)",
                               fix: "pass a featureShape whose sizes multiply to the number of feature columns")
        }
        let headerNames = hasHeader ? first.fields.map { rows.text($0) } : nil

        var features: [Float] = []
        var rawLabels: [RawLabel] = []
        var next: CSVRecord? = hasHeader ? try rows.next() : first
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
            for column in featureColumns {
                let field = record.fields[column]
                var parsed = CSVNumber.parse(rows.bytes(field))
                if case let .value(value) = parsed {
                    let scaled = value * options.scale
                    if scaled.isFinite {
                        features.append(scaled)
                        continue
                    }
                    parsed = .nonFinite   // finite in the file, but not after `scale`
                }
                let text = rows.text(field)
                let named = headerNames.map { " in column \(DatasetError.quoted($0[column], limit: 20))" } ?? ""
                let nonFinite = parsed == .nonFinite
                throw DatasetError(
                    file: name, kind: nonFinite ? .nonFinite : .nonNumeric,
                    location: .field(line: field.line, column: column + 1),
                    detail: (text.isEmpty ? "empty field" : DatasetError.quoted(text)) + named,
                    fix: nonFinite ? "replace NaN, Inf and values beyond Float32's ±3.4e38"
                        : "features must be decimal numbers; fill in or drop missing values first")
            }
            next = try rows.next()
        }
        guard !rawLabels.isEmpty else {
            throw DatasetError(file: name, kind: .noRows, location: .line(first.line + 1),
                               detail: "the file has a header but no data rows", fix: "add rows or check the path")
        }
        let (labels, names) = try ClassLabelEncoder.encode(rawLabels, classNames: options.classNames, file: name)
        return Dataset(source: name, featureShape: shape, features: features, labels: labels, classNames: names)
    }
}
