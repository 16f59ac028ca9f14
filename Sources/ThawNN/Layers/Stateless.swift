import ThawTensor

/// Layers without parameters, so models can be written as `Sequential` like PyTorch's.

public final class ReLU: Layer {
    public var isTraining = true
    public init() {}
    public func visit<V: ModuleVisitor>(_ v: inout V) {}
    public func callAsFunction(_ x: Tensor) -> Tensor { x.relu() }
}

public final class GELU: Layer {
    public let approximation: GELUApproximation
    public var isTraining = true
    public init(approximation: GELUApproximation = .none) { self.approximation = approximation }
    public func visit<V: ModuleVisitor>(_ v: inout V) {}
    public func callAsFunction(_ x: Tensor) -> Tensor { x.gelu(approximation: approximation) }
    public var summary: String { "GELU(\(approximation.rawValue))" }
}

public final class Tanh: Layer {
    public var isTraining = true
    public init() {}
    public func visit<V: ModuleVisitor>(_ v: inout V) {}
    public func callAsFunction(_ x: Tensor) -> Tensor { x.tanh() }
}

public final class Identity: Layer {
    public var isTraining = true
    public init() {}
    public func visit<V: ModuleVisitor>(_ v: inout V) {}
    public func callAsFunction(_ x: Tensor) -> Tensor { x }
}

/// `nn.Flatten()`: keeps the batch dimension.
public final class Flatten: Layer {
    public var isTraining = true
    public init() {}
    public func visit<V: ModuleVisitor>(_ v: inout V) {}
    public func callAsFunction(_ x: Tensor) -> Tensor { x.flattened(from: 1) }
}

public final class MaxPool2d: Layer {
    public let kernel: Int, stride: Int, padding: Int
    public var isTraining = true
    public init(kernel: Int, stride: Int? = nil, padding: Int = 0) {
        (self.kernel, self.stride, self.padding) = (kernel, stride ?? kernel, padding)
    }
    public func visit<V: ModuleVisitor>(_ v: inout V) {}
    public func callAsFunction(_ x: Tensor) -> Tensor {
        maxPool2d(x, kernel: (kernel, kernel), stride: (stride, stride), padding: (padding, padding))
    }
    public var summary: String { "MaxPool2d(kernel \(kernel), stride \(stride), padding \(padding))" }
}

public final class AvgPool2d: Layer {
    public let kernel: Int, stride: Int, padding: Int
    public var isTraining = true
    public init(kernel: Int, stride: Int? = nil, padding: Int = 0) {
        (self.kernel, self.stride, self.padding) = (kernel, stride ?? kernel, padding)
    }
    public func visit<V: ModuleVisitor>(_ v: inout V) {}
    public func callAsFunction(_ x: Tensor) -> Tensor {
        avgPool2d(x, kernel: (kernel, kernel), stride: (stride, stride), padding: (padding, padding))
    }
    public var summary: String { "AvgPool2d(kernel \(kernel), stride \(stride), padding \(padding))" }
}

public final class AdaptiveAvgPool2d: Layer {
    public let outputSize: (Int, Int)
    public var isTraining = true
    public init(outputSize: (Int, Int) = (1, 1)) { self.outputSize = outputSize }
    public func visit<V: ModuleVisitor>(_ v: inout V) {}
    public func callAsFunction(_ x: Tensor) -> Tensor { adaptiveAvgPool2d(x, outputSize: outputSize) }
    public var summary: String { "AdaptiveAvgPool2d(\(outputSize.0)×\(outputSize.1))" }
}
