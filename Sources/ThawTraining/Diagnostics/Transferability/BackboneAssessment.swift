import Foundation
import ThawModels
import ThawNN
import ThawTensor
import ThawTrainingAPI

/// Scores candidate backbones on a sample of target data before any training: their pooled
/// features (LogME, H-score) and, when they keep their source head, their source-class
/// predictions (LEEP, NCE).
public enum BackboneAssessment {
    /// `examples` is the target sample; each backbone sees it with its own input normalisation.
    public static func assess(_ entries: [BackboneEntry], examples: Dataset, isText: Bool,
                              batchSize: Int = 128) throws -> TransferabilityAssessment {
        var candidates: [TransferabilityCandidate] = []
        for entry in entries {
            let loaded = try BackboneLoader.load(entry)
            let model = loaded.backbone
            model.setTraining(false)
            let normalization = entry.card.input.mean.flatMap { mean in entry.card.input.std.map { Normalization(mean: mean, std: $0) } }
            var features: [Float] = [], probabilities: [Double] = []
            var dimension = 0
            try withNoGradient {
                for start in stride(from: 0, to: examples.count, by: batchSize) {
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
            candidates.append(TransferabilityCandidate(
                backbone: entry.card.name, features: try FeatureMatrix(rows: examples.count, columns: dimension, values: features),
                sourceProbabilities: hasSourceHead ? probabilities : nil, sourceClassCount: hasSourceHead ? model.classes : nil))
        }
        return try TransferabilityAssessment(candidates: candidates, labels: examples.labels, classCount: examples.classNames.count)
    }

    /// A seeded sample of at most `limit` examples (all of them when fewer).
    public static func sample(_ data: Dataset, limit: Int, seed: UInt64) -> Dataset {
        guard data.count > limit else { return data }
        let order = DataRandom.permutation(data.count, seed: DataRandom.seed(seed, .split, 99))
        return data.subset(indices: Array(order.prefix(limit)).sorted())
    }
}
