import ThawModels
import ThawNN
import ThawTensor
import ThawTrainingAPI

/// The from-scratch twin of a transfer run: the same architecture from random weights, every
/// layer trained, on exactly the batches the pretrained run sees, with the same optimizer
/// kind and schedule. Comparing the two on the same validation examples is the
/// negative-transfer gap (Wang et al., CVPR 2019), measured rather than guessed.
public final class ScratchShadow {
    public let backbone: any Backbone
    var optimizer: any Optimizer
    let weightDecay: Double
    let inputKind: InputSpec.Kind
    /// Set when a step went non-finite: the shadow stops, the main run goes on.
    public private(set) var failure: String?

    public init(backbone: any Backbone, optimizer: any Optimizer, weightDecay: Double, inputKind: InputSpec.Kind) {
        self.backbone = backbone
        self.optimizer = optimizer
        self.weightDecay = weightDecay
        self.inputKind = inputKind
    }

    /// One step on the main run's batch at the main run's rate; returns the loss.
    func step(inputs: Tensor, labels: [Int], learningRate: Double, batch: (Tensor) -> BackboneBatch) throws -> Double? {
        guard failure == nil else { return nil }
        backbone.setTraining(true)
        let loss = softmaxCrossEntropy(logits: try backbone.logits(batch(inputs)), targets: labels)
        guard loss.isFinite else {
            failure = "the scratch shadow run's loss became non-finite; it was stopped"
            return nil
        }
        optimizer.step(gradients(of: loss), parameters: backbone.namedParameters(), learningRate: Float(learningRate),
                       weightDecay: Float(weightDecay))
        return Double(loss.scalar)
    }
}
