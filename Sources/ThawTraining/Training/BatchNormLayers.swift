import ThawNN
import ThawTensor

/// A model's BatchNorm layers with their paths, for the passes that read or re-estimate their
/// statistics (the shift diagnostic and AdaBN). Those passes switch modes; this puts every
/// switch back exactly, so a pass leaves the model as it found it apart from what it meant
/// to change.
struct BatchNormLayers {
    let model: any Module
    let entries: [(path: String, layer: BatchNorm2d)]

    init(_ model: any Module) {
        self.model = model
        entries = model.namedModules().compactMap { entry in (entry.module as? BatchNorm2d).map { (entry.path, $0) } }
    }

    var isEmpty: Bool { entries.isEmpty }

    /// Runs `body` without gradients and with every module in evaluation mode (Dropout off,
    /// BatchNorm on its running statistics), then restores each module's own mode and each
    /// BatchNorm's momentum, frozen-statistics flag and input observer, even when `body` throws.
    func withEvaluationMode<R>(_ body: () throws -> R) rethrows -> R {
        let modules = model.namedModules().map(\.module)
        let modes = modules.map(\.isTraining)
        let settings = entries.map { ($0.layer.momentum, $0.layer.freezesStatistics) }
        defer {
            for (module, mode) in zip(modules, modes) { module.isTraining = mode }
            for (entry, setting) in zip(entries, settings) {
                (entry.layer.momentum, entry.layer.freezesStatistics) = setting
                entry.layer.inputObserver = nil
            }
        }
        model.setTraining(false)
        return try withNoGradient(body)
    }

    /// The running statistics as they are now (values are copied on write, so later updates
    /// never reach a snapshot).
    func snapshot() -> BatchNormSnapshot {
        BatchNormSnapshot(values: entries.map { ($0.path, $0.layer.runningMean.value, $0.layer.runningVariance.value,
                                                 $0.layer.numBatchesTracked.value) })
    }
}

/// Running statistics of every BatchNorm layer at one moment: what AdaBN replaced, kept so it
/// can be undone, and what a failed recalibration rolls back to.
struct BatchNormSnapshot {
    let values: [(path: String, mean: Tensor, variance: Tensor, tracked: Tensor)]

    /// Puts the saved statistics back into the layers of `layers` with the same paths.
    /// Returns how many layers were restored.
    @discardableResult
    func restore(into layers: BatchNormLayers) -> Int {
        let saved = Dictionary(values.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        var restored = 0
        for (path, layer) in layers.entries {
            guard let value = saved[path], value.mean.shape == layer.runningMean.shape else { continue }
            layer.runningMean.assign(value.mean)
            layer.runningVariance.assign(value.variance)
            layer.numBatchesTracked.assign(value.tracked)
            restored += 1
        }
        return restored
    }
}
