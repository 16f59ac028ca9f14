#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// POSIX file access, used instead of `Data(contentsOf:)` / `Data.write(options: .atomic)`
/// because both guarantees Thaw needs are below Foundation's API: reading a few bytes and
/// validating them before committing memory to the rest, and fsync of the file and its
/// directory around the rename (Foundation's atomic write does not fsync).
enum FileIO {
    private static func errnoText(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }

    /// Reads a regular file in full, but only after `validatePrefix` has accepted its first
    /// `prefixLength` bytes and real size; the one large allocation is the file's own size,
    /// never a size the file claims.
    ///
    /// `validatePrefix` returns how many bytes from the start to read: the file's size for the
    /// whole file, less for just its header.
    static func readFile(
        atPath path: String, prefixLength: Int,
        validatePrefix: ([UInt8], Int) throws(SafeTensorsError) -> Int
    ) throws(SafeTensorsError) -> [UInt8] {
        func fail(_ detail: String) -> SafeTensorsError {
            SafeTensorsError(file: path, rule: .ioError, detail: detail)
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw fail(errnoText()) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw fail(errnoText()) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw fail("not a regular file") }
        guard let size = Int(exactly: status.st_size) else { throw fail("file size out of range") }

        var prefix = [UInt8](repeating: 0, count: min(size, prefixLength))
        let prefixRead = readFully(descriptor, into: &prefix)
        guard prefixRead.error == 0 else { throw fail(errnoText(prefixRead.error)) }
        guard prefixRead.count == prefix.count else { throw fail("file shrank while being read") }
        let wanted = min(size, try validatePrefix(prefix, size))

        var bytes = [UInt8](repeating: 0, count: wanted)
        let result = readFully(descriptor, into: &bytes)
        guard result.error == 0 else { throw fail(errnoText(result.error)) }
        guard result.count == wanted else { throw fail("file shrank while being read") }
        return bytes
    }

    /// `pread` from offset 0 until the buffer is full or the file ends.
    private static func readFully(_ descriptor: Int32, into buffer: inout [UInt8]) -> (count: Int, error: Int32) {
        buffer.withUnsafeMutableBytes { raw in
            var total = 0
            while total < raw.count {
                let got = pread(descriptor, raw.baseAddress! + total, raw.count - total, off_t(total))
                if got < 0 {
                    if errno == EINTR { continue }
                    return (total, errno)
                }
                if got == 0 { break }
                total += got
            }
            return (total, 0)
        }
    }

    /// Replaces `path` with `bytes` so that a crash at any instant leaves either the old file
    /// or the complete new one: write a temporary file in the same directory (rename is only
    /// atomic within one file system), fsync it, rename it over `path`, then fsync the
    /// directory so the rename itself survives a power cut.
    ///
    /// Temporary files are named `.<name>.thaw-tmp-*`; a process killed before the rename
    /// leaves one behind for the caller's start-up sweep.
    static func writeAtomically(_ bytes: [UInt8], toPath path: String) throws(SafeTensorsError) {
        func fail(_ detail: String) -> SafeTensorsError {
            SafeTensorsError(file: path, rule: .writeFailed, detail: detail)
        }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let token = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let temporary = directory + "/." + url.lastPathComponent + ".thaw-tmp-\(getpid())-\(token)"

        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw fail("cannot create temporary file: \(errnoText())") }
        var written = 0
        var failure: String?
        bytes.withUnsafeBytes { raw in
            while written < raw.count {
                let count = write(descriptor, raw.baseAddress! + written, raw.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = "write: \(errnoText())"
                    return
                }
                written += count
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = "fsync: \(errnoText())" }
        if close(descriptor) != 0, failure == nil { failure = "close: \(errnoText())" }
        if failure == nil, rename(temporary, path) != 0 { failure = "rename: \(errnoText())" }
        if let failure {
            unlink(temporary)
            throw fail(failure)
        }
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directoryDescriptor >= 0 else { throw fail("cannot open directory for fsync: \(errnoText())") }
        defer { close(directoryDescriptor) }
        // Some file systems cannot fsync a directory (EINVAL); there is nothing more to do there.
        if fsync(directoryDescriptor) != 0, errno != EINVAL {
            throw fail("fsync of directory: \(errnoText())")
        }
    }
}
