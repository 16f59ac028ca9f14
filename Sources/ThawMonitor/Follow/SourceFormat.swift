/// The kinds of metric files `thaw monitor` reads.
public enum SourceFormat: String, Hashable, Sendable, CaseIterable {
    /// `events.out.tfevents.*` (PyTorch SummaryWriter, Lightning, Keras, TensorFlow).
    case tensorBoard = "tensorboard"
    case jsonl
    case csv
    /// A Thaw run directory's `metrics.jsonl`.
    case thawRun = "thaw"

    public static let eventFilePrefix = "events.out.tfevents"

    /// The format a file's name says, if it says one.
    public static func byName(_ name: String) -> SourceFormat? {
        let lower = name.lowercased()
        if name.hasPrefix(eventFilePrefix) { return .tensorBoard }
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return .jsonl }
        if lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") { return .csv }
        return nil
    }

    /// The format of a file named by neither rule, from its first bytes: a JSON object, a
    /// TFRecord whose length checksum holds, or a header line with a delimiter. Nil when none
    /// fits (or the file is still empty).
    public static func sniff(_ head: ArraySlice<UInt8>) -> SourceFormat? {
        if head.count >= 12, TFRecordFramer.checksumMatches(head.prefix(8), head.dropFirst(8).prefix(4)) { return .tensorBoard }
        let text = head.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }
        if text.first == UInt8(ascii: "{") { return .jsonl }
        let firstLine = text.prefix { $0 != 0x0A }
        let printable = firstLine.allSatisfy { $0 >= 0x20 || $0 == 0x09 || $0 == 0x0D }
        if printable, firstLine.contains(where: { $0 == UInt8(ascii: ",") || $0 == 0x09 || $0 == UInt8(ascii: ";") }) { return .csv }
        return nil
    }
}

/// A format's reader, behind one interface for the follower. Exactly one of the optionals
/// is set; they are mutated through `!` so the decoders' buffers are never copied.
struct MetricsDecoder: Equatable, Sendable {
    private var events: EventFileDecoder?
    private var jsonl: JSONLDecoder?
    private var csv: CSVDecoder?

    init(_ format: SourceFormat, fileName: String) {
        switch format {
        case .tensorBoard: events = EventFileDecoder()
        case .jsonl: jsonl = JSONLDecoder(flavour: .generic)
        case .thawRun: jsonl = JSONLDecoder(flavour: .thawRun)
        case .csv:
            let stem = fileName.split(separator: ".").dropLast().joined(separator: ".")
            csv = CSVDecoder(fileStem: stem.isEmpty ? fileName : stem)
        }
    }

    mutating func consume(_ chunk: ArraySlice<UInt8>, into run: inout RunData, notes: inout FileNotes) {
        if events != nil { events!.consume(chunk, into: &run, notes: &notes) }
        if jsonl != nil { jsonl!.consume(chunk, into: &run, notes: &notes) }
        if csv != nil { csv!.consume(chunk, into: &run, notes: &notes) }
    }

    /// True while a text file's last line is waiting for its newline.
    var hasPendingLine: Bool {
        (jsonl?.lines.pendingCount ?? 0) > 0 || (csv?.lines.pendingCount ?? 0) > 0
    }

    /// Reads a text file's unterminated last line as complete: for files that end without a
    /// newline once they stop growing. A record of an event file is never complete early.
    mutating func finishPendingLine(into run: inout RunData, notes: inout FileNotes) {
        if jsonl != nil { jsonl!.finishPendingLine(into: &run, notes: &notes) }
        if csv != nil { csv!.finishPendingLine(into: &run, notes: &notes) }
    }
}
