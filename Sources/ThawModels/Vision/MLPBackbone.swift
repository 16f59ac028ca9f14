import ThawNN
import ThawTensor

/// An MLP as a backbone: every layer but the last is the body; the last Linear is the head.
public final class MLPBackbone: Backbone {
    public private(set) var network: Sequential
    public var isTraining = true
    /// [inputs, hidden…, classes], kept current when the head is replaced.
    public private(set) var sizes: [Int]

    public init(sizes: [Int], generator: inout SeededGenerator) {
        self.sizes = sizes
        network = MLP.make(sizes: sizes, generator: &generator)
    }

    public func visit<V: ModuleVisitor>(_ v: inout V) {
        for (index, layer) in network.layers.enumerated() { v.module(String(index), layer) }
    }

    public var headPrefixes: [String] { [String(network.layers.count - 1)] }
    public var featureDimension: Int { sizes[sizes.count - 2] }
    public var classes: Int { sizes[sizes.count - 1] }

    public func features(_ batch: BackboneBatch) throws -> Tensor {
        let x = try batch.dense(for: "MLP").flattened(from: 1)
        guard x.shape[1] == sizes[0] else { throw BackboneInputError("MLP expects \(sizes[0]) features per example, got \(x.shape[1])") }
        return network.layers.dropLast().reduce(x) { $1($0) }
    }

    public func logits(_ batch: BackboneBatch) throws -> Tensor {
        classify(features: try features(batch))
    }

    public func classify(features: Tensor) -> Tensor {
        network.layers[network.layers.count - 1](features)
    }

    public func replaceHead(classes: Int, generator: inout SeededGenerator) {
        network.layers[network.layers.count - 1] = Linear(inputs: featureDimension, outputs: classes, generator: &generator)
        sizes[sizes.count - 1] = classes
    }

    public var architecture: ArchitectureSpec? { ArchitectureSpec(kind: .mlp, mlp: MLPSpec(sizes: sizes)) }

    public var summary: String { "MLP(\(sizes.map(String.init).joined(separator: "→")))" }
}
