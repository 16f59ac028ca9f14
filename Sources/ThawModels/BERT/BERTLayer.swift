import ThawNN
import ThawTensor

/// `intermediate`: the feed-forward expansion and its activation. The activation is not a
/// child module because it owns nothing (HF's `intermediate_act_fn` has no state either).
public final class BERTIntermediate: Module {
    public let dense: Linear
    public let activation: BERTActivation
    public var isTraining = true

    init(config: BERTConfig, generator: inout SeededGenerator) {
        dense = bertLinear(config.hiddenSize, config.intermediateSize, &generator)
        activation = config.activation
    }

    public func visit<V: ModuleVisitor>(_ v: inout V) { v.module("dense", dense) }

    func callAsFunction(_ x: Tensor) -> Tensor {
        let y = dense(x)
        switch activation {
        case .gelu: return y.gelu(approximation: .none)
        case .geluNew, .geluPyTorchTanh: return y.gelu(approximation: .tanh)
        case .relu: return y.relu()
        }
    }

    public var summary: String { "BERTIntermediate(\(dense.inputs)→\(dense.outputs), \(activation.rawValue))" }
}

/// `encoder.layer.N`: one post-LayerNorm transformer block.
public final class BERTLayer: Module {
    public let attention: BERTAttention
    public let intermediate: BERTIntermediate
    public let output: BERTResidualOutput
    public var isTraining = true

    init(config: BERTConfig, generator: inout SeededGenerator) {
        attention = BERTAttention(config: config, generator: &generator)
        intermediate = BERTIntermediate(config: config, generator: &generator)
        output = BERTResidualOutput(inputs: config.intermediateSize, config: config, generator: &generator)
    }

    public func visit<V: ModuleVisitor>(_ v: inout V) {
        v.module("attention", attention)
        v.module("intermediate", intermediate)
        v.module("output", output)
    }

    func callAsFunction(_ x: Tensor, mask: [Bool]?) -> Tensor {
        let attended = attention(x, mask: mask)
        return output(intermediate(attended), residual: attended)
    }
}

/// `encoder`: the stack of layers, listed as `layer.0`, `layer.1`, … like `nn.ModuleList`.
public final class BERTLayerStack: Module {
    public let layers: [BERTLayer]
    private let list: LayerList
    public var isTraining = true

    init(config: BERTConfig, generator: inout SeededGenerator) {
        layers = (0..<config.layers).map { _ in BERTLayer(config: config, generator: &generator) }
        list = LayerList(layers)
    }

    public func visit<V: ModuleVisitor>(_ v: inout V) { v.module("layer", list) }

    func callAsFunction(_ x: Tensor, mask: [Bool]?) -> Tensor {
        layers.reduce(x) { $1($0, mask: mask) }
    }

    /// `nn.ModuleList`: its own node in the module tree so `encoder.layer` can be frozen or
    /// shown as one unit, with the blocks as children "0", "1", ….
    private final class LayerList: Module {
        let layers: [BERTLayer]
        var isTraining = true
        init(_ layers: [BERTLayer]) { self.layers = layers }
        func visit<V: ModuleVisitor>(_ v: inout V) {
            for (index, layer) in layers.enumerated() { v.module(String(index), layer) }
        }
        var summary: String { "ModuleList(\(layers.count))" }
    }
}

/// `pooler`: tanh(dense(h[CLS])), BERT's next-sentence-prediction feature.
public final class BERTPooler: Module {
    public let dense: Linear
    public var isTraining = true

    init(config: BERTConfig, generator: inout SeededGenerator) {
        dense = bertLinear(config.hiddenSize, config.hiddenSize, &generator)
    }

    public func visit<V: ModuleVisitor>(_ v: inout V) { v.module("dense", dense) }

    /// `(B, S, H)` → `(B, H)`.
    public func callAsFunction(_ hidden: Tensor) -> Tensor {
        dense(BERTPooling.cls(hidden)).tanh()
    }
}
