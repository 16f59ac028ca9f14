import CZlib

/// Decompresses a gzip file on demand, so a reader asking for the first 100 MNIST images
/// inflates about 80 KB instead of 47 MB, and memory grows only with data that actually
/// arrives (a 100-byte file cannot make us allocate what its header claims).
///
/// The CRC-32 and length in each member's trailer are checked by zlib when the member ends;
/// a reader that stops early (a `limit`) therefore never sees them, which is the price of
/// stopping early. Concatenated members are read one after another, as `gzip -d` does;
/// anything else after a member is an error rather than silently ignored.
final class GzipByteSource: ByteSource {
    private let input: ByteSource
    private let file: String
    /// Heap-allocated because zlib keeps a pointer back to the stream and rejects it if moved.
    private let stream: UnsafeMutablePointer<z_stream>
    /// Owned raw memory, not an array: zlib keeps `next_in` between calls.
    private let inputBuffer: UnsafeMutableRawBufferPointer
    private var consumedBeforeBuffer = 0   // compressed bytes handed to zlib before this buffer
    private var bufferFill = 0
    private var inputEnded = false
    private var finished = false

    static func isGzip(_ prefix: [UInt8]) -> Bool {
        prefix.count >= 2 && prefix[0] == 0x1F && prefix[1] == 0x8B
    }

    init(input: ByteSource, file: String, chunkSize: Int = 1 << 16) throws(DatasetError) {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 15 + 16: a 32 KB window and a gzip (not zlib or raw deflate) wrapper.
        let status = inflateInit2_(stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw DatasetError(file: file, kind: .ioError, detail: "zlib could not start (code \(status))")
        }
        // Assigned only after zlib started, so a throw above never reaches `deinit`.
        self.stream = stream
        self.input = input
        self.file = file
        inputBuffer = .allocate(byteCount: chunkSize, alignment: 16)
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        inputBuffer.deallocate()
    }

    var knownLength: Int? { nil }
    var isDecompressed: Bool { true }

    /// Offset in the compressed file of the next byte zlib will read.
    private var compressedOffset: Int {
        consumedBeforeBuffer + (bufferFill - Int(stream.pointee.avail_in))
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(DatasetError) -> Int {
        guard !finished, let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        stream.pointee.next_out = base.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = UInt32(clamping: buffer.count)
        let requested = Int(stream.pointee.avail_out)
        while stream.pointee.avail_out > 0 {
            if stream.pointee.avail_in == 0 && !inputEnded { try refill() }
            let status = inflate(stream, Z_NO_FLUSH)
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                if try !startNextMember() {
                    finished = true
                    return requested - Int(stream.pointee.avail_out)
                }
            case Z_BUF_ERROR where stream.pointee.avail_in == 0 && inputEnded:
                throw DatasetError(
                    file: file, kind: .gzipTruncated, location: .byte(compressedOffset),
                    detail: "compressed data ends before the end of the gzip stream",
                    fix: "the file is incomplete; download or copy it again")
            case Z_BUF_ERROR:
                continue
            default:
                throw zlibError(status)
            }
        }
        return requested
    }

    private func refill() throws(DatasetError) {
        consumedBeforeBuffer += bufferFill
        let got = try input.read(into: inputBuffer)
        bufferFill = got
        if got == 0 { inputEnded = true }
        stream.pointee.next_in = inputBuffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = UInt32(got)
    }

    /// After a member's trailer verified: true if another member follows and was started,
    /// false at the end of the file; throws on anything else.
    private func startNextMember() throws(DatasetError) -> Bool {
        if stream.pointee.avail_in == 0 && !inputEnded { try refill() }
        guard stream.pointee.avail_in > 0 else { return false }
        guard stream.pointee.next_in[0] == 0x1F else {
            throw DatasetError(
                file: file, kind: .gzipTrailingBytes, location: .byte(compressedOffset),
                detail: "the gzip stream ended but the file goes on",
                fix: "the file was probably appended to or padded; recompress it")
        }
        inflateReset(stream)
        return true
    }

    private func zlibError(_ status: Int32) -> DatasetError {
        let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
        let place = DatasetLocation.byte(compressedOffset)
        switch message {
        case "incorrect data check":
            return DatasetError(file: file, kind: .gzipChecksum, location: place,
                                detail: "the CRC-32 of the decompressed data does not match the trailer",
                                fix: "the file is corrupt; download or copy it again")
        case "incorrect length check":
            return DatasetError(file: file, kind: .gzipLength, location: place,
                                detail: "the decompressed length does not match the trailer",
                                fix: "the file is corrupt; download or copy it again")
        default:
            return DatasetError(file: file, kind: .gzipCorrupt, location: place, detail: message,
                                fix: "check that the file is gzip (`gzip -t FILE`)")
        }
    }
}
