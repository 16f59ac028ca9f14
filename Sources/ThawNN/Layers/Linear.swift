import ThawTensor

/// `nn.Linear`: y = x·Wᵀ + b with `weight (out, in)`, over the last dimension of any input.
public final class Linear: Layer {
    public let weight: Parameter
    public let bias: Parameter?
    public var isTraining = true

    public init(inputs: Int, outputs: Int, bias: Bool = true, generator: inout SeededGenerator) {
        weight = Initialization.fanInUniform([outputs, inputs], fanIn: inputs, generator: &generator)
        self.bias = bias ? Initialization.fanInUniform([outputs], fanIn: inputs, generator: &generator) : nil
    }

    public var inputs: Int { weight.shape[1] }
    public var outputs: Int { weight.shape[0] }

    public func visit<V: ModuleVisitor>(_ v: inout V) {
        v.parameter("weight", weight)
        if let bias { v.parameter("bias", bias) }
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(x.shape.last == inputs, "Linear(\(inputs)→\(outputs)) got input \(x.shape)")
        let y = x.matmul(weight.tensor, transposeB: true)
        guard let bias else { return y }
        return y + bias.tensor
    }

    public var summary: String { "Linear(in: \(inputs), out: \(outputs)\(bias == nil ? ", bias: false" : ""))" }
}
