import Foundation
import ThawJSON

/// The JSON card beside a backbone's safetensors: enough to rebuild the network, feed it
/// correctly and tell the user where it came from.
public struct BackboneCard: Codable, Equatable, Sendable {
    public static let currentFormat = "thaw-backbone/1"

    public var format: String
    public var name: String
    public var summary: String?
    public var architecture: ArchitectureSpec
    public var input: InputSpec
    public var source: SourceTask
    /// Module paths of the source task's head (replaced for a new task).
    public var head: [String]
    /// Weights file, relative to the card; default `<card name>.safetensors`.
    public var weights: String?
    public var provenance: Provenance?

    public init(name: String, summary: String? = nil, architecture: ArchitectureSpec, input: InputSpec, source: SourceTask,
                head: [String], weights: String? = nil, provenance: Provenance? = nil) {
        format = Self.currentFormat
        self.name = name
        self.summary = summary
        self.architecture = architecture
        self.input = input
        self.source = source
        self.head = head
        self.weights = weights
        self.provenance = provenance
    }
}

/// Which network, with its configuration. Exactly the field named by `kind` is set.
public struct ArchitectureSpec: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case mlp, smallcnn, resnet, bert
    }
    public var kind: Kind
    public var mlp: MLPSpec?
    public var smallcnn: SmallCNNSpec?
    public var resnet: ResNetConfig?
    /// Hugging Face `config.json` keys.
    public var bert: BERTConfig?

    public init(kind: Kind, mlp: MLPSpec? = nil, smallcnn: SmallCNNSpec? = nil, resnet: ResNetConfig? = nil, bert: BERTConfig? = nil) {
        self.kind = kind
        self.mlp = mlp
        self.smallcnn = smallcnn
        self.resnet = resnet
        self.bert = bert
    }
}

public struct MLPSpec: Codable, Equatable, Sendable {
    /// [inputs, hidden…, outputs].
    public var sizes: [Int]
    public init(sizes: [Int]) { self.sizes = sizes }
}

public struct SmallCNNSpec: Codable, Equatable, Sendable {
    public var channels: Int
    public var imageSize: Int
    public var classes: Int
    public var width: Int
    public var hidden: Int

    public init(channels: Int = 1, imageSize: Int = 28, classes: Int = 10, width: Int = 32, hidden: Int = 128) {
        (self.channels, self.imageSize, self.classes, self.width, self.hidden) = (channels, imageSize, classes, width, hidden)
    }
}

/// What a backbone reads.
public struct InputSpec: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable { case image, tabular, text }
    public var kind: Kind
    /// Per-example shape: `[C, H, W]` for images, `[D]` for tabular rows; absent for text.
    public var shape: [Int]?
    /// Per-channel normalisation applied after scaling pixels to [0, 1].
    public var mean: [Float]?
    public var std: [Float]?
    /// Text: token budget per example and the vocabulary file, relative to the card.
    public var maxLength: Int?
    public var vocabulary: String?

    public init(kind: Kind, shape: [Int]? = nil, mean: [Float]? = nil, std: [Float]? = nil, maxLength: Int? = nil, vocabulary: String? = nil) {
        (self.kind, self.shape, self.mean, self.std, self.maxLength, self.vocabulary) = (kind, shape, mean, std, maxLength, vocabulary)
    }
}

/// The task the backbone was trained on.
public struct SourceTask: Codable, Equatable, Sendable {
    public var task: String
    public var dataset: String?
    public var classes: [String]
    public init(task: String, dataset: String? = nil, classes: [String]) {
        (self.task, self.dataset, self.classes) = (task, dataset, classes)
    }
}

/// How the weights were made, so a result can be reproduced.
public struct Provenance: Codable, Equatable, Sendable {
    public var command: String?
    public var data: String?
    public var seed: UInt64?
    public var epochs: Int?
    public var accuracy: Double?
    public var created: String?
    public var tool: String?
    public var license: String?

    public init(command: String? = nil, data: String? = nil, seed: UInt64? = nil, epochs: Int? = nil, accuracy: Double? = nil,
                created: String? = nil, tool: String? = nil, license: String? = nil) {
        (self.command, self.data, self.seed, self.epochs) = (command, data, seed, epochs)
        (self.accuracy, self.created, self.tool, self.license) = (accuracy, created, tool, license)
    }
}

extension BackboneCard {
    /// Reads and checks a card; errors are one line naming the file and the key.
    public static func load(from url: URL) throws -> BackboneCard {
        let bytes: [UInt8]
        do {
            let data = try Data(contentsOf: url)
            guard data.count <= 1 << 20 else { throw StrictDecodingError(file: url.path, path: "", message: "larger than 1 MB; not a backbone card") }
            bytes = Array(data)
        } catch let error as StrictDecodingError {
            throw error
        } catch {
            throw StrictDecodingError(file: url.path, path: "", message: "cannot read: \(error.localizedDescription)")
        }
        let card = try StrictDecoding.decode(BackboneCard.self, from: bytes, file: url.path)
        try card.validate(file: url.path)
        return card
    }

    /// Rules the types alone cannot express.
    public func validate(file: String) throws {
        func fail(_ path: String, _ message: String) -> StrictDecodingError { StrictDecodingError(file: file, path: path, message: message) }
        guard format == Self.currentFormat else { throw fail("format", "is \"\(format)\"; this Thaw reads \"\(Self.currentFormat)\"") }
        guard !name.isEmpty, !name.contains("/") else { throw fail("name", "must be a non-empty name without '/'") }
        let configured: [ArchitectureSpec.Kind: Bool] = [.mlp: architecture.mlp != nil, .smallcnn: architecture.smallcnn != nil,
                                                         .resnet: architecture.resnet != nil, .bert: architecture.bert != nil]
        for (kind, present) in configured where present != (kind == architecture.kind) {
            throw fail("architecture.\(kind.rawValue)", present ? "given, but kind is \(architecture.kind.rawValue)" : "missing for kind \(kind.rawValue)")
        }
        if let mean = input.mean, let std = input.std, mean.count != std.count {
            throw fail("input.std", "has \(std.count) values but mean has \(mean.count)")
        }
        if let std = input.std, std.contains(where: { !($0 > 0) }) { throw fail("input.std", "must be positive") }
        guard !source.classes.isEmpty else { throw fail("source.classes", "must list at least one class") }
        guard !head.isEmpty else { throw fail("head", "must name the head's module path (e.g. \"fc\")") }
    }
}
