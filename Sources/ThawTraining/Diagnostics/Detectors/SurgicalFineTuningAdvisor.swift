import ThawTrainingAPI

/// A block's gradient and parameter norms on target data (measured with gradients enabled for
/// every block, frozen or not, e.g. on one probe batch).
public struct BlockGradient: Sendable, Equatable, Codable {
    public var path: String
    public var gradientNorm: Double
    public var parameterNorm: Double
    public init(path: String, gradientNorm: Double, parameterNorm: Double) {
        (self.path, self.gradientNorm, self.parameterNorm) = (path, gradientNorm, parameterNorm)
    }

    /// ‖g‖ / ‖θ‖: how far one step would move the block relative to its size.
    public var relativeGradientNorm: Double? { parameterNorm > 0 ? gradientNorm / parameterNorm : nil }
}

/// Suggests which single block to fine-tune. Lee, Chen, Tajwar, Kumar, Yao, Liang, Finn
/// ("Surgical Fine-Tuning Improves Adaptation to Distribution Shifts", ICLR 2023) show that
/// tuning only the block matching the kind of shift (early blocks for input-level shifts such
/// as corruptions, later ones for output-level shifts) matches or beats full fine-tuning, and
/// that the block's relative gradient norm ‖g‖/‖θ‖ on target data (their Auto-RGN) points to
/// it without trying each block. Info only: it is a suggestion, not a problem.
public struct SurgicalFineTuningAdvisor: Sendable, Equatable {
    public var thresholds: DiagnosticsThresholds
    public var layout: TransferLayout

    public init(thresholds: DiagnosticsThresholds = DiagnosticsThresholds(), layout: TransferLayout = TransferLayout()) {
        (self.thresholds, self.layout) = (thresholds, layout)
    }

    /// The block with the largest relative gradient norm, if it stands out from the median
    /// block by `surgicalMinimumRatio`; with its ratio to that median.
    public func suggestedBlock(_ blocks: [BlockGradient]) -> (path: String, relativeGradientNorm: Double, ratioToMedian: Double)? {
        let measured = blocks.compactMap { block in
            block.relativeGradientNorm.flatMap { $0.isFinite ? (path: block.path, rgn: $0) : nil }
        }
        guard measured.count >= 2, let best = measured.max(by: { $0.rgn < $1.rgn }),
              let median = LossSmoothing.median(measured.map(\.rgn)), median > 0 else { return nil }
        let ratio = best.rgn / median
        return ratio >= thresholds.surgicalMinimumRatio ? (best.path, best.rgn, ratio) : nil
    }

    public func evaluate(step: Int, blocks: [BlockGradient]) -> [DiagnosticsReport] {
        guard let best = suggestedBlock(blocks) else { return [] }
        var actions: [SuggestedAction] = []
        if layout.frozen.contains(best.path) { actions.append(.thaw([best.path])) }
        let others = layout.thawedBlocks.filter { $0 != best.path }
        if !others.isEmpty { actions.append(.freeze(others)) }
        var evidence = [DiagnosticsReport.Evidence("relative gradient norm", best.relativeGradientNorm, detail: best.path)]
        evidence += blocks.compactMap { block in block.relativeGradientNorm.map { .init("relative gradient norm", $0, detail: block.path) } }
            .filter { $0.detail != best.path }
        evidence.append(.init("ratio to median block", best.ratioToMedian))
        return [DiagnosticsReport(
            kind: .surgicalFineTuning, severity: .info, step: step, title: "Fine-tune \(best.path) first",
            explanation: "\(best.path) has the largest relative gradient norm (\(formatted(best.ratioToMedian))× the median block), so the "
                + "target data's shift is most likely where it sits; tuning it alone often matches full fine-tuning.",
            evidence: evidence,
            source: "Lee et al., \"Surgical Fine-Tuning Improves Adaptation to Distribution Shifts\" (Auto-RGN), ICLR 2023",
            actions: actions)]
    }
}
