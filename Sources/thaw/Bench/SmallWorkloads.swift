import ThawModels
import ThawTensor
import ThawTraining

extension BenchWorkload {
    /// MLP 64→256→256→10 with ReLU, batch 64, SGD (lr 0.01, momentum 0.9).
    static let mlpDigits = BenchWorkload(
        name: "mlp-digits", batch: 64,
        full: Plan(warmup: 300, steps: 2000, repeats: 5), quick: Plan(warmup: 50, steps: 200, repeats: 3)
    ) {
        var generator = SeededGenerator(seed: seed)
        let model = MLPBackbone(sizes: [64, 256, 256, 10], generator: &generator)
        let inputs = (0..<poolSize).map { _ in Tensor.randomUniform(shape: [64, 64], lower: 0, upper: 16, generator: &generator) }
        let labels = (0..<poolSize).map { _ in randomLabels(64, classes: 10, generator: &generator) }
        return classificationStep(model, inputs: inputs, labels: labels, optimizer: SGD(momentum: 0.9), learningRate: 0.01, weightDecay: 0)
    }

    /// SmallCNN: conv(1→32)+ReLU+pool, conv(32→64)+ReLU+pool, linear(3136→128)+ReLU,
    /// linear(128→10); batch 64 of 1×28×28, AdamW (lr 1e-3, weight decay 0.01).
    static let cnn28 = BenchWorkload(
        name: "cnn-28", batch: 64,
        full: Plan(warmup: 10, steps: 50, repeats: 5), quick: Plan(warmup: 3, steps: 10, repeats: 3)
    ) {
        var generator = SeededGenerator(seed: seed)
        let model = SmallCNN(channels: 1, imageSize: 28, classes: 10, generator: &generator)
        let inputs = (0..<poolSize).map { _ in Tensor.randomUniform(shape: [64, 1, 28, 28], generator: &generator) }
        let labels = (0..<poolSize).map { _ in randomLabels(64, classes: 10, generator: &generator) }
        return classificationStep(model, inputs: inputs, labels: labels, optimizer: Adam.adamW(), learningRate: 1e-3, weightDecay: 0.01)
    }
}

/// One training step on pool batch `i % pool`: forward, cross-entropy, backward, update.
func classificationStep<O: Optimizer>(_ model: any Backbone, inputs: [Tensor], labels: [[Int]], optimizer: O,
                                      learningRate: Float, weightDecay: Float) -> (Int) throws -> Void {
    var optimizer = optimizer
    let parameters = model.namedParameters().filter(\.parameter.requiresGradient)
    return { i in
        let logits = try model.logits(.dense(inputs[i % inputs.count]))
        let loss = softmaxCrossEntropy(logits: logits, targets: labels[i % labels.count])
        optimizer.step(gradients(of: loss), parameters: parameters, learningRate: learningRate, weightDecay: weightDecay)
    }
}
