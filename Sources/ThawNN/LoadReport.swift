/// What loading a state dict did, key by key: what the user sees in `thaw inspect` and the
/// Backbones screen.
public struct LoadReport: Sendable, Equatable, CustomStringConvertible {
    public struct ShapeMismatch: Sendable, Equatable {
        public let key: String
        public let modelShape: [Int]
        public let fileShape: [Int]

        public init(key: String, modelShape: [Int], fileShape: [Int]) {
            (self.key, self.modelShape, self.fileShape) = (key, modelShape, fileShape)
        }
    }

    /// Model keys filled from the file.
    public var loaded: [String] = []
    /// Model keys the file lacks.
    public var missing: [String] = []
    /// File keys the model has no place for.
    public var unexpected: [String] = []
    public var shapeMismatches: [ShapeMismatch] = []
    /// Head keys left at their fresh initialisation on purpose (a new task's classifier).
    public var reinitialized: [ShapeMismatch] = []
    /// Source-head keys in the file that the new model has no use for.
    public var droppedSourceHead: [String] = []

    public init() {}

    /// True when every model tensor came from the file or was re-initialised on purpose.
    public var isComplete: Bool { missing.isEmpty && unexpected.isEmpty && shapeMismatches.isEmpty }

    public var description: String {
        var lines = ["loaded \(loaded.count) tensors"]
        for r in reinitialized {
            let shapes = r.fileShape.isEmpty ? "not in the file" : "\(r.fileShape) → \(r.modelShape)"
            lines.append("re-initialised \(r.key): \(shapes)")
        }
        if !droppedSourceHead.isEmpty { lines.append("dropped source head: \(droppedSourceHead.joined(separator: ", "))") }
        if !missing.isEmpty { lines.append("missing from the file: \(missing.joined(separator: ", "))") }
        if !unexpected.isEmpty { lines.append("not in the model: \(unexpected.joined(separator: ", "))") }
        for m in shapeMismatches {
            lines.append("shape mismatch \(m.key): model \(m.modelShape), file \(m.fileShape)")
        }
        return lines.joined(separator: "\n")
    }
}

/// Rewrites checkpoint keys into the model's names before matching: a `bert.` prefix from a
/// task model, TensorFlow-era `gamma`/`beta` LayerNorm names.
public struct KeyMap: Sendable, Equatable {
    public var strippedPrefixes: [String]
    /// Whole last components renamed, e.g. `gamma` → `weight`.
    public var renamedLeaves: [String: String]

    public init(strippedPrefixes: [String] = [], renamedLeaves: [String: String] = [:]) {
        self.strippedPrefixes = strippedPrefixes
        self.renamedLeaves = renamedLeaves
    }

    public static let identity = KeyMap()

    public func callAsFunction(_ key: String) -> String {
        var result = key
        for prefix in strippedPrefixes where result.hasPrefix(prefix) {
            result.removeFirst(prefix.count)
            break
        }
        if let dot = result.lastIndex(of: ".") {
            let leaf = String(result[result.index(after: dot)...])
            if let renamed = renamedLeaves[leaf] { result = result[..<dot] + "." + renamed }
        }
        return result
    }
}
