/// A run as the UI and `--once` see it: a copy of what has been read, taken between polls.
/// Values only, so it crosses from the reading thread to the UI thread without sharing.
public struct RunSnapshot: Equatable, Sendable, Identifiable {
    /// Order of discovery, stable for the life of the monitor; also picks the run's colour.
    public var id: Int
    public var name: String
    /// The run's directory or file.
    public var path: String
    public var format: SourceFormat
    public var files: [FileStatus]
    public var data: RunData
    /// How many times the run was read again from the start (a file truncated or replaced),
    /// and why the last time.
    public var restarts: Int
    public var lastRestart: String?

    public init(id: Int, name: String, path: String, format: SourceFormat, files: [FileStatus], data: RunData,
                restarts: Int = 0, lastRestart: String? = nil) {
        (self.id, self.name, self.path, self.format, self.files, self.data) = (id, name, path, format, files, data)
        (self.restarts, self.lastRestart) = (restarts, lastRestart)
    }

    /// Files that cannot be read at all.
    public var unreadableFiles: [FileStatus] { files.filter { $0.notes.error != nil } }

    /// True while some file's last line or record is waiting to be completed.
    public var isWaiting: Bool { files.contains { $0.notes.pending != nil } }
}

/// One file of a run: how far it has been read and what reading it ran into.
public struct FileStatus: Equatable, Sendable {
    public var path: String
    public var bytesRead: Int
    public var size: Int
    public var notes: FileNotes

    public init(path: String, bytesRead: Int, size: Int, notes: FileNotes) {
        (self.path, self.bytesRead, self.size, self.notes) = (path, bytesRead, size, notes)
    }
}
