/// What reading one file has run into, for the UI's run details and `--once`'s stderr.
/// Problems are counted by kind rather than listed, so a file with a million bad lines
/// costs one entry.
public struct FileNotes: Equatable, Sendable {
    /// Why the file cannot be read at all, as one line; nil when it can.
    public var error: String?
    /// Data held back until it is complete: a half-written last line or record.
    public var pending: String?
    public private(set) var warnings: [FileWarning] = []

    public init() {}

    /// Records a problem of `kind`; the first message of a kind is kept, later ones counted.
    mutating func warn(_ kind: String, _ message: String) {
        if let index = warnings.firstIndex(where: { $0.kind == kind }) {
            warnings[index].count += 1
        } else if warnings.count < 16 {
            warnings.append(FileWarning(kind: kind, message: message, count: 1))
        }
    }

    /// Every note as a line of text, the error first.
    public var lines: [String] {
        (error.map { [$0] } ?? []) + warnings.map(\.text) + (pending.map { [$0] } ?? [])
    }
}

/// A kind of problem met in a file, with the first occurrence's message.
public struct FileWarning: Equatable, Sendable {
    public var kind: String
    public var message: String
    public var count: Int

    public var text: String { count > 1 ? "\(message) (and \(count - 1) more)" : message }
}
