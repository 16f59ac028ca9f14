import Foundation
import ThawJSON
import ThawTrainingAPI
import Yams

/// An experiment file read, checked and with its command-line overrides applied.
public struct Experiment: Sendable {
    public let config: RunConfig
    /// The configuration as sorted JSON: stored in checkpoints and compared on resume.
    public let canonicalJSON: String
    /// Directory relative paths in the file are resolved against.
    public let baseDirectory: URL

    /// An experiment edited in the workbench rather than read from a file; checked like one.
    public init(config: RunConfig, baseDirectory: URL) throws {
        if let (path, message) = ConfigValidation.firstProblem(config) {
            throw ConfigError(file: "experiment", path: path, message: message)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        self.init(config: config, canonicalJSON: String(decoding: try encoder.encode(config), as: UTF8.self), baseDirectory: baseDirectory)
    }

    init(config: RunConfig, canonicalJSON: String, baseDirectory: URL) {
        self.config = config
        self.canonicalJSON = canonicalJSON
        self.baseDirectory = baseDirectory
    }
}

/// Reads human-written experiment files (YAML). Every problem is one line naming the file,
/// the line and the key: unknown keys (with a "did you mean"), wrong types, duplicate keys,
/// values out of range.
public enum ExperimentFile {
    public static let maximumBytes = 1 << 20

    public static func load(_ url: URL, overrides: [String] = []) throws -> Experiment {
        let path = url.path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            throw ConfigError(file: path, message: "cannot read the file (does it exist?)")
        }
        if let size = attributes[.size] as? Int, size > maximumBytes {
            throw ConfigError(file: path, message: "is \(size) bytes; experiment files are limited to 1 MB")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw ConfigError(file: path, message: "cannot read the file") }
        guard let text = String(data: data, encoding: .utf8) else { throw ConfigError(file: path, message: "is not UTF-8 text") }
        return try parse(text, file: path, overrides: overrides, baseDirectory: url.deletingLastPathComponent())
    }

    public static func parse(_ text: String, file: String, overrides: [String] = [],
                             baseDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) throws -> Experiment {
        var tree = try YAMLTree(text: text, file: file)
        for override in overrides { try apply(override, to: &tree, file: file) }
        guard tree.root is [String: Any] else { throw ConfigError(file: file, message: "the top level must be a mapping of keys") }
        let json = try JSONSerialization.data(withJSONObject: tree.root, options: [.sortedKeys])
        let config: RunConfig
        do {
            config = try StrictDecoding.decode(RunConfig.self, from: Array(json), file: file)
        } catch let error as StrictDecodingError {
            throw ConfigError(file: file, line: line(for: error.path, in: tree), path: error.path, message: error.message)
        }
        if let (path, message) = ConfigValidation.firstProblem(config) {
            throw ConfigError(file: file, line: line(for: path, in: tree), path: path, message: message)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let canonical = String(decoding: try encoder.encode(config), as: UTF8.self)
        return Experiment(config: config, canonicalJSON: canonical, baseDirectory: baseDirectory)
    }

    /// `key.path=value`, the value read as YAML (`0.01`, `true`, `[a, b]`, `adamw`).
    static func apply(_ override: String, to tree: inout YAMLTree, file: String) throws {
        guard let equals = override.firstIndex(of: "="), equals != override.startIndex else {
            throw ConfigError(file: file, path: override, message: "--set needs key=value, e.g. --set optimizer.lr=0.01")
        }
        let keys = override[..<equals].split(separator: ".").map(String.init)
        let valueText = String(override[override.index(after: equals)...])
        let value = try YAMLTree(text: valueText.isEmpty ? "''" : valueText, file: "--set \(override)").root
        guard var root = tree.root as? [String: Any] else { return }
        set(value, at: keys[...], in: &root)
        tree.root = root
        tree.lines[keys.joined(separator: ".")] = nil
    }

    private static func set(_ value: Any, at keys: ArraySlice<String>, in object: inout [String: Any]) {
        guard let first = keys.first else { return }
        if keys.count == 1 { object[first] = value; return }
        var child = object[first] as? [String: Any] ?? [:]
        set(value, at: keys.dropFirst(), in: &child)
        object[first] = child
    }

    /// The line of `path` or of its nearest ancestor that has one.
    static func line(for path: String, in tree: YAMLTree) -> Int? {
        var components = path.split(separator: ".").map(String.init)
        while !components.isEmpty {
            let key = components.joined(separator: ".").replacingOccurrences(of: #"\.(\d+)"#, with: "[$1]", options: .regularExpression)
            if let line = tree.lines[key] ?? tree.lines[components.joined(separator: ".")] { return line }
            components.removeLast()
        }
        return nil
    }
}
