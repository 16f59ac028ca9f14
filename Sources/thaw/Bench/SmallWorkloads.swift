import ThawTensor
import ThawTraining

extension BenchWorkload {
    /// MLP 64→256→256→10 with ReLU, batch 64, SGD (lr 0.01, momentum 0.9).
    static let mlpDigits = BenchWorkload(
        name: "mlp-digits", batch: 64,
        full: Plan(warmup: 300, steps: 2000, repeats: 5), quick: Plan(warmup: 50, steps: 200, repeats: 3)
    ) {
        var generator = SeededGenerator(seed: seed)
        let sizes = [64, 256, 256, 10]
        let layers = (0..<3).map { i in
            (weight: pytorchDefaultParameter([sizes[i + 1], sizes[i]], fanIn: sizes[i], generator: &generator),
             bias: pytorchDefaultParameter([sizes[i + 1]], fanIn: sizes[i], generator: &generator))
        }
        let inputs = (0..<poolSize).map { _ in Tensor.randomUniform(shape: [64, 64], lower: 0, upper: 16, generator: &generator) }
        let labels = (0..<poolSize).map { _ in randomLabels(64, classes: 10, generator: &generator) }
        var optimizer = SGD(momentum: 0.9)
        return { i in
            var x = inputs[i % poolSize]
            for (index, layer) in layers.enumerated() {
                x = x.matmul(layer.weight.tensor, transposeB: true) + layer.bias.tensor
                if index < layers.count - 1 { x = x.relu() }
            }
            let loss = softmaxCrossEntropy(logits: x, targets: labels[i % poolSize])
            optimizer.step(gradients(of: loss), learningRate: 0.01)
        }
    }

    /// conv(1→32)+ReLU+pool, conv(32→64)+ReLU+pool, linear(3136→128)+ReLU, linear(128→10);
    /// batch 64 of 1×28×28, AdamW (lr 1e-3, weight decay 0.01).
    static let cnn28 = BenchWorkload(
        name: "cnn-28", batch: 64,
        full: Plan(warmup: 10, steps: 50, repeats: 5), quick: Plan(warmup: 3, steps: 10, repeats: 3)
    ) {
        var generator = SeededGenerator(seed: seed)
        let conv1 = (weight: pytorchDefaultParameter([32, 1, 3, 3], fanIn: 9, generator: &generator),
                     bias: pytorchDefaultParameter([32], fanIn: 9, generator: &generator))
        let conv2 = (weight: pytorchDefaultParameter([64, 32, 3, 3], fanIn: 288, generator: &generator),
                     bias: pytorchDefaultParameter([64], fanIn: 288, generator: &generator))
        let fc1 = (weight: pytorchDefaultParameter([128, 3136], fanIn: 3136, generator: &generator),
                   bias: pytorchDefaultParameter([128], fanIn: 3136, generator: &generator))
        let fc2 = (weight: pytorchDefaultParameter([10, 128], fanIn: 128, generator: &generator),
                   bias: pytorchDefaultParameter([10], fanIn: 128, generator: &generator))
        let inputs = (0..<poolSize).map { _ in Tensor.randomUniform(shape: [64, 1, 28, 28], generator: &generator) }
        let labels = (0..<poolSize).map { _ in randomLabels(64, classes: 10, generator: &generator) }
        var optimizer = Adam.adamW(weightDecay: 0.01)
        return { i in
            var x = inputs[i % poolSize]
            x = maxPool2d(conv2d(x, weight: conv1.weight.tensor, bias: conv1.bias.tensor, padding: (1, 1)).relu(), kernel: (2, 2))
            x = maxPool2d(conv2d(x, weight: conv2.weight.tensor, bias: conv2.bias.tensor, padding: (1, 1)).relu(), kernel: (2, 2))
            x = (x.flattened().matmul(fc1.weight.tensor, transposeB: true) + fc1.bias.tensor).relu()
            x = x.matmul(fc2.weight.tensor, transposeB: true) + fc2.bias.tensor
            let loss = softmaxCrossEntropy(logits: x, targets: labels[i % poolSize])
            optimizer.step(gradients(of: loss), learningRate: 1e-3)
        }
    }
}
