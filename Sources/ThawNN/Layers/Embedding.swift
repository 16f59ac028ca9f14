import ThawTensor

/// `nn.Embedding` with `weight (vocabulary, dimension)`.
public final class Embedding: Module {
    public let weight: Parameter
    public var isTraining = true

    public init(vocabulary: Int, dimension: Int, standardDeviation: Float = 1, generator: inout SeededGenerator) {
        weight = Initialization.normal([vocabulary, dimension], standardDeviation: standardDeviation, generator: &generator)
    }

    public var vocabulary: Int { weight.shape[0] }
    public var dimension: Int { weight.shape[1] }

    public func visit<V: ModuleVisitor>(_ v: inout V) { v.parameter("weight", weight) }

    /// Rows for `ids` laid out as `shape`; the result is `shape + [dimension]`.
    public func callAsFunction(_ ids: [Int], shape: [Int]) -> Tensor {
        embedding(weight.tensor, indices: ids, indexShape: shape)
    }

    public var summary: String { "Embedding(\(vocabulary), \(dimension))" }
}
