import ThawTensor

/// `nn.MultiheadAttention` (batch first) with PyTorch's keys: `in_proj_weight (3E, E)`,
/// `in_proj_bias (3E)`, `out_proj.weight`, `out_proj.bias`.
public final class MultiHeadAttention: Module {
    public let inProjectionWeight: Parameter
    public let inProjectionBias: Parameter
    public let outProjection: Linear
    public let heads: Int
    public var isTraining = true

    public init(embedding: Int, heads: Int, generator: inout SeededGenerator) {
        precondition(embedding % heads == 0, "embedding \(embedding) is not divisible by \(heads) heads")
        // PyTorch: xavier_uniform_ on in_proj_weight, zero biases.
        let bound = (6 / Float(embedding + 3 * embedding)).squareRoot()
        inProjectionWeight = Parameter(Tensor.randomUniform(shape: [3 * embedding, embedding], lower: -bound, upper: bound, generator: &generator))
        inProjectionBias = Initialization.constant(0, [3 * embedding])
        outProjection = Linear(inputs: embedding, outputs: embedding, generator: &generator)
        outProjection.bias?.assign(Tensor(zeros: [embedding]))
        self.heads = heads
    }

    public var embedding: Int { inProjectionWeight.shape[1] }

    public func visit<V: ModuleVisitor>(_ v: inout V) {
        v.parameter("in_proj_weight", inProjectionWeight)
        v.parameter("in_proj_bias", inProjectionBias)
        v.module("out_proj", outProjection)
    }

    /// Self-attention over `x (B, S, E)`; `keyPaddingMask` has B·S flags, true for real tokens.
    public func callAsFunction(_ x: Tensor, keyPaddingMask: [Bool]? = nil) -> Tensor {
        let (b, s, e) = (x.shape[0], x.shape[1], x.shape[2])
        let projected = x.matmul(inProjectionWeight.tensor, transposeB: true) + inProjectionBias.tensor
        func split(_ part: Int) -> Tensor {
            projected.slice(axis: 2, (part * e)..<((part + 1) * e)).reshaped([b, s, heads, e / heads]).permuted([0, 2, 1, 3])
        }
        let context = scaledDotProductAttention(query: split(0), key: split(1), value: split(2), keyPaddingMask: keyPaddingMask)
        return outProjection(context.permuted([0, 2, 1, 3]).reshaped([b, s, e]))
    }

    public var summary: String { "MultiHeadAttention(embedding: \(embedding), heads: \(heads))" }
}
