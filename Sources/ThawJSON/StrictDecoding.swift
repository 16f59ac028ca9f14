import Foundation

/// Why a JSON document was refused: the file, where in it (a key path such as
/// `architecture.depth`), and what to change.
public struct StrictDecodingError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let path: String
    public let message: String

    public init(file: String, path: String, message: String) {
        (self.file, self.path, self.message) = (file, path, message)
    }

    public var description: String { path.isEmpty ? "\(file): \(message)" : "\(file): \(path): \(message)" }
}

/// Decodes `Codable` values from JSON written by people, refusing what Foundation lets pass:
/// duplicate keys (Foundation keeps one silently) and unknown keys (a typo such as
/// `"lerning_rate"` would otherwise be ignored and the default used).
///
/// Unknown keys are found by re-encoding the decoded value: every key the type understood
/// comes back, so any input key that does not is one the type never read.
public enum StrictDecoding {
    public static func decode<T: Codable>(_ type: T.Type, from bytes: [UInt8], file: String) throws -> T {
        let input: JSONValue
        do {
            input = try StrictJSONParser.parse(ArraySlice(bytes))
        } catch {
            throw StrictDecodingError(file: file, path: "", message: "\(error.message) at line \(line(of: error.offset, in: bytes))")
        }
        let value: T
        do {
            value = try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw describe(error, file: file)
        }
        let known = try StrictJSONParser.parse(ArraySlice(Array(try JSONEncoder().encode(value))))
        try checkKeys(input, against: known, path: [], file: file)
        return value
    }

    private static func checkKeys(_ input: JSONValue, against known: JSONValue, path: [String], file: String) throws {
        switch (input, known) {
        case let (.object(members), .object(knownMembers)):
            let knownKeys = Dictionary(knownMembers.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
            for member in members {
                guard let expected = knownKeys[member.key] else {
                    if case .null = member.value { continue } // an explicit null for an optional key
                    let suggestion = closest(to: member.key, among: Array(knownKeys.keys)).map { "; did you mean \"\($0)\"?" } ?? ""
                    throw StrictDecodingError(file: file, path: (path + [member.key]).joined(separator: "."),
                                              message: "unknown key\(suggestion)")
                }
                try checkKeys(member.value, against: expected, path: path + [member.key], file: file)
            }
        case let (.array(items), .array(knownItems)) where items.count == knownItems.count:
            for (index, pair) in zip(items, knownItems).enumerated() {
                try checkKeys(pair.0, against: pair.1, path: path + ["\(index)"], file: file)
            }
        default:
            break
        }
    }

    private static func describe(_ error: DecodingError, file: String) -> StrictDecodingError {
        func path(_ context: DecodingError.Context, extra: CodingKey? = nil) -> String {
            (context.codingPath + [extra].compactMap { $0 }).map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case let .keyNotFound(key, context):
            return StrictDecodingError(file: file, path: path(context, extra: key), message: "missing required key")
        case let .typeMismatch(type, context):
            return StrictDecodingError(file: file, path: path(context), message: "expected \(typeName(type))")
        case let .valueNotFound(type, context):
            return StrictDecodingError(file: file, path: path(context), message: "expected \(typeName(type)), found null")
        case let .dataCorrupted(context):
            return StrictDecodingError(file: file, path: path(context), message: context.debugDescription)
        @unknown default:
            return StrictDecodingError(file: file, path: "", message: "\(error)")
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is UInt64.Type, is Int64.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        case is Bool.Type: "true or false"
        default: "\(type)".contains("Array") ? "a list" : "an object"
        }
    }

    /// 1-based line of a byte offset.
    public static func line(of offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes.prefix(Swift.max(0, Swift.min(offset, bytes.count))).reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
    }

    /// The candidate within edit distance 2 (or a third of the key's length) of `key`.
    public static func closest(to key: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(key.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }) else { return nil }
        return best.1 <= Swift.max(2, key.count / 3) ? best.0 : nil
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...Swift.max(a.count, 1) where !a.isEmpty {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...Swift.max(b.count, 1) where !b.isEmpty {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
