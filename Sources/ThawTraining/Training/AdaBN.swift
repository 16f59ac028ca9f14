import ThawNN
import ThawTensor

/// AdaBN (Li, Wang, Shi, Liu, Hou, "Revisiting Batch Normalization For Practical Domain
/// Adaptation", 2016): re-estimate every BatchNorm layer's running mean and variance on target
/// data, leaving all weights (BatchNorm's affine ones included) untouched.
///
/// As PyTorch does it (`reset_running_stats()`, `momentum=None`, then forward passes in
/// training mode, as `torch.optim.swa_utils.update_bn`): the statistics are reset to mean 0,
/// variance 1, no batches tracked, and each batch's statistics enter a cumulative average —
/// after k batches the running mean is the mean of the k batch means and the running variance
/// the mean of the k unbiased batch variances. Only the BatchNorm layers run in training mode;
/// Dropout stays off, so the statistics are those of the network that will be evaluated. All
/// modes, momenta and frozen-statistics flags are put back afterwards.
enum AdaBN {
    /// Batches of fewer than 2 examples are skipped (training-mode BatchNorm cannot normalise
    /// a single value per channel). If no batch is usable, or `forward` throws, the previous
    /// statistics are restored. Returns the batches and examples used.
    static func recalibrate(_ model: any Module, batches: some Sequence<Tensor>,
                            forward: (Tensor) throws -> Void) throws -> (batches: Int, examples: Int) {
        let layers = BatchNormLayers(model)
        guard !layers.isEmpty else { return (0, 0) }
        let previous = layers.snapshot()
        var used = (batches: 0, examples: 0)
        do {
            try layers.withEvaluationMode {
                for (_, layer) in layers.entries {
                    layer.isTraining = true
                    layer.freezesStatistics = false
                    layer.momentum = nil
                    layer.runningMean.assign(Tensor(zeros: layer.runningMean.shape))
                    layer.runningVariance.assign(Tensor(repeating: 1, shape: layer.runningVariance.shape))
                    layer.numBatchesTracked.assign(Tensor(0))
                }
                for batch in batches where batch.rank >= 2 && batch.shape[0] >= 2 {
                    try forward(batch)
                    used = (used.batches + 1, used.examples + batch.shape[0])
                }
            }
        } catch {
            previous.restore(into: layers)
            throw error
        }
        if used.batches == 0 { previous.restore(into: layers) }
        return used
    }
}
