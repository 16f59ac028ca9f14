import ThawTensor

/// `nn.LayerNorm` over the trailing `normalizedShape`.
public final class LayerNorm: Layer {
    public let weight: Parameter
    public let bias: Parameter
    public let normalizedShape: [Int]
    public let epsilon: Float
    public var isTraining = true

    public init(_ normalizedShape: [Int], epsilon: Float = 1e-5) {
        self.normalizedShape = normalizedShape
        weight = Initialization.constant(1, normalizedShape)
        bias = Initialization.constant(0, normalizedShape)
        self.epsilon = epsilon
    }

    public func visit<V: ModuleVisitor>(_ v: inout V) {
        v.parameter("weight", weight)
        v.parameter("bias", bias)
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        layerNorm(x, normalizedShape: normalizedShape, weight: weight.tensor, bias: bias.tensor, epsilon: epsilon)
    }

    public var summary: String { "LayerNorm(\(normalizedShape), eps: \(epsilon))" }
}
