/// Reads a JSONL metrics log: one JSON object per line with a step and numeric metrics.
/// The step is the first of `ColumnNames.step` present, else `epoch`, else the line's
/// position among data lines. Wall-clock keys are not metrics. `null` is a NaN when the
/// line lists the key under `"nonfinite"` (Thaw's encoding), otherwise no value.
///
/// Thaw's own `metrics.jsonl` (flavour `.thawRun`) mixes kinds of lines: only `step` and
/// `epoch` lines hold metrics (diagnostics and events are skipped), and its `epoch` index
/// and `elapsed_s` are bookkeeping, not curves.
struct JSONLDecoder: Equatable, Sendable {
    enum Flavour: Equatable, Sendable { case generic, thawRun }

    let flavour: Flavour
    var lines = LineSplitter()
    /// Data lines read, the step of logs that have none.
    private var rowIndex = 0

    init(flavour: Flavour) { self.flavour = flavour }

    mutating func consume(_ chunk: ArraySlice<UInt8>, into run: inout RunData, notes: inout FileNotes) {
        let flavour = flavour
        var rows = rowIndex
        lines.feed(chunk) { piece in
            switch piece {
            case let .line(line, number):
                Self.read(line, number: number, flavour: flavour, row: &rows, into: &run, notes: &notes)
            case .tooLong(let number):
                notes.warn("long-line", "line \(number) is longer than \(LineSplitter.maximumLine >> 20) MiB; skipped")
            }
        }
        rowIndex = rows
        notes.pending = lines.pendingCount > 0 ? "half-written last line at byte \(lines.offset) (\(lines.pendingCount) bytes so far)" : nil
    }

    /// Reads a last line that never got its newline (the file has stopped growing).
    mutating func finishPendingLine(into run: inout RunData, notes: inout FileNotes) {
        guard let (line, number) = lines.takePending() else { return }
        Self.read(line, number: number, flavour: flavour, row: &rowIndex, into: &run, notes: &notes)
        notes.pending = nil
    }

    static func read(_ line: ArraySlice<UInt8>, number: Int, flavour: Flavour, row: inout Int,
                     into run: inout RunData, notes: inout FileNotes) {
        guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return }
        guard let object = JSONMetricsLine.parse(line) else {
            notes.warn("json", "line \(number) is not a JSON object; skipped")
            return
        }
        defer { row += 1 }
        if flavour == .thawRun, object.strings["kind"] != "step", object.strings["kind"] != "epoch" { return }
        let keys = object.numbers.map(\.key)
        let stepIndex = ColumnNames.stepIndex(keys).flatMap { object.numbers[$0].value.isFinite ? $0 : nil }
        let step = stepIndex.map { object.numbers[$0].value } ?? Double(row)
        for (index, (key, value)) in object.numbers.enumerated() where index != stepIndex && !ColumnNames.isTime(key) {
            if flavour == .thawRun, key == "epoch" || key == "elapsed_s" { continue }
            run.append(tag: key, step: step, value: value)
        }
        // Thaw lists non-finite fields by their JSON path with dots ("lr.head").
        for name in object.nonFinite {
            let key = String(name.map { $0 == "." ? "/" : $0 })
            if object.nulls.contains(key) { run.append(tag: key, step: step, value: .nan) }
        }
    }
}
