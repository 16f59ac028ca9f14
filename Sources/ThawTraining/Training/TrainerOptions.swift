import ThawTrainingAPI

/// Training settings that do not change during a run.
public struct TrainerOptions: Sendable, Equatable {
    public var epochs: Int
    /// Global gradient-norm clipping threshold (nil: no clipping).
    public var gradientClipNorm: Double?
    /// L2-SP strength α (Li et al., 2018): a pull of α·(θ − θ₀) towards the pretrained weights,
    /// applied to every parameter but the head.
    public var l2SPStrength: Double?
    public var labelSmoothing: Double
    /// Keep each step's previous weights until the update is known to be finite, so a
    /// diverging step leaves the model exactly as it was (costs one copy of the weights).
    public var guardUpdates: Bool
    public var evaluationBatchSize: Int
    /// With `guardUpdates`: a step moving the weights by more than this many times their norm
    /// is treated as divergence and undone.
    public var maximumRelativeUpdate: Double

    public init(epochs: Int, gradientClipNorm: Double? = nil, l2SPStrength: Double? = nil, labelSmoothing: Double = 0,
                guardUpdates: Bool = true, evaluationBatchSize: Int = 256, maximumRelativeUpdate: Double = 10) {
        self.maximumRelativeUpdate = maximumRelativeUpdate
        (self.epochs, self.gradientClipNorm, self.l2SPStrength) = (epochs, gradientClipNorm, l2SPStrength)
        (self.labelSmoothing, self.guardUpdates, self.evaluationBatchSize) = (labelSmoothing, guardUpdates, evaluationBatchSize)
    }
}

/// Why a step stopped before changing the weights.
public enum TrainingInterruption: Error, Equatable, CustomStringConvertible {
    /// A NaN or infinity in the loss, a gradient or an update, or an update far larger than
    /// the weights; `location` names the layer.
    case nonFinite(step: Int, location: String)

    public var description: String {
        switch self {
        case let .nonFinite(step, location): "non-finite values at step \(step) in \(location); weights unchanged"
        }
    }
}
