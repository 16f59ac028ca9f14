import Foundation
import Yams

/// A YAML document turned into JSON-compatible values, remembering the line of every key so
/// errors found later (by the typed decoder or the validator) can point at the file.
///
/// Duplicate keys are refused (Yams reports them; the walk checks again), nesting is capped,
/// and the walk stops after a node budget, so an alias "billion laughs" document fails fast
/// instead of being expanded.
struct YAMLTree {
    var root: Any
    /// Key path ("optimizer.lr", "data.augment.padding") → line (Yams marks are 1-based).
    var lines: [String: Int] = [:]

    static let maximumNodes = 100_000
    static let maximumDepth = 64

    init(text: String, file: String) throws {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigError(file: file, line: Self.line(of: error), message: "not valid YAML: \(Self.summary(of: error))")
        }
        guard let node else { throw ConfigError(file: file, message: "the file is empty") }
        var budget = Self.maximumNodes
        var lines: [String: Int] = [:]
        root = try Self.convert(node, path: "", depth: 0, budget: &budget, lines: &lines, file: file)
        self.lines = lines
    }

    private static func convert(_ node: Node, path: String, depth: Int, budget: inout Int,
                                lines: inout [String: Int], file: String) throws -> Any {
        budget -= 1
        guard budget >= 0 else {
            throw ConfigError(file: file, line: node.mark.map { $0.line }, path: path,
                              message: "more than \(maximumNodes) values (are YAML aliases expanding?); experiment files must be small")
        }
        guard depth < maximumDepth else {
            throw ConfigError(file: file, line: node.mark.map { $0.line }, path: path, message: "nested deeper than \(maximumDepth) levels")
        }
        switch node {
        case .scalar(let scalar):
            return value(of: scalar)
        case .alias(let alias):
            throw ConfigError(file: file, line: alias.mark.map { $0.line }, path: path, message: "unresolved alias *\(alias.anchor.rawValue)")
        case .sequence(let sequence):
            return try sequence.enumerated().map { index, item in
                try convert(item, path: "\(path)[\(index)]", depth: depth + 1, budget: &budget, lines: &lines, file: file)
            }
        case .mapping(let mapping):
            var object: [String: Any] = [:]
            for (keyNode, valueNode) in mapping {
                guard case .scalar(let keyScalar) = keyNode else {
                    throw ConfigError(file: file, line: keyNode.mark.map { $0.line }, path: path, message: "keys must be plain names")
                }
                let key = keyScalar.string
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                let line = keyNode.mark.map { $0.line }
                if object[key] != nil {
                    throw ConfigError(file: file, line: line, path: childPath,
                                      message: "appears twice (first on line \(lines[childPath].map(String.init) ?? "?")); keep one")
                }
                lines[childPath] = line
                object[key] = try convert(valueNode, path: childPath, depth: depth + 1, budget: &budget, lines: &lines, file: file)
            }
            return object
        }
    }

    /// Plain scalars become numbers, booleans or null where they read as such; quoted ones
    /// stay strings ("1e-3" in quotes is text).
    static func value(of scalar: Node.Scalar) -> Any {
        let text = scalar.string
        guard scalar.style == .plain || scalar.style == .any else { return text }
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        case "null", "Null", "NULL", "~", "": return NSNull()
        default: break
        }
        if let integer = Int(text) { return integer }
        if let number = Double(text), !text.lowercased().contains("inf"), !text.lowercased().contains("nan") { return number }
        if [".nan", ".NaN", ".NAN", ".inf", ".Inf", "-.inf", "+.inf"].contains(text) { return text }
        return text
    }

    static func line(of error: YamlError) -> Int? {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
            return mark.line
        case let .duplicatedKeysInMapping(_, context):
            return context.mark.line
        default:
            return nil
        }
    }

    static func summary(of error: YamlError) -> String {
        switch error {
        case let .scanner(_, problem, _, _), let .parser(_, problem, _, _), let .composer(_, problem, _, _):
            return problem
        case let .duplicatedKeysInMapping(duplicates, _):
            return "duplicate key \(duplicates.sorted().map { "\"\($0)\"" }.joined(separator: ", ")); keep one"
        default:
            return "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
        }
    }
}
