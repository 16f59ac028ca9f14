#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A stream of bytes read front to back, so that a reader can validate a header and stop
/// early (`limit`) without ever holding the whole file, and so that raw and gzip files share
/// one code path.
///
/// Classes because each owns a resource (a file descriptor, a zlib stream) that must be
/// released exactly once; they live only for the duration of one read call.
protocol ByteSource: AnyObject {
    /// Fills up to `buffer.count` bytes; returns 0 only at the end of the data.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(DatasetError) -> Int
    /// The total length when it is known without reading (raw files), nil for gzip.
    var knownLength: Int? { get }
    /// Whether offsets in errors refer to decompressed data.
    var isDecompressed: Bool { get }
}

extension ByteSource {
    /// Reads until `buffer` is full or the data ends; returns the count read.
    func readFully(into buffer: UnsafeMutableRawBufferPointer) throws(DatasetError) -> Int {
        var total = 0
        while total < buffer.count {
            let got = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[total...]))
            if got == 0 { break }
            total += got
        }
        return total
    }

    /// Up to `count` bytes (fewer only at the end of the data). Manual memory because the
    /// stdlib's `withUnsafeMutableBytes` rethrows untyped errors.
    func readBytes(_ count: Int) throws(DatasetError) -> [UInt8] {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 16)
        defer { buffer.deallocate() }
        let got = try readFully(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<count]))
        return Array(buffer[0..<got])
    }
}

/// A source of the file's own bytes, which can show its first bytes without consuming them
/// (how gzip is recognised by content rather than by file name).
protocol RawByteSource: ByteSource {
    func peek(_ count: Int) throws(DatasetError) -> [UInt8]
}

/// A regular file read with `pread`; its size comes from `fstat`, never from the content.
final class FileByteSource: RawByteSource {
    let path: String
    private let descriptor: Int32
    private var offset = 0
    let size: Int

    init(path: String, maxBytes: Int = .max) throws(DatasetError) {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.ioError(path, errno) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            throw Self.ioError(path, code)
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw DatasetError(file: path, kind: .ioError, detail: "not a regular file",
                               fix: "pass the path of a file, not a directory or device")
        }
        let size = Int(status.st_size)
        guard size <= maxBytes else {
            close(descriptor)
            throw DatasetError(file: path, kind: .fileTooLarge,
                               detail: "\(size) bytes, limit \(maxBytes)",
                               fix: "split the file or raise the reader's size limit")
        }
        self.descriptor = descriptor
        self.size = size
    }

    deinit { close(descriptor) }

    var knownLength: Int? { size }
    var isDecompressed: Bool { false }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(DatasetError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let got = pread(descriptor, base, buffer.count, off_t(offset))
            if got < 0 {
                if errno == EINTR { continue }
                throw Self.ioError(path, errno)
            }
            offset += got
            return got
        }
    }

    func peek(_ count: Int) throws(DatasetError) -> [UInt8] {
        var prefix = [UInt8](repeating: 0, count: min(count, size))
        let got = prefix.withUnsafeMutableBytes { raw in pread(descriptor, raw.baseAddress, raw.count, 0) }
        guard got >= 0 else { throw Self.ioError(path, errno) }
        return Array(prefix.prefix(got))
    }

    /// The whole file, allocated at its real size (checked against `maxBytes` before reading).
    static func contents(of path: String, maxBytes: Int) throws(DatasetError) -> [UInt8] {
        let source = try FileByteSource(path: path, maxBytes: maxBytes)
        let bytes = try source.readBytes(source.size)
        guard bytes.count == source.size else {
            throw DatasetError(file: path, kind: .ioError, location: .byte(bytes.count),
                               detail: "file shrank while being read")
        }
        return bytes
    }

    private static func ioError(_ path: String, _ code: Int32) -> DatasetError {
        DatasetError(file: path, kind: .ioError, detail: String(cString: strerror(code)))
    }
}

/// Bytes already in memory (tests, fuzzing, and callers that downloaded a file themselves).
final class MemoryByteSource: RawByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func peek(_ count: Int) throws(DatasetError) -> [UInt8] { Array(bytes.prefix(count)) }

    var knownLength: Int? { bytes.count }
    var isDecompressed: Bool { false }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(DatasetError) -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0, let base = buffer.baseAddress else { return 0 }
        bytes.withUnsafeBytes { source in
            base.copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}
