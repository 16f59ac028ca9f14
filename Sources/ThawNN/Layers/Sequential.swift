import ThawTensor

/// `nn.Sequential`: children named "0", "1", … in order.
public final class Sequential: Layer {
    public var layers: [any Layer]
    public var isTraining = true

    public init(_ layers: [any Layer]) { self.layers = layers }

    public func visit<V: ModuleVisitor>(_ v: inout V) {
        for (index, layer) in layers.enumerated() { v.module(String(index), layer) }
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        layers.reduce(x) { $1($0) }
    }

    public var summary: String { "Sequential(\(layers.count))" }
}
