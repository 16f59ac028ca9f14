/// The IDX header rules and the byte accounting behind every IDX error message.
///
/// Kept apart from `IDXReader` so the one place that turns offsets into messages also decides
/// whether an offset refers to the file or to its decompressed content.
struct IDXStream {
    enum Kind {
        case images, labels

        var dimensionCount: Int { self == .images ? 3 : 1 }
        var magic: String { self == .images ? "0x00000803" : "0x00000801" }
        var noun: String { self == .images ? "images" : "labels" }
    }

    let name: String
    let source: ByteSource
    let decompressed: Bool
    private let rawLength: Int?
    private(set) var offset = 0
    private var expectedLength = 0

    init(raw: RawByteSource, name: String) throws(DatasetError) {
        self.name = name
        if GzipByteSource.isGzip(try raw.peek(2)) {
            source = try GzipByteSource(input: raw, file: name)
            decompressed = true
            rawLength = nil
        } else {
            source = raw
            decompressed = false
            rawLength = raw.knownLength
        }
    }

    /// True when the file's real length was checked against the header (raw files).
    var sizeVerified: Bool { rawLength != nil }

    func location(_ offset: Int) -> DatasetLocation {
        decompressed ? .decompressedByte(offset) : .byte(offset)
    }

    private func error(_ kind: DatasetErrorKind, at offset: Int, _ detail: String,
                       fix: String? = nil) -> DatasetError {
        DatasetError(file: name, kind: kind, location: location(offset), detail: detail, fix: fix)
    }

    /// Reads exactly `count` header bytes or reports where the data ended.
    private mutating func headerBytes(_ count: Int, what: String) throws(DatasetError) -> [UInt8] {
        let bytes = try source.readBytes(count)
        let got = bytes.count
        guard got == count else {
            throw error(.idxTooShort, at: offset + got, "data ends inside the \(what)",
                        fix: "the file is incomplete; download or copy it again")
        }
        offset += count
        return bytes
    }

    /// Validates magic and dimensions; returns the dimensions, each checked against `limits`.
    mutating func readHeader(kind: Kind, limits: IDXLimits) throws(DatasetError) -> [Int] {
        let magic = try headerBytes(4, what: "4-byte magic number")
        let hex = magic.map { String($0, radix: 16).leftPadded(2) }.joined(separator: " ")
        guard magic[0] == 0, magic[1] == 0 else {
            let fix = if decompressed && GzipByteSource.isGzip(magic) {
                "the file is gzip-compressed twice; gunzip it once"
            } else if magic.starts(with: [0x50, 0x4B]) {
                "this is a ZIP archive; extract the IDX file from it first"
            } else {
                "pass an MNIST-style .idx or .idx.gz file"
            }
            throw error(.idxBadMagic, at: 0, "starts with \(hex), expected 00 00 08 0\(kind.dimensionCount)", fix: fix)
        }
        guard magic[2] == 0x08 else {
            throw error(.idxUnsupportedDType, at: 2, Self.describeType(magic[2]),
                        fix: "Thaw reads unsigned-byte (0x08) IDX files; convert the data to u8")
        }
        let dimensionCount = Int(magic[3])
        if dimensionCount != kind.dimensionCount {
            let other: Kind = kind == .images ? .labels : .images
            if dimensionCount == other.dimensionCount {
                throw error(.idxWrongKind, at: 3,
                            "this is an IDX \(other.noun) file (magic \(other.magic)), expected \(kind.noun) (\(kind.magic))",
                            fix: "swap the images and labels paths")
            }
            throw error(.idxDimensionCount, at: 3,
                        "\(dimensionCount) dimensions, expected \(kind.dimensionCount) for \(kind.noun)",
                        fix: kind == .images ? "only N×H×W grayscale images (magic 0x00000803) are read" : nil)
        }
        let raw = try headerBytes(4 * dimensionCount, what: "dimension sizes")
        var dims: [Int] = []
        for index in 0..<dimensionCount {
            let at = 4 + 4 * index
            let value = raw[(4 * index)..<(4 * index + 4)].reduce(0) { $0 << 8 | Int($1) }
            let label = index == 0 ? "count" : (index == 1 ? "rows" : "columns")
            let bound = index == 0 ? limits.maxItems : limits.maxSide
            guard value > 0 else {
                throw error(.idxZeroDimension, at: at, "\(label) is 0", fix: "the header is corrupt")
            }
            guard value <= bound else {
                throw error(.idxDimensionTooLarge, at: at, "\(label) is \(value), limit \(bound)",
                            fix: "the header is corrupt, or raise IDXLimits if the data is really this large")
            }
            dims.append(value)
        }
        let total = dims.reduce(1, *)   // cannot overflow: every factor is bounded above
        guard total <= limits.maxTotalBytes else {
            throw error(.idxDimensionTooLarge, at: 4,
                        "header claims \(total) bytes of data, limit \(limits.maxTotalBytes)",
                        fix: "the header is corrupt, or raise IDXLimits.maxTotalBytes")
        }
        expectedLength = offset + total
        // A raw file's size is known: a lie or a truncation is caught before reading a byte.
        if let rawLength, rawLength < expectedLength {
            throw truncated(at: rawLength, kind: kind, dims: dims)
        }
        if let rawLength, rawLength > expectedLength {
            throw trailing(extra: "\(rawLength - expectedLength)")
        }
        return dims
    }

