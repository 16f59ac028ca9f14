import ThawJSON
/// The validated meaning of a safetensors JSON header.
///
/// Everything here is checked against the real size of the data buffer before anyone
/// allocates from a size the file claims: a 200-byte file that declares a 2^40-element
/// tensor fails in this type, having allocated nothing larger than its own header.
struct SafeTensorsHeader: Sendable {
    /// The reference's limit. Headers of real checkpoints are a few hundred kilobytes; the cap
    /// keeps a hostile length field from making us read (and parse) gigabytes of "JSON".
    static let maximumLength = 100_000_000
    static let metadataKey = "__metadata__"
    static let fieldNames = ["dtype", "shape", "data_offsets"]

    let metadata: [String: String]
    /// Sorted by data offset, i.e. file order.
    let tensors: [SafeTensorInfo]

    /// Parses `header` (the N bytes after the length field) for a data buffer of `dataLength` bytes.
    static func parse(_ header: ArraySlice<UInt8>, dataLength: Int, file: String) throws(SafeTensorsError) -> SafeTensorsHeader {
        try HeaderValidator(file: file).validate(header, dataLength: dataLength)
    }
}

/// The checks behind `SafeTensorsHeader.parse`, holding the file name every error must carry.
private struct HeaderValidator {
    let file: String

    private struct Entry {
        let info: (name: String, dtype: SafeTensorDType, shape: [Int])
        let begin: UInt64
        let end: UInt64
    }

    private func fail(_ rule: SafeTensorsRule, _ detail: String) -> SafeTensorsError {
        SafeTensorsError(file: file, rule: rule, detail: detail)
    }

    func validate(_ header: ArraySlice<UInt8>, dataLength: Int) throws(SafeTensorsError) -> SafeTensorsHeader {
        let json = try decodeJSON(header)
        guard case .object(let members) = json else {
            throw fail(.headerNotObject, "top-level value is \(json.typeName.prefix(40))")
        }
        var metadata: [String: String] = [:]
        var entries: [Entry] = []
        entries.reserveCapacity(members.count)
        for member in members {
            if member.key == SafeTensorsHeader.metadataKey {
                metadata = try decodeMetadata(member.value)
            } else {
                entries.append(try decodeEntry(name: member.key, member.value, dataLength: dataLength))
            }
        }
        let tensors = try checkLayout(entries, dataLength: dataLength)
        return SafeTensorsHeader(metadata: metadata, tensors: tensors)
    }

    private func decodeJSON(_ header: ArraySlice<UInt8>) throws(SafeTensorsError) -> JSONValue {
        // A BOM is valid UTF-8 and would only surface as "unexpected byte 0xef" from the JSON
        // parser; naming it points the user at the editor or tool that added it. (The
        // reference refuses it too, as invalid JSON.)
        if header.starts(with: [0xEF, 0xBB, 0xBF]) {
            throw fail(.headerHasByteOrderMark, "header begins with bytes EF BB BF")
        }
        if let offset = Self.firstInvalidUTF8Offset(header) {
            throw fail(.headerNotUTF8, "invalid byte sequence at header byte \(offset)")
        }
        do {
            return try StrictJSONParser.parse(header)
        } catch {
            let rule: SafeTensorsRule = switch error.kind {
            case .syntax: .invalidJSON
            case .tooDeep: .nestingTooDeep
            case .duplicateKey: .duplicateKey
            }
            throw fail(rule, "\(error.message) at header byte \(error.offset)")
        }
    }

