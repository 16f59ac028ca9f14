import ThawTrainingAPI

/// Called on the training thread after each step and epoch: where the run directory writes
/// its logs and checkpoints, so nothing on disk depends on how fast the UI reads events.
public protocol TrainingObserver: AnyObject {
    func trainer(_ trainer: Trainer, didStep metrics: StepMetrics) throws
    func trainer(_ trainer: Trainer, didFinishEpoch metrics: EpochMetrics) throws
    func trainer(_ trainer: Trainer, didChangeState state: TrainingState) throws
    /// After AdaBN re-estimated the BatchNorm statistics, or its undo restored them.
    func trainer(_ trainer: Trainer, didRecalibrateBatchNorm result: BatchNormRecalibration) throws
}

extension TrainingObserver {
    public func trainer(_ trainer: Trainer, didStep metrics: StepMetrics) throws {}
    public func trainer(_ trainer: Trainer, didFinishEpoch metrics: EpochMetrics) throws {}
    public func trainer(_ trainer: Trainer, didChangeState state: TrainingState) throws {}
    public func trainer(_ trainer: Trainer, didRecalibrateBatchNorm result: BatchNormRecalibration) throws {}
}
