/// A JSON value whose objects keep their members in file order.
///
/// Thaw has its own parser because Foundation's silently resolve duplicate keys
/// (`JSONSerialization` keeps the last, `JSONDecoder` the first): a header with two
/// "dtype" fields would then mean different things to Thaw and to another reader.
public indirect enum JSONValue: Sendable {
    case object([JSONMember])
    case array([JSONValue])
    case string(String)
    case number(JSONNumber)
    case bool(Bool)
    case null

    /// The JSON type name, for "expected X, found Y" messages.
    public var typeName: String {
        switch self {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .number(let number): number.isInteger ? "integer \(number.text)" : "number \(number.text)"
        case .bool(let flag): flag ? "true" : "false"
        case .null: "null"
        }
    }
}

public struct JSONMember: Sendable {
    public let key: String
    public let value: JSONValue
}

/// A number kept as its source text: the format wants unsigned 64-bit integers, and "2.0",
/// "1e3" or "-0" must stay distinguishable from "2", which converting to Double would erase.
public struct JSONNumber: Sendable, Equatable {
    public let text: String
    /// No fraction and no exponent.
    public let isInteger: Bool
    public let isNegative: Bool

    /// The value when the number is a non-negative integer that fits in 64 bits.
    public var unsignedValue: UInt64? {
        guard isInteger, !isNegative else { return nil }
        return UInt64(text)
    }
}

/// Quotes an untrusted key for an error message, cut at 80 characters; callers escape
/// control characters when they print.
public func quoted(_ name: String) -> String {
    let limit = 80
    if name.count <= limit { return "\"\(name)\"" }
    return "\"\(name.prefix(limit))…\""
}
