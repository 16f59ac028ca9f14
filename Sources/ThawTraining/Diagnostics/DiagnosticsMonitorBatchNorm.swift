import ThawTrainingAPI

extension DiagnosticsMonitor {
    /// After AdaBN or its undo: the shift is measured again, and when a shift card is showing it
    /// is replaced (by a "fits" card if the shift is gone). The feature-distortion baseline is
    /// retaken too: AdaBN changes the features on purpose, and comparing later features with
    /// the old ones would blame the head for it.
    public func trainer(_ trainer: Trainer, didRecalibrateBatchNorm result: BatchNormRecalibration) throws {
        guard result.layers > 0 else { return }
        if let probe { initialProbeFeatures = Self.features(trainer, probe) }
        checkBatchNormShift(trainer, reportFit: posted[DiagnosticsReport.Kind.batchNormShift.rawValue] != nil)
    }

    /// Before the first step of a fresh run (when it first starts running, after any AdaBN the
    /// experiment asked for, never on a resumed run whose statistics have moved with
    /// training), and after AdaBN: do the BatchNorm statistics fit the target data? Transfer
    /// runs only: a network trained from scratch has no source statistics to mismatch.
    func checkBatchNormShift(_ trainer: Trainer, reportFit: Bool) {
        batchNormShiftMeasured = true
        guard isTransfer, let layers = try? trainer.batchNormStatistics(), !layers.isEmpty else { return }
        BatchNormShiftDetector(thresholds: thresholds).evaluate(step: trainer.step, layers: layers, reportFit: reportFit).forEach(publish)
    }
}
