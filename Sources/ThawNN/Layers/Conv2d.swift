import ThawTensor

/// `nn.Conv2d` with `weight (out, in/groups, kH, kW)`.
public final class Conv2d: Layer {
    public let weight: Parameter
    public let bias: Parameter?
    public let stride: (Int, Int)
    public let padding: (Int, Int)
    public let dilation: (Int, Int)
    public let groups: Int
    public var isTraining = true

    public init(inputs: Int, outputs: Int, kernel: (Int, Int), stride: (Int, Int) = (1, 1), padding: (Int, Int) = (0, 0),
                dilation: (Int, Int) = (1, 1), groups: Int = 1, bias: Bool = true, generator: inout SeededGenerator) {
        precondition(inputs % groups == 0 && outputs % groups == 0, "Conv2d groups \(groups) must divide \(inputs) and \(outputs)")
        let fanIn = inputs / groups * kernel.0 * kernel.1
        weight = Initialization.fanInUniform([outputs, inputs / groups, kernel.0, kernel.1], fanIn: fanIn, generator: &generator)
        self.bias = bias ? Initialization.fanInUniform([outputs], fanIn: fanIn, generator: &generator) : nil
        (self.stride, self.padding, self.dilation, self.groups) = (stride, padding, dilation, groups)
    }

    /// Square kernel, the common case.
    public convenience init(inputs: Int, outputs: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
                            bias: Bool = true, generator: inout SeededGenerator) {
        self.init(inputs: inputs, outputs: outputs, kernel: (kernel, kernel), stride: (stride, stride),
                  padding: (padding, padding), bias: bias, generator: &generator)
    }

    public func visit<V: ModuleVisitor>(_ v: inout V) {
        v.parameter("weight", weight)
        if let bias { v.parameter("bias", bias) }
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(x.rank == 4 && x.shape[1] == weight.shape[1] * groups,
                     "Conv2d expects (N, \(weight.shape[1] * groups), H, W), got \(x.shape)")
        return conv2d(x, weight: weight.tensor, bias: bias?.tensor, stride: stride, padding: padding,
                      dilation: dilation, groups: groups)
    }

    public var summary: String {
        let s = weight.shape
        return "Conv2d(\(s[1] * groups)→\(s[0]), kernel \(s[2])×\(s[3]), stride \(stride.0), padding \(padding.0)"
            + (groups > 1 ? ", groups \(groups)" : "") + (bias == nil ? ", bias: false" : "") + ")"
    }
}