    private func truncated(at end: Int, kind: Kind, dims: [Int]) -> DatasetError {
        let shape = dims.map(String.init).joined(separator: "×")
        return error(.idxTruncated, at: end,
                     "data ends at byte \(end), but the header (\(kind.noun) \(shape)) implies \(expectedLength) bytes",
                     fix: "the file is incomplete; download or copy it again")
    }

    private func trailing(extra: String) -> DatasetError {
        error(.idxTrailingBytes, at: expectedLength,
              "\(extra) byte(s) after the \(expectedLength) bytes the header describes",
              fix: "the file was appended to or its header count is wrong")
    }

    /// Streams `byteCount` payload bytes to `body` in chunks, so no buffer of the claimed size exists.
    mutating func readPayload(byteCount: Int, _ body: (UnsafeRawBufferPointer) -> Void) throws(DatasetError) {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { chunk.deallocate() }
        var remaining = byteCount
        while remaining > 0 {
            let want = min(remaining, chunk.count)
            let got = try source.readFully(into: UnsafeMutableRawBufferPointer(rebasing: chunk[0..<want]))
            body(UnsafeRawBufferPointer(rebasing: chunk[0..<got]))
            offset += got
            remaining -= got
            guard got == want else {
                throw error(.idxTruncated, at: offset,
                            "data ends at byte \(offset), but the header implies \(expectedLength) bytes",
                            fix: "the file is incomplete; download or copy it again")
            }
        }
    }

    /// Confirms nothing follows the payload; for gzip this also runs the CRC and length checks.
    mutating func expectEnd() throws(DatasetError) {
        var extra = try source.readBytes(1).count
        guard extra == 0 else {
            // Count a little further for the message, but never read an unbounded tail.
            while extra < 1 << 20 {
                let more = try source.readBytes(1 << 12).count
                if more == 0 { break }
                extra += more
            }
            throw trailing(extra: extra < 1 << 20 ? "\(extra)" : "more than \(extra)")
        }
    }

    static func describeType(_ code: UInt8) -> String {
        let known: [UInt8: String] = [0x09: "i8", 0x0B: "i16", 0x0C: "i32", 0x0D: "f32", 0x0E: "f64"]
        let hex = "0x" + String(code, radix: 16).leftPadded(2)
        if let name = known[code] { return "element type \(hex) (\(name))" }
        return "unknown element type \(hex)"
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
