/// Reads a CSV metrics log with a header: PyTorch Lightning's `CSVLogger` (sparse rows with
/// `epoch` and `step`), Keras's `CSVLogger` (`epoch` first), Thaw's `metrics.csv`, and the
/// "Wall time,Step,Value" file TensorBoard's download button writes for one tag (named after
/// the file). The step column is found as for JSONL; empty and non-numeric cells are not
/// values. The delimiter is a comma, or a tab or semicolon when the header has no comma.
/// Quoted fields follow RFC 4180 but must not contain line breaks.
struct CSVDecoder: Equatable, Sendable {
    var lines = LineSplitter()
    var rows: CSVRows

    init(fileStem: String) { rows = CSVRows(fileStem: fileStem) }

    mutating func consume(_ chunk: ArraySlice<UInt8>, into run: inout RunData, notes: inout FileNotes) {
        var rows = rows
        lines.feed(chunk) { piece in
            switch piece {
            case let .line(line, number): rows.read(line, number: number, into: &run, notes: &notes)
            case .tooLong(let number): notes.warn("long-line", "line \(number) is longer than \(LineSplitter.maximumLine >> 20) MiB; skipped")
            }
        }
        self.rows = rows
        notes.pending = lines.pendingCount > 0 ? "half-written last line at byte \(lines.offset) (\(lines.pendingCount) bytes so far)" : nil
    }

    mutating func finishPendingLine(into run: inout RunData, notes: inout FileNotes) {
        guard let (line, number) = lines.takePending() else { return }
        rows.read(line, number: number, into: &run, notes: &notes)
        notes.pending = nil
    }
}

/// The rows of a CSV log after its header.
struct CSVRows: Equatable, Sendable {
    /// The tag of the value column in a TensorBoard download ("Wall time,Step,Value").
    let fileStem: String
    private(set) var columns: [String]?
    private var stepColumn: Int?
    private var delimiter = UInt8(ascii: ",")
    private var rowIndex = 0

    init(fileStem: String) { self.fileStem = fileStem }

    mutating func read(_ line: ArraySlice<UInt8>, number: Int, into run: inout RunData, notes: inout FileNotes) {
        guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return }
        guard let columns else {
            header(line)
            return
        }
        let fields = CSVFields.split(line, delimiter: delimiter)
        guard fields.count == columns.count else {
            notes.warn("fields", "line \(number) has \(fields.count) fields, the header \(columns.count); skipped")
            return
        }
        defer { rowIndex += 1 }
        var step = Double(rowIndex)
        if let stepColumn {
            guard let value = NumberText.parse(fields[stepColumn][...]), value.isFinite else {
                notes.warn("step", "line \(number) has no step; skipped")
                return
            }
            step = value
        }
        for (index, field) in fields.enumerated() where index != stepColumn && !columns[index].isEmpty {
            guard !field.isEmpty, let value = NumberText.parse(field[...]) else { continue }
            run.append(tag: columns[index], step: step, value: value)
        }
    }

    /// Reads the header: column names, the step column, the delimiter. Wall-clock columns get
    /// an empty name so they are never read as metrics.
    mutating func header(_ line: ArraySlice<UInt8>) {
        if !line.contains(UInt8(ascii: ",")) {
            if line.contains(0x09) { delimiter = 0x09 } else if line.contains(UInt8(ascii: ";")) { delimiter = UInt8(ascii: ";") }
        }
        var names = CSVFields.split(line, delimiter: delimiter).map { String(decoding: $0, as: UTF8.self) }
        if let first = names.first, first.hasPrefix("\u{FEFF}") { names[0] = String(first.dropFirst()) }
        stepColumn = ColumnNames.stepIndex(names)
        if names.map({ $0.lowercased() }) == ["wall time", "step", "value"] { names[2] = fileStem }
        columns = names.map { ColumnNames.isTime($0) ? "" : $0 }
    }
}

/// Splitting one CSV line into fields.
enum CSVFields {
    /// The fields of `line`, quotes removed and doubled quotes undone.
    static func split(_ line: ArraySlice<UInt8>, delimiter: UInt8) -> [[UInt8]] {
        let quote = UInt8(ascii: "\"")
        guard line.contains(quote) else { return line.split(separator: delimiter, omittingEmptySubsequences: false).map(Array.init) }
        var fields: [[UInt8]] = []
        var field: [UInt8] = []
        var quoted = false
        var index = line.startIndex
        while index < line.endIndex {
            let byte = line[index]
            if quoted {
                if byte == quote {
                    if index + 1 < line.endIndex, line[index + 1] == quote {
                        field.append(quote)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == quote {
                quoted = true
            } else if byte == delimiter {
                fields.append(field)
                field = []
            } else {
                field.append(byte)
            }
            index += 1
        }
        fields.append(field)
        return fields
    }
}
