import ThawNN
import ThawTensor

/// A multi-layer perceptron: Linear layers with ReLU between them, as
/// `nn.Sequential(nn.Linear(a, b), nn.ReLU(), …)`, so keys are `0.weight`, `2.weight`, ….
public enum MLP {
    /// `sizes` = [inputs, hidden…, outputs].
    public static func make(sizes: [Int], dropout: Float = 0, generator: inout SeededGenerator) -> Sequential {
        precondition(sizes.count >= 2 && sizes.allSatisfy { $0 > 0 }, "MLP sizes must be at least [inputs, outputs], all positive: \(sizes)")
        var layers: [any Layer] = []
        for i in 0..<(sizes.count - 1) {
            layers.append(Linear(inputs: sizes[i], outputs: sizes[i + 1], generator: &generator))
            if i < sizes.count - 2 {
                layers.append(ReLU())
                if dropout > 0 { layers.append(Dropout(probability: dropout, seed: generator.next())) }
            }
        }
        return Sequential(layers)
    }
}
