import ThawJSON
import Foundation

/// Builds a safetensors file that Thaw's strict reader and the reference both accept.
///
/// Every `add` is validated when it is made, so `serialized()` cannot fail and a bad tensor is
/// reported with its name at the call that introduced it, not later at save time.
public struct SafeTensorsWriter: Sendable {
    /// The name `add` errors carry, since no file is involved yet.
    static let errorSource = "safetensors writer"

    private struct Pending: Sendable {
        let name: String
        let dtype: SafeTensorDType
        let shape: [Int]
        let bytes: [UInt8]
    }

    public var metadata: [String: String]
    private var pending: [Pending] = []
    private var names: Set<String> = []

    public init(metadata: [String: String] = [:]) {
        self.metadata = metadata
    }

    /// Adds an F32 tensor.
    public mutating func add(_ name: String, shape: [Int], floats: [Float]) throws(SafeTensorsError) {
        try check(name, shape: shape, count: floats.count)
        append(Pending(name: name, dtype: .f32, shape: shape, bytes: DTypeConversion.littleEndianBytes(floats)))
    }

    /// Adds an I64 tensor (step counters, RNG state, label indices).
    public mutating func add(_ name: String, shape: [Int], int64s: [Int64]) throws(SafeTensorsError) {
        try check(name, shape: shape, count: int64s.count)
        append(Pending(name: name, dtype: .i64, shape: shape, bytes: DTypeConversion.littleEndianBytes(int64s)))
    }

    private mutating func append(_ tensor: Pending) {
        names.insert(tensor.name)
        pending.append(tensor)
    }

    private func check(_ name: String, shape: [Int], count: Int) throws(SafeTensorsError) {
        func fail(_ rule: SafeTensorsRule, _ detail: String) -> SafeTensorsError {
            SafeTensorsError(file: Self.errorSource, rule: rule, detail: detail)
        }
        // "__metadata__" would be read back as the metadata section, not as a tensor.
        guard name != SafeTensorsHeader.metadataKey else {
            throw fail(.invalidTensorName, "\(quoted(name)) is reserved for metadata")
        }
        guard !names.contains(name) else {
            throw fail(.duplicateKey, "tensor \(quoted(name)) was already added")
        }
        var elements = 1
        for dim in shape {
            guard dim >= 0 else { throw fail(.invalidShape, "tensor \(quoted(name)) shape \(shape) has a negative dimension") }
            let (product, overflow) = elements.multipliedReportingOverflow(by: dim)
            guard !overflow else { throw fail(.shapeOverflow, "tensor \(quoted(name)) shape \(shape)") }
            elements = product
        }
        guard elements == count else {
            throw fail(.byteCountMismatch, "tensor \(quoted(name)) shape \(shape) has \(elements) elements but \(count) values were given")
        }
    }

    /// The complete file. Tensors are laid out in insertion order; the header is padded with
    /// spaces to a multiple of 8 bytes, as the reference does, so the data buffer starts
    /// 8-aligned and readers that map the file can use aligned loads for 8-byte dtypes.
    public func serialized() -> [UInt8] {
        var header = "{"
        var fields: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(Self.jsonString($0)):\(Self.jsonString(metadata[$0] ?? ""))" }
            fields.append("\(Self.jsonString(SafeTensorsHeader.metadataKey)):{\(pairs.joined(separator: ","))}")
        }
        var offset = 0
        for tensor in pending {
            let end = offset + tensor.bytes.count
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            fields.append("\(Self.jsonString(tensor.name)):{\"dtype\":\"\(tensor.dtype.rawValue)\","
                + "\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        header += fields.joined(separator: ",") + "}"
        var headerBytes = Array(header.utf8)
        headerBytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - headerBytes.count % 8) % 8))

        var file: [UInt8] = []
        file.reserveCapacity(8 + headerBytes.count + offset)
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { file.append(contentsOf: $0) }
        file.append(contentsOf: headerBytes)
        for tensor in pending { file.append(contentsOf: tensor.bytes) }
        return file
    }

    /// Writes atomically: `url` holds either its previous content or the whole new file,
    /// even if the process is killed or the machine loses power mid-write.
    public func write(to url: URL) throws(SafeTensorsError) {
        try FileIO.writeAtomically(serialized(), toPath: url.path)
    }

    /// A JSON string literal; control characters are escaped, other text is written as UTF-8.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{00}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
