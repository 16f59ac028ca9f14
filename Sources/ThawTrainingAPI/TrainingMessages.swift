/// The values that cross between the training thread and everything else. Plain data only:
/// the UI never sees a tensor and the engine never sees the terminal.

/// Where a run is.
public enum TrainingState: Sendable, Equatable {
    case idle
    case running
    /// Paused by the user, or by the engine with the reason (a NaN loss names step and layer).
    case paused(reason: String?)
    case finished
    case failed(reason: String)
    case stopped
}

/// Commands the engine applies between steps.
public enum TrainingCommand: Sendable, Equatable {
    case start
    case pause
    case resume
    case stop
    case setFreezePlan(FreezePlan)
    case setSchedule(LRSchedule)
    /// Multiplies one parameter group's learning rate (discriminative fine-tuning).
    case setLearningRateScale(group: String, scale: Double)
    /// AdaBN: re-estimates every BatchNorm layer's running statistics on this many target
    /// training batches, weights untouched; answered by `.batchNormRecalibrated`. The
    /// statistics it replaced are kept for `restoreBatchNormStatistics`.
    case recalibrateBatchNorm(batches: Int)
    /// Undoes the most recent `recalibrateBatchNorm` of this run: puts back the statistics it
    /// replaced (including what training steps since then did to them).
    case restoreBatchNormStatistics
}

/// One optimizer step.
public struct StepMetrics: Sendable, Equatable, Codable {
    public var step: Int
    public var epoch: Int
    public var loss: Double
    /// Per parameter group.
    public var learningRates: [String: Double]
    /// Gradient L2 norm per layer (module path), before clipping.
    public var gradientNorms: [String: Double]
    public var samplesPerSecond: Double
    /// Seconds since the run started.
    public var elapsed: Double
    /// The from-scratch shadow run's loss on the same batch, when it is on.
    public var scratchLoss: Double?

    public init(step: Int, epoch: Int, loss: Double, learningRates: [String: Double] = [:], gradientNorms: [String: Double] = [:],
                samplesPerSecond: Double = 0, elapsed: Double = 0) {
        (self.step, self.epoch, self.loss, self.learningRates) = (step, epoch, loss, learningRates)
        (self.gradientNorms, self.samplesPerSecond, self.elapsed) = (gradientNorms, samplesPerSecond, elapsed)
    }
}

/// One evaluation, at the end of an epoch (or more often when configured).
public struct EpochMetrics: Sendable, Equatable, Codable {
    public var epoch: Int
    public var step: Int
    public var trainLoss: Double
    public var trainAccuracy: Double
    public var validationLoss: Double?
    public var validationAccuracy: Double?
    /// The same evaluation of the from-scratch shadow run, when it is on.
    public var scratchValidationLoss: Double?
    public var scratchValidationAccuracy: Double?

    public init(epoch: Int, step: Int, trainLoss: Double, trainAccuracy: Double, validationLoss: Double? = nil,
                validationAccuracy: Double? = nil, scratchValidationLoss: Double? = nil, scratchValidationAccuracy: Double? = nil) {
        (self.epoch, self.step, self.trainLoss, self.trainAccuracy) = (epoch, step, trainLoss, trainAccuracy)
        (self.validationLoss, self.validationAccuracy) = (validationLoss, validationAccuracy)
        (self.scratchValidationLoss, self.scratchValidationAccuracy) = (scratchValidationLoss, scratchValidationAccuracy)
    }
}

/// What the engine reports. Step events may arrive coalesced (several steps in one event)
/// when the consumer is slower than the trainer.
public enum TrainingEvent: Sendable, Equatable {
    case state(TrainingState)
    case steps([StepMetrics])
    case epoch(EpochMetrics)
    case diagnostic(DiagnosticsReport)
    /// The answer to `recalibrateBatchNorm` and `restoreBatchNormStatistics`.
    case batchNormRecalibrated(BatchNormRecalibration)
    case log(String)
}
