import Foundation
import ThawModels
import ThawNN
import ThawTensor
import ThawTrainingAPI

/// What one backbone makes of a target sample before any training: its pooled features
/// (for LogME and H-score) and, when it keeps its source head, its source-class predictions
/// (for LEEP and NCE).
public enum BackboneAssessment {
    /// Loads `entry` with its pretrained weights and runs `examples` through it, each batch
    /// normalised the way the backbone's card says. `isCancelled` is asked between batches;
    /// when it answers true the work stops with `CancellationError`.
    public static func candidate(_ entry: BackboneEntry, examples: Dataset, isText: Bool, batchSize: Int = 128,
                                 isCancelled: () -> Bool = { false }) throws -> TransferabilityCandidate {
        let loaded = try BackboneLoader.load(entry)
        let model = loaded.backbone
        model.setTraining(false)
        let normalization = entry.card.input.mean.flatMap { mean in entry.card.input.std.map { Normalization(mean: mean, std: $0) } }
        var features: [Float] = [], probabilities: [Double] = []
        var dimension = 0
        try withNoGradient {
            for start in stride(from: 0, to: examples.count, by: batchSize) {
                if isCancelled() { throw CancellationError() }
                var inputs = examples.inputs(indices: Array(start..<Swift.min(start + batchSize, examples.count)))
                if let normalization { inputs = normalization.apply(to: inputs) }
                let batch: BackboneBatch = isText ? .tokens(TokenizedText.tokenBatch(inputs)) : .dense(inputs)
                let pooled = try model.features(batch)
                dimension = pooled.shape[1]
                features += pooled.scalars
                probabilities += model.classify(features: pooled).softmax(axis: 1).scalars.map(Double.init)
            }
        }
        let hasSourceHead = loaded.report.reinitialized.isEmpty && entry.card.source.classes.count > 1
        return TransferabilityCandidate(
            backbone: entry.card.name, features: try FeatureMatrix(rows: examples.count, columns: dimension, values: features),
            sourceProbabilities: hasSourceHead ? probabilities : nil, sourceClassCount: hasSourceHead ? model.classes : nil)
    }

    /// A seeded sample of at most `limit` examples (all of them when fewer).
    public static func sample(_ data: Dataset, limit: Int, seed: UInt64) -> Dataset {
        guard data.count > limit else { return data }
        let order = DataRandom.permutation(data.count, seed: DataRandom.seed(seed, .split, 99))
        return data.subset(indices: Array(order.prefix(limit)).sorted())
    }
}
