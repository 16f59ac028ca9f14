import ThawNN
import ThawTensor
import ThawTrainingAPI

/// Loss and accuracy sums over the steps of one epoch.
struct EpochTotals {
    var loss = 0.0, correct = 0, count = 0

    mutating func add(loss batchLoss: Double, logits: Tensor, labels: [Int]) {
        loss += batchLoss * Double(labels.count)
        correct += zip(logits.argmax(axis: 1), labels).filter { $0 == $1 }.count
        count += labels.count
    }

    var meanLoss: Double { count == 0 ? .nan : loss / Double(count) }
    var accuracy: Double { count == 0 ? .nan : Double(correct) / Double(count) }
}

extension Trainer {
    /// Mean cross-entropy and accuracy on `dataset`, in evaluation mode and without a graph.
    public func evaluate(_ dataset: Dataset) throws -> (loss: Double, accuracy: Double) {
        var none: FeatureCache?
        return try evaluate(dataset, cache: &none)
    }

    /// As `evaluate(_:)`, reading a frozen backbone's features from `cache` when given.
    func evaluate(_ dataset: Dataset, cache: inout FeatureCache?) throws -> (loss: Double, accuracy: Double) {
        let wasTraining = backbone.isTraining
        backbone.setTraining(false)
        defer { backbone.setTraining(wasTraining) }
        var totals = EpochTotals()
        let size = options.evaluationBatchSize
        try withNoGradient {
            for start in stride(from: 0, to: dataset.count, by: size) {
                let indices = Array(start..<Swift.min(start + size, dataset.count))
                var inputs = dataset.inputs(indices: indices)
                if let normalization = loader.normalization {
                    var values = inputs.scalars
                    normalization.apply(to: &values, exampleSize: dataset.featureCount)
                    inputs = Tensor(shape: inputs.shape, scalars: values)
                }
                let labels = indices.map { dataset.labels[$0] }
                let logits: Tensor
                if cache != nil {
                    let features = try cache!.features(for: indices, inputs: { inputs }, backbone: backbone, batch: backboneBatch)
                    logits = backbone.classify(features: features)
                } else {
                    logits = try backbone.logits(backboneBatch(inputs))
                }
                totals.add(loss: Double(softmaxCrossEntropy(logits: logits, targets: labels).scalar), logits: logits, labels: labels)
            }
        }
        return (totals.meanLoss, totals.accuracy)
    }

    /// Closes the epoch that just ended: its training totals and a validation pass.
    public func finishEpoch() throws -> EpochMetrics {
        let totals = epochTotals
        epochTotals = EpochTotals()
        var metrics = EpochMetrics(epoch: epoch - 1, step: step, trainLoss: totals.meanLoss, trainAccuracy: totals.accuracy)
        if let validation {
            var cache: FeatureCache? = cachesFeatures ? validationFeatures : nil
            let result = try evaluate(validation, cache: &cache)
            if let cache { validationFeatures = cache }
            metrics.validationLoss = result.loss
            metrics.validationAccuracy = result.accuracy
        }
        return metrics
    }

    /// True right after the last step of an epoch.
    public var epochJustEnded: Bool { step > 0 && iterator.position.batch == 0 }
}
