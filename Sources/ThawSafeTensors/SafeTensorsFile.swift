import ThawJSON
import Foundation

/// Where one tensor lives in a validated file.
public struct SafeTensorInfo: Sendable, Equatable {
    public let name: String
    public let dtype: SafeTensorDType
    public let shape: [Int]
    /// Relative to the data buffer (the bytes after the header), as in the file's data_offsets.
    public let dataRange: Range<Int>

    public init(name: String, dtype: SafeTensorDType, shape: [Int], dataRange: Range<Int>) {
        self.name = name
        self.dtype = dtype
        self.shape = shape
        self.dataRange = dataRange
    }
}

/// A safetensors file that has passed every structural check.
///
/// All validation happens in the initialisers, so a value of this type is proof that the
/// accessors can slice the buffer without further bounds worries: a file is either wholly
/// valid or refused with one error, never partially loaded.
public struct SafeTensorsFile: Sendable {
    /// The name used in errors (the path, for files read from disk).
    public let name: String
    public let metadata: [String: String]
    /// In data-offset order, which is also the order of the bytes in the file.
    public let tensors: [SafeTensorInfo]

    /// The whole file; the data buffer starts at `dataStart`. Kept whole so that reading a
    /// checkpoint costs one allocation and no copy.
    private let bytes: [UInt8]
    private let dataStart: Int
    private let index: [String: Int]

    /// Reads and validates a file. Errors name `url.path`.
    public init(contentsOf url: URL) throws(SafeTensorsError) {
        let path = url.path
        let bytes = try FileIO.readFile(atPath: path, prefixLength: PickleDetection.prefixLength) { prefix, size throws(SafeTensorsError) in
            // Refuse on the length field alone, before the file's bulk is read into memory.
            _ = try Self.headerLength(prefix: prefix, fileSize: size, name: path)
            return size
        }
        try self.init(bytes: bytes, name: path)
    }

    /// The metadata and tensor table of a file, validated against its real size, reading only
    /// the header: cheap enough to look at every checkpoint in a directory.
    public static func header(contentsOf url: URL) throws(SafeTensorsError) -> (metadata: [String: String], tensors: [SafeTensorInfo]) {
        let path = url.path
        var fileSize = 0
        let bytes = try FileIO.readFile(atPath: path, prefixLength: PickleDetection.prefixLength) { prefix, size throws(SafeTensorsError) in
            fileSize = size
            return 8 + (try Self.headerLength(prefix: prefix, fileSize: size, name: path))
        }
        let header = try SafeTensorsHeader.parse(bytes[8...], dataLength: fileSize - bytes.count, file: path)
        return (header.metadata, header.tensors)
    }

    /// Validates an in-memory file. `name` is used in errors.
    public init(bytes: [UInt8], name: String) throws(SafeTensorsError) {
        let headerLength = try Self.headerLength(prefix: bytes.prefix(PickleDetection.prefixLength),
                                                 fileSize: bytes.count, name: name)
        let dataStart = 8 + headerLength
        let header = try SafeTensorsHeader.parse(bytes[8..<dataStart], dataLength: bytes.count - dataStart, file: name)
        self.name = name
        self.metadata = header.metadata
        self.tensors = header.tensors
        self.bytes = bytes
        self.dataStart = dataStart
        var index: [String: Int] = [:]
        for (position, tensor) in header.tensors.enumerated() { index[tensor.name] = position }
        self.index = index
    }

    /// Checks everything the first bytes can tell (pickle magic, the length field against the
    /// real file size) and returns the header length N.
    private static func headerLength(prefix: some Collection<UInt8>, fileSize: Int, name: String) throws(SafeTensorsError) -> Int {
        if let pickle = PickleDetection.kind(prefix: prefix, fileSize: fileSize) {
            throw PickleDetection.error(pickle, file: name)
        }
        guard fileSize >= 8, prefix.count >= 8 else {
            throw SafeTensorsError(file: name, rule: .fileTooShort, detail: "file has \(fileSize) bytes")
        }
        let length = prefix.prefix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard length <= UInt64(SafeTensorsHeader.maximumLength) else {
            throw SafeTensorsError(file: name, rule: .headerTooLarge,
                                   detail: "length field says \(length) bytes, limit is \(SafeTensorsHeader.maximumLength)")
        }
        guard 8 + length <= UInt64(fileSize) else {
            throw SafeTensorsError(file: name, rule: .headerPastEndOfFile,
                                   detail: "length field says \(length) bytes but only \(fileSize - 8) follow it")
        }
        return Int(length)
    }

    public func info(_ name: String) -> SafeTensorInfo? {
        index[name].map { tensors[$0] }
    }

    /// The values as Float32, whatever the stored dtype. F16 and BF16 widen exactly; F64 and
    /// large integers round, which is what loading weights into a Float32 model means anyway.
    public func floats(_ name: String) throws(SafeTensorsError) -> [Float] {
        let tensor = try lookup(name)
        return withData(tensor) { DTypeConversion.floats($0, dtype: tensor.dtype) }
    }

    /// The values of an integer or BOOL tensor. Floating-point tensors are refused rather than
    /// truncated, because a float where an index was expected means the wrong tensor.
    public func integers(_ name: String) throws(SafeTensorsError) -> [Int64] {
        let tensor = try lookup(name)
        guard let values = withData(tensor, { DTypeConversion.integers($0, dtype: tensor.dtype) }) else {
            throw SafeTensorsError(file: self.name, rule: .dtypeMismatch,
                                   detail: "tensor \(quoted(name)) is \(tensor.dtype.rawValue), not an integer dtype")
        }
        return values
    }

    /// The stored little-endian bytes, unconverted.
    public func rawBytes(_ name: String) throws(SafeTensorsError) -> [UInt8] {
        let tensor = try lookup(name)
        return Array(bytes[(dataStart + tensor.dataRange.lowerBound)..<(dataStart + tensor.dataRange.upperBound)])
    }

    private func lookup(_ name: String) throws(SafeTensorsError) -> SafeTensorInfo {
        guard let tensor = info(name) else {
            throw SafeTensorsError(file: self.name, rule: .unknownTensor, detail: "no tensor named \(quoted(name))")
        }
        return tensor
    }

    private func withData<Result>(_ tensor: SafeTensorInfo, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        bytes.withUnsafeBytes { raw in
            let start = dataStart + tensor.dataRange.lowerBound
            return body(UnsafeRawBufferPointer(rebasing: raw[start..<(start + tensor.dataRange.count)]))
        }
    }
}