    /// The offset of the first ill-formed sequence (overlong forms, surrogates and values past
    /// U+10FFFF included), so the message can point at it.
    static func firstInvalidUTF8Offset(_ bytes: ArraySlice<UInt8>) -> Int? {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    private func decodeMetadata(_ value: JSONValue) throws(SafeTensorsError) -> [String: String] {
        // The reference also takes `null` here; Thaw refuses it because a writer that emits
        // null is confused about the format, and the file would not round-trip through Thaw.
        guard case .object(let members) = value else {
            throw fail(.invalidMetadata, "\(SafeTensorsHeader.metadataKey) is \(value.typeName.prefix(40)), expected an object")
        }
        var metadata: [String: String] = [:]
        for member in members {
            guard case .string(let text) = member.value else {
                throw fail(.invalidMetadata, "value of \(quoted(member.key)) is \(member.value.typeName.prefix(40)), expected a string")
            }
            metadata[member.key] = text
        }
        return metadata
    }

    private func decodeEntry(name: String, _ value: JSONValue, dataLength: Int) throws(SafeTensorsError) -> Entry {
        let tensor = "tensor \(quoted(name))"
        guard case .object(let fields) = value else {
            throw fail(.entryNotObject, "\(tensor) is \(value.typeName.prefix(40))")
        }
        // Unknown fields are refused (the reference ignores them) so that a typo such as
        // "data_offset" cannot leave a field silently unread.
        if let extra = fields.first(where: { !SafeTensorsHeader.fieldNames.contains($0.key) }) {
            throw fail(.unknownField, "\(tensor) has field \(quoted(extra.key)); allowed: dtype, shape, data_offsets")
        }
        func field(_ key: String) throws(SafeTensorsError) -> JSONValue {
            guard let found = fields.first(where: { $0.key == key }) else {
                throw fail(.missingField, "\(tensor) has no \"\(key)\"")
            }
            return found.value
        }
        let dtype = try decodeDType(try field("dtype"), tensor: tensor)
        let shape = try decodeShape(try field("shape"), tensor: tensor)
        let (begin, end) = try decodeOffsets(try field("data_offsets"), tensor: tensor)

        var elements: UInt64 = 1
        for dim in shape {
            let (product, overflow) = elements.multipliedReportingOverflow(by: UInt64(dim))
            guard !overflow else { throw fail(.shapeOverflow, "\(tensor) shape \(shape) has 2^64 or more elements") }
            elements = product
        }
        let (byteCount, overflow) = elements.multipliedReportingOverflow(by: UInt64(dtype.byteSize))
        guard !overflow else {
            throw fail(.shapeOverflow, "\(tensor) shape \(shape) of \(dtype.rawValue) has 2^64 or more bytes")
        }
        guard begin <= end else {
            throw fail(.beginAfterEnd, "\(tensor) data_offsets [\(begin), \(end)]")
        }
        guard end - begin == byteCount else {
            throw fail(.byteCountMismatch, "\(tensor) shape \(shape) of \(dtype.rawValue) needs \(byteCount) bytes "
                + "but data_offsets [\(begin), \(end)] hold \(end - begin)")
        }
        guard end <= UInt64(dataLength) else {
            throw fail(.offsetPastBuffer, "\(tensor) ends at data byte \(end) but the data buffer has \(dataLength) bytes")
        }
        return Entry(info: (name, dtype, shape), begin: begin, end: end)
    }

    private func decodeDType(_ value: JSONValue, tensor: String) throws(SafeTensorsError) -> SafeTensorDType {
        guard case .string(let text) = value else {
            throw fail(.unknownDType, "\(tensor) dtype is \(value.typeName.prefix(40)), expected a string")
        }
        if let dtype = SafeTensorDType(rawValue: text) { return dtype }
        if SafeTensorDType.referenceOnlyNames.contains(text) {
            throw fail(.unsupportedDType, "\(tensor) has dtype \(quoted(text)); Thaw reads "
                + SafeTensorDType.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if let upper = SafeTensorDType(rawValue: text.uppercased()) {
            throw fail(.unknownDType, "\(tensor) has dtype \(quoted(text)); dtype names are upper-case (\(upper.rawValue))")
        }
        throw fail(.unknownDType, "\(tensor) has dtype \(quoted(text))")
    }

    private func decodeShape(_ value: JSONValue, tensor: String) throws(SafeTensorsError) -> [Int] {
        guard case .array(let elements) = value else {
            throw fail(.invalidShape, "\(tensor) shape is \(value.typeName.prefix(40)), expected an array")
        }
        var shape: [Int] = []
        shape.reserveCapacity(elements.count)
        for (axis, element) in elements.enumerated() {
            // Dimensions above Int.max are refused even where the reference accepts them
            // (next to a zero dimension): Swift shapes are [Int], and no real tensor has one.
            guard case .number(let number) = element, let dim = number.unsignedValue, dim <= UInt64(Int.max) else {
                throw fail(.invalidShape, "\(tensor) dimension \(axis) is \(element.typeName.prefix(40))")
            }
            shape.append(Int(dim))
        }
        return shape
    }

    private func decodeOffsets(_ value: JSONValue, tensor: String) throws(SafeTensorsError) -> (UInt64, UInt64) {
        guard case .array(let elements) = value, elements.count == 2,
              case .number(let first) = elements[0], let begin = first.unsignedValue,
              case .number(let second) = elements[1], let end = second.unsignedValue
        else {
            throw fail(.invalidDataOffsets, "\(tensor) data_offsets is \(value.typeName.prefix(40))"
                + (value.arrayCount.map { " of \($0) elements" } ?? ""))
        }
        return (begin, end)
    }

    /// Requires the ranges to tile the data buffer exactly. Gaps and trailing bytes are refused
    /// because unread bytes are where a polyglot file hides a second payload.
    private func checkLayout(_ entries: [Entry], dataLength: Int) throws(SafeTensorsError) -> [SafeTensorInfo] {
        let ordered = entries.enumerated().sorted { lhs, rhs in
            (lhs.element.begin, lhs.element.end, lhs.offset) < (rhs.element.begin, rhs.element.end, rhs.offset)
        }.map(\.element)
        var cursor: UInt64 = 0
        var previous: String?
        var tensors: [SafeTensorInfo] = []
        tensors.reserveCapacity(ordered.count)
        for entry in ordered {
            let tensor = "tensor \(quoted(entry.info.name))"
            if entry.begin > cursor {
                throw fail(.offsetGap, "no tensor covers data bytes \(cursor)..<\(entry.begin) (before \(tensor))")
            }
            if entry.begin < cursor {
                throw fail(.offsetOverlap, "\(tensor) starts at data byte \(entry.begin), inside tensor "
                    + "\(quoted(previous ?? "")) which ends at \(cursor)")
            }
            cursor = entry.end
            previous = entry.info.name
            tensors.append(SafeTensorInfo(name: entry.info.name, dtype: entry.info.dtype, shape: entry.info.shape,
                                          dataRange: Int(entry.begin)..<Int(entry.end)))
        }
        if cursor < UInt64(dataLength) {
            throw fail(.trailingBytes, "tensors cover \(cursor) of \(dataLength) data bytes; "
                + "\(UInt64(dataLength) - cursor) bytes at the end are not part of any tensor")
        }
        return tensors
    }
}

extension JSONValue {
    fileprivate var arrayCount: Int? {
        if case .array(let elements) = self { return elements.count }
        return nil
    }
}
