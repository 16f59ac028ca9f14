import ThawModels
import ThawNN
import ThawTensor
import ThawTrainingAPI

/// Loss and accuracy sums over the steps of one epoch.
struct EpochTotals {
    var loss = 0.0, correct = 0, count = 0
    /// Per example, in order, when asked for (the negative-transfer gap pairs examples).
    var perExample: [Bool]?

    mutating func add(loss batchLoss: Double, logits: Tensor, labels: [Int]) {
        loss += batchLoss * Double(labels.count)
        let hits = zip(logits.argmax(axis: 1), labels).map { $0 == $1 }
        correct += hits.filter { $0 }.count
        count += labels.count
        perExample? += hits
    }

    var meanLoss: Double { count == 0 ? .nan : loss / Double(count) }
    var accuracy: Double { count == 0 ? .nan : Double(correct) / Double(count) }
}

extension Trainer {
    /// Mean cross-entropy and accuracy on `dataset`, in evaluation mode and without a graph.
    public func evaluate(_ dataset: Dataset) throws -> (loss: Double, accuracy: Double) {
        var none: FeatureCache?
        let result = try evaluate(dataset, model: backbone, cache: &none)
        return (result.loss, result.accuracy)
    }

    /// As `evaluate(_:)` for `model` (the run's backbone or its scratch shadow), with
    /// per-example correctness, reading frozen features from `cache` when given.
    func evaluate(_ dataset: Dataset, model: any Backbone, cache: inout FeatureCache?) throws
        -> (loss: Double, accuracy: Double, correct: [Bool]) {
        let wasTraining = model.isTraining
        model.setTraining(false)
        defer { model.setTraining(wasTraining) }
        var totals = EpochTotals(perExample: [])
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
                    let features = try cache!.features(for: indices, inputs: { inputs }, backbone: model, batch: backboneBatch)
                    logits = model.classify(features: features)
                } else {
                    logits = try model.logits(backboneBatch(inputs))
                }
                totals.add(loss: Double(softmaxCrossEntropy(logits: logits, targets: labels).scalar), logits: logits, labels: labels)
            }
        }
        return (totals.meanLoss, totals.accuracy, totals.perExample ?? [])
    }

    /// Closes the epoch that just ended: its training totals and a validation pass.
    public func finishEpoch() throws -> EpochMetrics {
        let totals = epochTotals
        epochTotals = EpochTotals()
        var metrics = EpochMetrics(epoch: epoch - 1, step: step, trainLoss: totals.meanLoss, trainAccuracy: totals.accuracy)
        if let validation {
            var cache: FeatureCache? = cachesFeatures ? validationFeatures : nil
            let result = try evaluate(validation, model: backbone, cache: &cache)
            if let cache { validationFeatures = cache }
            metrics.validationLoss = result.loss
            metrics.validationAccuracy = result.accuracy
            lastValidationCorrect = result.correct
            if let shadow, shadow.failure == nil {
                var none: FeatureCache?
                let scratch = try evaluate(validation, model: shadow.backbone, cache: &none)
                metrics.scratchValidationLoss = scratch.loss
                metrics.scratchValidationAccuracy = scratch.accuracy
                lastScratchValidationCorrect = scratch.correct
            }
        }
        return metrics
    }

    /// True right after the last step of an epoch.
    public var epochJustEnded: Bool { step > 0 && iterator.position.batch == 0 }
}
