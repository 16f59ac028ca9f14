import ThawNN
import ThawTensor

/// `attention.self`: the query/key/value projections and multi-head scaled dot-product attention.
///
/// Three `Linear`s rather than one fused `(3H, H)` matrix because the checkpoint stores three,
/// and a fused forward would copy the weights into one buffer on every call.
public final class BERTSelfAttention: Module {
    public let query: Linear
    public let key: Linear
    public let value: Linear
    /// Dropout on the attention probabilities (`attention_probs_dropout_prob`).
    public let dropout: Dropout
    public let heads: Int
    public var isTraining = true

    init(config: BERTConfig, generator: inout SeededGenerator) {
        query = bertLinear(config.hiddenSize, config.hiddenSize, &generator)
        key = bertLinear(config.hiddenSize, config.hiddenSize, &generator)
        value = bertLinear(config.hiddenSize, config.hiddenSize, &generator)
        dropout = Dropout(probability: config.attentionDropout, seed: generator.next())
        heads = config.attentionHeads
    }

    public func visit<V: ModuleVisitor>(_ v: inout V) {
        v.module("query", query)
        v.module("key", key)
        v.module("value", value)
        v.module("dropout", dropout)
    }

    /// `(B, S, H)` → `(B, S, H)`; `mask` holds B·S flags, true for real tokens.
    func callAsFunction(_ x: Tensor, mask: [Bool]?) -> Tensor {
        let (b, s, h) = (x.shape[0], x.shape[1], x.shape[2])
        func heads(_ t: Tensor) -> Tensor { t.reshaped([b, s, self.heads, h / self.heads]).permuted([0, 2, 1, 3]) }
        let q = heads(query(x)), k = heads(key(x)), v = heads(value(x))
        let context: Tensor
        if dropout.isTraining && dropout.probability > 0 {
            context = Self.unfusedAttention(q, k, v, mask: mask, dropout: dropout)
        } else {
            context = scaledDotProductAttention(query: q, key: k, value: v, keyPaddingMask: mask)
        }
        return context.permuted([0, 2, 1, 3]).reshaped([b, s, h])
    }

    /// The same attention spelt out op by op, so dropout can act on the probabilities (the
    /// fused kernel has no dropout). Only used in training with `attention_probs_dropout_prob`
    /// above zero; it keeps the (B, heads, S, S) score tensors alive for backward, which the
    /// fused op avoids.
    static func unfusedAttention(_ q: Tensor, _ k: Tensor, _ v: Tensor, mask: [Bool]?, dropout: Dropout) -> Tensor {
        let (b, s, d) = (q.shape[0], k.shape[2], q.shape[3])
        var scores = q.matmul(k, transposeB: true) * (1 / Float(d).squareRoot())
        if let mask {
            // Hugging Face's additive mask: the most negative finite score, so a row with every
            // key padded stays finite (uniform) rather than NaN.
            let additive = mask.map { $0 ? Float(0) : -Float.greatestFiniteMagnitude }
            scores = scores + Tensor(shape: [b, 1, 1, s], scalars: additive)
        }
        return dropout(scores.softmax(axis: -1)).matmul(v)
    }

    public var summary: String { "BERTSelfAttention(heads: \(heads))" }
}

/// `attention.output` and `output`: projection, dropout, residual add, post-LayerNorm.
public final class BERTResidualOutput: Module {
    public let dense: Linear
    public let layerNorm: LayerNorm
    public let dropout: Dropout
    public var isTraining = true

    init(inputs: Int, config: BERTConfig, generator: inout SeededGenerator) {
        dense = bertLinear(inputs, config.hiddenSize, &generator)
        layerNorm = LayerNorm([config.hiddenSize], epsilon: config.layerNormEpsilon)
        dropout = Dropout(probability: config.hiddenDropout, seed: generator.next())
    }

    public func visit<V: ModuleVisitor>(_ v: inout V) {
        v.module("dense", dense)
        v.module("LayerNorm", layerNorm)
        v.module("dropout", dropout)
    }

    func callAsFunction(_ x: Tensor, residual: Tensor) -> Tensor {
        layerNorm(dropout(dense(x)) + residual)
    }
}

/// `attention`: self-attention followed by its output block.
public final class BERTAttention: Module {
    public let selfAttention: BERTSelfAttention
    public let output: BERTResidualOutput
    public var isTraining = true

    init(config: BERTConfig, generator: inout SeededGenerator) {
        selfAttention = BERTSelfAttention(config: config, generator: &generator)
        output = BERTResidualOutput(inputs: config.hiddenSize, config: config, generator: &generator)
    }

    public func visit<V: ModuleVisitor>(_ v: inout V) {
        v.module("self", selfAttention)
        v.module("output", output)
    }

    func callAsFunction(_ x: Tensor, mask: [Bool]?) -> Tensor {
        output(selfAttention(x, mask: mask), residual: x)
    }
}

/// A linear layer with BERT's initialisation: weights N(0, 0.02²), zero bias. The seed decides
/// the weights, so a fresh model is reproducible; pretrained weights replace them on load.
func bertLinear(_ inputs: Int, _ outputs: Int, _ generator: inout SeededGenerator) -> Linear {
    let layer = Linear(inputs: inputs, outputs: outputs, generator: &generator)
    layer.weight.assign(Tensor.randomNormal(shape: [outputs, inputs], standardDeviation: 0.02, generator: &generator))
    layer.bias?.assign(Tensor(zeros: [outputs]))
    return layer
}
