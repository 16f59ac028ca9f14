import ThawTensor

/// `nn.Dropout`. The layer owns its generator (seeded from the model's seed), so runs are
/// repeatable and a checkpoint can save and restore the exact mask sequence.
public final class Dropout: Layer {
    public let probability: Float
    public var generator: SeededGenerator
    public var isTraining = true

    public init(probability: Float, seed: UInt64) {
        precondition(probability >= 0 && probability <= 1, "dropout probability \(probability) outside [0, 1]")
        self.probability = probability
        generator = SeededGenerator(seed: seed)
    }

    public func visit<V: ModuleVisitor>(_ v: inout V) {}

    public func callAsFunction(_ x: Tensor) -> Tensor {
        guard isTraining, probability > 0 else { return x }
        return dropout(x, probability: probability, generator: &generator)
    }

    public var summary: String { "Dropout(p: \(probability))" }
}
