#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a file's bytes live: a file replaced under the same name (log rotation, an atomic
/// rewrite) has a new inode.
struct FileIdentity: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64
}

/// Follows one file on disk: reads what was appended since the last poll and feeds it to
/// the format's decoder, and notices when the file was truncated, replaced or rewritten in
/// place — then the caller re-reads the run from the start.
///
/// Rewrites are caught four ways: a smaller size, a new inode, or different first bytes or
/// last-read bytes than were read before. Appending never changes bytes already written,
/// while a rewrite in place (PyTorch Lightning's CSVLogger rewrites its file with a new
/// header when a new metric appears; a restarted script reopens its log with "w") can
/// leave the file larger than before.
struct FileFollower: Sendable {
    static let chunkSize = 1 << 20
    static let headSize = 64

    enum Outcome: Equatable, Sendable {
        /// Nothing new.
        case idle
        /// Read this many bytes; `more` when the budget ran out before the end of the file.
        case read(Int, more: Bool)
        /// Truncated, replaced or rewritten: everything read from it is void.
        case restarted(String)
        /// Cannot be opened or read (see `notes.error`).
        case unavailable
    }

    let path: String
    let format: SourceFormat
    private var decoder: MetricsDecoder
    private(set) var notes = FileNotes()
    /// Bytes consumed.
    private(set) var offset = 0
    /// The size at the last poll.
    private(set) var size = 0
    private var identity: FileIdentity?
    /// The first bytes and the last bytes read, to notice a rewrite in place.
    private var head: [UInt8] = []
    private var tail: [UInt8] = []
    /// When the file last grew, in the engine's clock (seconds).
    private(set) var lastGrowth: Double

    init(path: String, format: SourceFormat, now: Double) {
        self.path = path
        self.format = format
        decoder = MetricsDecoder(format, fileName: String(path.split(separator: "/").last ?? ""))
        lastGrowth = now
    }

    /// Forgets everything read, to start again at byte 0.
    mutating func reset(now: Double) {
        self = FileFollower(path: path, format: format, now: now)
    }

    /// Reads up to `budget` new bytes into `run`, through `buffer` (shared between followers
    /// so memory does not grow with the number of files).
    mutating func poll(into run: inout RunData, budget: Int, buffer: inout [UInt8], now: Double) -> Outcome {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return fail(errno == ENOENT ? "no longer exists; showing what was read" : "cannot open: \(Self.describe(errno))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return fail("cannot stat: \(Self.describe(errno))") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return fail("not a regular file") }
        notes.error = nil
        let current = FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        let currentSize = Int(info.st_size)
        if let identity, identity != current { return .restarted("was replaced") }
        if currentSize < offset { return .restarted("was truncated") }
        if !unchanged(fd, head, at: 0, buffer: &buffer) || !unchanged(fd, tail, at: offset - tail.count, buffer: &buffer) {
            return .restarted("was rewritten")
        }
        identity = current
        size = currentSize
        var total = 0
        while offset < currentSize, total < budget {
            let wanted = Swift.min(Self.chunkSize, currentSize - offset, budget - total)
            if buffer.count < wanted { buffer = [UInt8](repeating: 0, count: Swift.max(wanted, Self.headSize)) }
            let got = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, wanted, off_t(offset)) }
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else { return fail("read failed: \(Self.describe(errno))") }
            if got == 0 { break }
            if offset < Self.headSize { head += buffer[(0)..<Swift.min(got, Self.headSize - offset)] }
            decoder.consume(buffer[0..<got], into: &run, notes: &notes)
            tail = Array((tail + buffer[Swift.max(0, got - Self.headSize)..<got]).suffix(Self.headSize))
            offset += got
            total += got
        }
        if total > 0 { lastGrowth = now }
        return total == 0 ? .idle : .read(total, more: offset < currentSize)
    }

    /// Reads a text file's last line that has no newline once the file has been quiet for
    /// `quiet` seconds (many writers end a file without one, or write the newline first).
    /// True when a line was taken.
    mutating func settle(into run: inout RunData, now: Double, quiet: Double) -> Bool {
        guard decoder.hasPendingLine, now - lastGrowth >= quiet else { return false }
        decoder.finishPendingLine(into: &run, notes: &notes)
        return true
    }

    /// True when the file still holds `expected` at `position`.
    private func unchanged(_ fd: Int32, _ expected: [UInt8], at position: Int, buffer: inout [UInt8]) -> Bool {
        guard !expected.isEmpty else { return true }
        if buffer.count < expected.count { buffer = [UInt8](repeating: 0, count: Self.headSize) }
        let got = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, expected.count, off_t(position)) }
        return got == expected.count && buffer[0..<got].elementsEqual(expected)
    }

    private mutating func fail(_ message: String) -> Outcome {
        notes.error = message
        return .unavailable
    }

    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
