import ThawNN
import ThawTensor

/// Measures what the BatchNorm-shift detector compares: each BatchNorm layer's running
/// statistics next to the per-channel statistics of that layer's input on target batches.
///
/// The model runs in evaluation mode — as it does at evaluation and as frozen-statistics
/// fine-tuning runs it — so every layer sees the input its source statistics actually
/// normalise, and nothing moves: running a BatchNorm in training mode would update the very
/// statistics being measured. Inputs are read through `BatchNorm2d.inputObserver`.
enum BatchNormProbe {
    /// One entry per BatchNorm layer, in model order; empty when there is none or no batch.
    /// `forward` runs the model on one batch (its output is not needed).
    static func measure(_ model: any Module, batches: some Sequence<Tensor>,
                        forward: (Tensor) throws -> Void) rethrows -> [BatchNormStatistics] {
        let layers = BatchNormLayers(model)
        guard !layers.isEmpty else { return [] }
        var moments = [ChannelMoments](repeating: ChannelMoments(), count: layers.entries.count)
        try layers.withEvaluationMode {
            for (index, entry) in layers.entries.enumerated() { entry.layer.inputObserver = { moments[index].add($0) } }
            for batch in batches { try forward(batch) }
        }
        return zip(layers.entries, moments).compactMap { entry, seen in
            guard seen.count > 0 else { return nil }
            return BatchNormStatistics(path: entry.path, sourceMean: entry.layer.runningMean.value.scalars.map(Double.init),
                                       sourceVariance: entry.layer.runningVariance.value.scalars.map(Double.init),
                                       targetMean: seen.mean, targetVariance: seen.variance)
        }
    }
}
