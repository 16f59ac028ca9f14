import ThawModels
import ThawTensor
import ThawTraining

extension BenchWorkload {
    /// BERT encoder of MiniLM-L6 size (random weights), masked mean pool, linear 384→2,
    /// sequence 64, batch 16, AdamW (lr 2e-5, weight decay 0.01), dropout 0 as the PyTorch
    /// script's default.
    static let miniLMFinetune = BenchWorkload(
        name: "minilm-finetune", batch: 16,
        full: Plan(warmup: 3, steps: 4, repeats: 5), quick: Plan(warmup: 1, steps: 2, repeats: 3)
    ) {
        var config = BERTConfig.miniLML6
        config.hiddenDropout = 0
        config.attentionDropout = 0
        let model = try BERTClassifier(config: config, classes: 2, pooling: .mean, classifierDropout: 0, seed: seed)
        var generator = SeededGenerator(seed: seed)
        let sequence = 64
        let batches = (0..<poolSize).map { _ in
            TokenBatch(ids: (0..<(16 * sequence)).map { _ in 1 + Int(generator.next() % UInt64(config.vocabularySize - 1)) },
                       attentionMask: [Int](repeating: 1, count: 16 * sequence), batch: 16, sequence: sequence)
        }
        let labels = (0..<poolSize).map { _ in randomLabels(16, classes: 2, generator: &generator) }
        var optimizer = Adam.adamW()
        let parameters = model.namedParameters()
        return { i in
            let logits = try model.logits(.tokens(batches[i % poolSize]))
            let loss = softmaxCrossEntropy(logits: logits, targets: labels[i % poolSize])
            optimizer.step(gradients(of: loss), parameters: parameters, learningRate: 2e-5, weightDecay: 0.01)
        }
    }
}
