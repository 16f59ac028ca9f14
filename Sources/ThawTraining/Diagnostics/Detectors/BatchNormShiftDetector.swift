import Foundation
import ThawTrainingAPI

/// A BatchNorm layer's per-channel statistics: the running ones stored by pretraining, and
/// those of the same layer's input on a target batch.
public struct BatchNormStatistics: Sendable, Equatable, Codable {
    public var path: String
    public var sourceMean: [Double]
    public var sourceVariance: [Double]
    public var targetMean: [Double]
    public var targetVariance: [Double]

    public init(path: String, sourceMean: [Double], sourceVariance: [Double], targetMean: [Double], targetVariance: [Double]) {
        (self.path, self.sourceMean, self.sourceVariance) = (path, sourceMean, sourceVariance)
        (self.targetMean, self.targetVariance) = (targetMean, targetVariance)
    }

    /// Mean over channels of the symmetric KL divergence ½(KL(p‖q) + KL(q‖p)) between the
    /// Gaussians N(μ_s, σ²_s) and N(μ_t, σ²_t); `epsilon` is BatchNorm's own variance floor.
    /// nil when the channel counts differ or nothing is finite.
    public func meanSymmetricKL(epsilon: Double = 1e-5) -> Double? {
        let channels = sourceMean.count
        guard channels > 0, sourceVariance.count == channels, targetMean.count == channels, targetVariance.count == channels else {
            return nil
        }
        var total = 0.0
        for c in 0..<channels {
            let (vs, vt) = (Swift.max(sourceVariance[c], 0) + epsilon, Swift.max(targetVariance[c], 0) + epsilon)
            let shift = (sourceMean[c] - targetMean[c]) * (sourceMean[c] - targetMean[c])
            // KL(p‖q) = ½[log(σ²_q/σ²_p) + (σ²_p + Δμ²)/σ²_q − 1]; the log terms cancel in the sum.
            total += 0.25 * ((vs + shift) / vt + (vt + shift) / vs - 2)
        }
        let mean = total / Double(channels)
        return mean.isFinite ? mean : nil
    }
}

/// Warns when the target data's activations do not match the statistics BatchNorm layers
/// learned on the source: in evaluation mode (and in frozen-statistics fine-tuning) those
/// layers normalise with the source statistics, so every channel arrives shifted and scaled
/// wrongly. Li, Wang, Shi, Liu, Hou ("Revisiting Batch Normalization For Practical Domain
/// Adaptation", AdaBN, 2016) show that re-estimating the statistics on target data recovers
/// much of the domain gap with no training at all.
public struct BatchNormShiftDetector: Sendable, Equatable {
    public var thresholds: DiagnosticsThresholds
    public var epsilon: Double

    public init(thresholds: DiagnosticsThresholds = DiagnosticsThresholds(), epsilon: Double = 1e-5) {
        (self.thresholds, self.epsilon) = (thresholds, epsilon)
    }

    /// The network's shift: the mean over layers of `meanSymmetricKL`; nil when no layer has one.
    public func meanShift(_ layers: [BatchNormStatistics]) -> Double? {
        let shifts = layers.compactMap { $0.meanSymmetricKL(epsilon: epsilon) }
        return shifts.isEmpty ? nil : shifts.reduce(0, +) / Double(shifts.count)
    }

    /// One report for the network: the mean shift over layers, with the worst layers listed.
    /// Below the threshold nothing, unless `reportFit` (after a recalibration, to replace an
    /// earlier warning's card): then an information card saying the statistics fit.
    public func evaluate(step: Int, layers: [BatchNormStatistics], reportFit: Bool = false) -> [DiagnosticsReport] {
        let shifts = layers.compactMap { layer in layer.meanSymmetricKL(epsilon: epsilon).map { (path: layer.path, shift: $0) } }
        guard let mean = meanShift(layers) else { return [] }
        let source = "Li et al., \"Revisiting Batch Normalization For Practical Domain Adaptation\" (AdaBN), 2016"
        guard mean >= thresholds.batchNormShiftWarning else {
            guard reportFit else { return [] }
            return [DiagnosticsReport(
                kind: .batchNormShift, severity: .info, step: step, title: "BatchNorm statistics fit the target data",
                explanation: "Target activations now match the BatchNorm running statistics (mean symmetric KL \(formatted(mean)) per "
                    + "channel, below \(formatted(thresholds.batchNormShiftWarning))).",
                evidence: [.init("mean symmetric KL", mean)], source: source)]
        }
        let worst = shifts.sorted { $0.shift > $1.shift }
        var evidence = [DiagnosticsReport.Evidence("mean symmetric KL", mean)]
        evidence += worst.prefix(5).map { .init("symmetric KL", $0.shift, detail: $0.path) }
        return [DiagnosticsReport(
            kind: .batchNormShift, severity: .warning, step: step, title: "BatchNorm statistics do not fit the target data",
            explanation: "Target activations differ from the pretrained BatchNorm statistics by a mean symmetric KL of \(formatted(mean)) "
                + "per channel (worst: \(worst[0].path)); re-estimate the statistics on target data (AdaBN).",
            evidence: evidence,
            source: source,
            actions: [.recalibrateBatchNorm])]
    }
}
