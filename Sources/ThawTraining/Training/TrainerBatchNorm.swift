import Foundation
import ThawTensor
import ThawTrainingAPI

extension Trainer {
    /// Target batches the start-of-training BatchNorm-shift measurement reads (and the
    /// before/after measurement around AdaBN): a few hundred examples pin per-channel means.
    public static let shiftProbeBatches = 4

    /// Target training batches for the BatchNorm statistics passes: the training split in one
    /// fixed shuffled order drawn from its own seed (the training batches, their order and
    /// augmentation are untouched, so a run stays reproducible and resumable), normalised like
    /// training batches but not augmented (the statistics should be those of the data the
    /// model is evaluated on), full batches of the training batch size, or every example in one
    /// batch when there are fewer.
    func statisticsBatches(_ count: Int) -> LazyMapCollection<Range<Int>, Tensor> {
        let dataset = loader.dataset
        let sample = BatchLoader(dataset: dataset, batchSize: loader.batchSize, dropLast: dataset.count >= loader.batchSize,
                                 seed: DataRandom.seed(loader.seed, .statistics), normalization: loader.normalization)
        let order = sample.order(epoch: 0)
        return (0..<Swift.min(Swift.max(count, 0), sample.batchesPerEpoch)).lazy.map {
            sample.makeBatch(LoaderPosition(epoch: 0, batch: $0), order: order).inputs
        }
    }

    /// Each BatchNorm layer's running statistics beside those of its input on `batches` target
    /// batches, the model unchanged (empty when it has no BatchNorm layer).
    public func batchNormStatistics(batches: Int = Trainer.shiftProbeBatches) throws -> [BatchNormStatistics] {
        try BatchNormProbe.measure(backbone, batches: statisticsBatches(batches), forward: forwardForStatistics)
    }

    /// AdaBN on `batches` target training batches (see `AdaBN`), with the shift measured just
    /// before and after. The statistics it replaces are kept for `restoreBatchNormStatistics`.
    public func recalibrateBatchNorm(batches: Int = BatchNormRecalibration.defaultBatches) throws -> BatchNormRecalibration {
        let started = Date()
        let layers = BatchNormLayers(backbone)
        let detector = BatchNormShiftDetector()
        let before = layers.isEmpty ? nil : detector.meanShift(try batchNormStatistics())
        let snapshot = layers.snapshot()
        let used = try AdaBN.recalibrate(backbone, batches: statisticsBatches(batches), forward: forwardForStatistics)
        guard used.batches > 0 else {
            return BatchNormRecalibration(kind: .recalibrated, step: step, layers: 0, batches: 0, examples: 0, shiftBefore: before,
                                          shiftAfter: before, seconds: Date().timeIntervalSince(started))
        }
        batchNormSnapshots.append(snapshot)
        statisticsChanged()
        return BatchNormRecalibration(kind: .recalibrated, step: step, layers: layers.entries.count, batches: used.batches,
                                      examples: used.examples, shiftBefore: before, shiftAfter: detector.meanShift(try batchNormStatistics()),
                                      seconds: Date().timeIntervalSince(started))
    }

    /// Undoes the most recent `recalibrateBatchNorm`: its saved statistics go back (whatever
    /// training did to the statistics since is discarded with them). Reports 0 layers when
    /// there is nothing to undo.
    public func restoreBatchNormStatistics() throws -> BatchNormRecalibration {
        let started = Date()
        let layers = BatchNormLayers(backbone)
        guard let snapshot = batchNormSnapshots.popLast() else {
            return BatchNormRecalibration(kind: .restored, step: step, layers: 0, batches: 0, examples: 0, shiftBefore: nil,
                                          shiftAfter: nil, seconds: 0)
        }
        let detector = BatchNormShiftDetector()
        let before = detector.meanShift(try batchNormStatistics())
        let restored = snapshot.restore(into: layers)
        statisticsChanged()
        return BatchNormRecalibration(kind: .restored, step: step, layers: restored, batches: 0, examples: 0, shiftBefore: before,
                                      shiftAfter: detector.meanShift(try batchNormStatistics()), seconds: Date().timeIntervalSince(started))
    }

    private func forwardForStatistics(_ inputs: Tensor) throws {
        _ = try backbone.logits(backboneBatch(inputs))
    }

    /// Cached frozen-backbone features were computed with the old statistics.
    private func statisticsChanged() {
        trainingFeatures.removeAll()
        validationFeatures.removeAll()
    }
}
