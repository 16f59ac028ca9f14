/// Bounds on what an IDX header may claim, checked before anything is read past the header.
///
/// The defaults admit every real IDX dataset (MNIST, EMNIST, Fashion-MNIST, KMNIST) while a
/// header claiming 100 k × 100 k images is refused at once instead of being believed.
public struct IDXLimits: Sendable, Equatable {
    public var maxItems: Int
    public var maxSide: Int
    public var maxTotalBytes: Int

    public init(maxItems: Int = 100_000_000, maxSide: Int = 4096, maxTotalBytes: Int = 1 << 32) {
        self.maxItems = maxItems
        self.maxSide = maxSide
        self.maxTotalBytes = maxTotalBytes
    }
}

/// Grayscale images from an IDX file, scaled from u8 to [0, 1] (÷ 255) at read time so every
/// later stage (normalisation, augmentation, models) sees one convention whatever the source.
public struct IDXImages: Sendable, Equatable {
    public let source: String
    /// The count in the header; larger than `count` when a `limit` stopped the read early.
    public let declaredCount: Int
    public let rows: Int
    public let columns: Int
    /// `count × rows × columns` values, image after image, row-major.
    public let pixels: [Float]

    public var count: Int { pixels.count / (rows * columns) }
}

/// Labels from an IDX file, as stored (0…255).
public struct IDXLabels: Sendable, Equatable {
    public let source: String
    public let declaredCount: Int
    public let values: [Int]
    /// Offset of the first label, for error messages about a single label.
    let dataOffset: Int
    let decompressed: Bool
}

/// Reads the IDX format of MNIST and Fashion-MNIST, raw or gzip-compressed.
///
/// gzip is recognised by its magic bytes, not the file name: renamed downloads are common.
/// Only unsigned-byte data is read (the only type these datasets use); other IDX element
/// types are refused by name rather than misread.
///
/// `limit` reads only the first items: a gzip stream is then inflated only that far, so the
/// rest of the file (and the gzip CRC at its end) is not checked. A raw file's total size is
/// still checked against the header, because that costs nothing. A negative limit reads none.
public enum IDXReader {
    public static func readImages(at path: String, limit: Int? = nil,
                                  limits: IDXLimits = IDXLimits()) throws(DatasetError) -> IDXImages {
        try readImages(from: FileByteSource(path: path), name: path, limit: limit, limits: limits)
    }

    public static func readImages(bytes: [UInt8], name: String, limit: Int? = nil,
                                  limits: IDXLimits = IDXLimits()) throws(DatasetError) -> IDXImages {
        try readImages(from: MemoryByteSource(bytes), name: name, limit: limit, limits: limits)
    }

    public static func readLabels(at path: String, limit: Int? = nil,
                                  limits: IDXLimits = IDXLimits()) throws(DatasetError) -> IDXLabels {
        try readLabels(from: FileByteSource(path: path), name: path, limit: limit, limits: limits)
    }

    public static func readLabels(bytes: [UInt8], name: String, limit: Int? = nil,
                                  limits: IDXLimits = IDXLimits()) throws(DatasetError) -> IDXLabels {
        try readLabels(from: MemoryByteSource(bytes), name: name, limit: limit, limits: limits)
    }

    static func readImages(from raw: RawByteSource, name: String, limit: Int?, limits: IDXLimits,
                           expectedCount: (count: Int, labels: String)? = nil) throws(DatasetError) -> IDXImages {
        var stream = try IDXStream(raw: raw, name: name)
        let dims = try stream.readHeader(kind: .images, limits: limits)
        let (count, rows, columns) = (dims[0], dims[1], dims[2])
        if let expectedCount, expectedCount.count != count {
            throw DatasetError(
                file: name, kind: .countMismatch, location: stream.location(4),
                detail: "\(count) images, but \(expectedCount.labels) has \(expectedCount.count) labels",
                fix: "pair the images with their own labels file (train with train, test with test)")
        }
        let take = min(limit.map { max($0, 0) } ?? count, count)
        var pixels: [Float] = []
        // A raw file's size already matched the header; for gzip, reserve at most 1 M values
        // and let the array grow with data that really arrives, so a lying header cannot
        // reserve gigabytes.
        pixels.reserveCapacity(stream.sizeVerified ? take * rows * columns : min(take * rows * columns, 1 << 20))
        let scale = (0...255).map { Float($0) / 255 }
        try stream.readPayload(byteCount: take * rows * columns) { chunk in
            for byte in chunk { pixels.append(scale[Int(byte)]) }
        }
        if take == count { try stream.expectEnd() }
        return IDXImages(source: name, declaredCount: count, rows: rows, columns: columns, pixels: pixels)
    }

    static func readLabels(from raw: RawByteSource, name: String, limit: Int?,
                           limits: IDXLimits) throws(DatasetError) -> IDXLabels {
        var stream = try IDXStream(raw: raw, name: name)
        let count = try stream.readHeader(kind: .labels, limits: limits)[0]
        let take = min(limit.map { max($0, 0) } ?? count, count)
        var values: [Int] = []
        values.reserveCapacity(stream.sizeVerified ? take : min(take, 1 << 20))
        try stream.readPayload(byteCount: take) { chunk in
            for byte in chunk { values.append(Int(byte)) }
        }
        if take == count { try stream.expectEnd() }
        return IDXLabels(source: name, declaredCount: count, values: values,
                         dataOffset: 8, decompressed: stream.decompressed)
    }
}
