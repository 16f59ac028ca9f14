import Foundation

/// What one AdaBN recalibration, or the undo of one, did to a run's BatchNorm statistics:
/// the answer to `TrainingCommand.recalibrateBatchNorm` and `.restoreBatchNormStatistics`.
///
/// AdaBN (Li et al., "Revisiting Batch Normalization For Practical Domain Adaptation", 2016)
/// re-estimates every BatchNorm layer's running mean and variance on target data and leaves
/// the weights alone. The shift is the BatchNorm-shift diagnostic's number: the mean over
/// layers and channels of the symmetric KL divergence between a layer's running statistics
/// and the statistics of its input on target training batches. Near 0 means the layers
/// normalise the target data as they were meant to.
public struct BatchNormRecalibration: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// Statistics re-estimated on target data.
        case recalibrated
        /// The statistics from before the last recalibration put back (its undo).
        case restored
    }

    /// Target batches a recalibration averages over unless told otherwise: enough examples
    /// for stable per-channel estimates at usual batch sizes, few enough to take a couple of
    /// seconds on a CPU (the statistics pass costs one forward pass per batch).
    public static let defaultBatches = 20

    public var kind: Kind
    /// Optimizer steps taken when it happened (0: before training).
    public var step: Int
    /// BatchNorm layers whose statistics changed (0: the model has none; nothing happened).
    public var layers: Int
    /// Target batches and examples the new statistics average over (0 for a restore).
    public var batches: Int
    public var examples: Int
    /// The shift measured on the same target batches just before and just after; nil when the
    /// model has no BatchNorm layer or no target batch could be measured.
    public var shiftBefore: Double?
    public var shiftAfter: Double?
    /// Wall-clock seconds, measurements included.
    public var seconds: Double

    public init(kind: Kind, step: Int, layers: Int, batches: Int, examples: Int, shiftBefore: Double?, shiftAfter: Double?,
                seconds: Double) {
        (self.kind, self.step, self.layers, self.batches, self.examples) = (kind, step, layers, batches, examples)
        (self.shiftBefore, self.shiftAfter, self.seconds) = (shiftBefore, shiftAfter, seconds)
    }

    /// One line for stderr, the run log and the status bar.
    public var summary: String {
        guard layers > 0 else {
            return kind == .recalibrated ? "AdaBN: nothing to recalibrate (no BatchNorm layer, or no target batch of 2+ examples)"
                : "AdaBN undo: no saved BatchNorm statistics to restore"
        }
        let shift = shiftBefore.flatMap { before in shiftAfter.map { " (shift \(Self.number(before)) → \(Self.number($0)))" } } ?? ""
        switch kind {
        case .recalibrated:
            return "AdaBN: re-estimated \(layers) BatchNorm layers on \(examples) target examples in \(batches) batches"
                + shift + String(format: ", %.2f s", seconds)
        case .restored:
            return "AdaBN undone: restored the previous statistics of \(layers) BatchNorm layers" + shift
        }
    }

    private static func number(_ value: Double) -> String {
        value != 0 && Swift.abs(value) < 1e-3 ? String(format: "%.1e", value) : String(format: "%.3f", value)
    }
}
