import Foundation

/// Why a `config.json` could not become a `BERTConfig`. Every case names the file and the key,
/// so the message can be acted on without opening a debugger.
public enum BERTConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case missingKey(file: String, key: String)
    case invalidValue(file: String, key: String, value: String, reason: String)
    case unsupported(file: String, key: String, value: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(file, reason): "\(file): cannot read a BERT config: \(reason)"
        case let .missingKey(file, key): "\(file): required key \"\(key)\" is missing"
        case let .invalidValue(file, key, value, reason): "\(file): \"\(key)\" = \(value) \(reason)"
        case let .unsupported(file, key, value, reason): "\(file): \"\(key)\" = \(value) is not supported: \(reason)"
        }
    }

    /// The same error about another file (the decoder does not know the file name).
    func naming(_ file: String) -> BERTConfigError {
        switch self {
        case let .unreadable(_, reason): .unreadable(file: file, reason: reason)
        case let .missingKey(_, key): .missingKey(file: file, key: key)
        case let .invalidValue(_, key, value, reason): .invalidValue(file: file, key: key, value: value, reason: reason)
        case let .unsupported(_, key, value, reason): .unsupported(file: file, key: key, value: value, reason: reason)
        }
    }
}

extension BERTConfig {
    /// Reads and validates a Hugging Face `config.json`.
    public init(contentsOf url: URL) throws(BERTConfigError) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .unreadable(file: url.path, reason: FileManager.default.fileExists(atPath: url.path)
                ? error.localizedDescription : "no such file")
        }
        try self.init(json: data, file: url.path)
    }

    /// Parses config JSON; `file` only labels errors.
    public init(json: Data, file: String = "config.json") throws(BERTConfigError) {
        do {
            self = try JSONDecoder().decode(BERTConfig.self, from: json)
        } catch let error as BERTConfigError {
            throw error.naming(file)
        } catch let error as DecodingError {
            throw Self.translate(error, file: file)
        } catch {
            throw .unreadable(file: file, reason: "\(error)")
        }
        try validate(file: file)
    }

    /// DecodingError's own text is about Swift types; this says which JSON key is at fault.
    private static func translate(_ error: DecodingError, file: String) -> BERTConfigError {
        func keyName(_ path: [any CodingKey]) -> String { path.map(\.stringValue).joined(separator: ".") }
        switch error {
        case let .keyNotFound(key, context):
            return .missingKey(file: file, key: keyName(context.codingPath + [key]))
        case let .valueNotFound(_, context):
            return .invalidValue(file: file, key: keyName(context.codingPath), value: "null", reason: "must not be null")
        case let .typeMismatch(type, context):
            return .invalidValue(file: file, key: keyName(context.codingPath), value: "(wrong type)",
                                 reason: "must be \(type == Int.self ? "an integer" : "\(type)")")
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty {
                return .unreadable(file: file, reason: "not valid JSON (\(context.debugDescription))")
            }
            return .invalidValue(file: file, key: keyName(context.codingPath), value: "(unreadable)", reason: context.debugDescription)
        @unknown default:
            return .unreadable(file: file, reason: "\(error)")
        }
    }
}
