import Foundation
import ThawModels
import ThawTensor
import ThawTrainingAPI

/// Held-out examples of the backbone's source task, read by the source head that was trained
/// on them: the measurement behind the forgetting detector. The run's current features go
/// through the untouched source head, so the accuracy falls exactly as far as fine-tuning
/// has changed what the body computes for the source task. (Built from the experiment by
/// `SourceProbe.load`, see SourceProbeLoading.swift.)
public final class SourceProbe {
    /// The pretrained network as loaded, source head included. Only its head is used, and it
    /// is never trained; keeping the whole network costs a second copy of the backbone's
    /// weights, which the bundled backbones can afford.
    let sourceModel: any Backbone
    /// Labels numbered as the source head's outputs.
    let data: Dataset
    /// The run's input normalisation (the card's own for a pretrained backbone).
    let normalization: Normalization?

    init(sourceModel: any Backbone, data: Dataset, normalization: Normalization?) {
        (self.sourceModel, self.data, self.normalization) = (sourceModel, data, normalization)
    }

    /// Accuracy of `backbone`'s current features read by the source head, in evaluation mode
    /// and without gradients; `batch` turns inputs into what the backbone reads.
    func accuracy(of backbone: any Backbone, batchSize: Int, batch: (Tensor) -> BackboneBatch) throws -> Double {
        guard data.count > 0 else { return .nan }
        let wasTraining = backbone.isTraining
        backbone.setTraining(false)
        defer { backbone.setTraining(wasTraining) }
        var correct = 0
        try withNoGradient {
            for start in stride(from: 0, to: data.count, by: Swift.max(1, batchSize)) {
                let indices = Array(start..<Swift.min(start + batchSize, data.count))
                var inputs = data.inputs(indices: indices)
                if let normalization { inputs = normalization.apply(to: inputs) }
                let logits = sourceModel.classify(features: try backbone.features(batch(inputs)))
                correct += zip(logits.argmax(axis: 1), indices).filter { $0 == data.labels[$1] }.count
            }
        }
        return Double(correct) / Double(data.count)
    }
}
