import ThawTrainingAPI

/// The source task's accuracy on a held-out probe set at an evaluation.
public struct SourceProbeAccuracy: Sendable, Equatable, Codable {
    public var step: Int
    /// In [0, 1].
    public var accuracy: Double
    public init(step: Int, accuracy: Double) { (self.step, self.accuracy) = (step, accuracy) }
}

/// Warns when fine-tuning erases what the backbone knew about its source task — catastrophic
/// forgetting (McCloskey & Cohen 1989; Kirkpatrick et al., "Overcoming catastrophic forgetting
/// in neural networks", PNAS 2017). It matters when the model must still serve the source task
/// (Li & Hoiem, "Learning without Forgetting", ECCV 2016), and a steep drop is also a sign that
/// the general features transfer relied on are being overwritten. Measured as the drop of the
/// source probe accuracy from its first evaluation, in accuracy points.
public struct ForgettingDetector: Sendable, Equatable {
    public var thresholds: DiagnosticsThresholds
    public var layout: TransferLayout

    public init(thresholds: DiagnosticsThresholds = DiagnosticsThresholds(), layout: TransferLayout = TransferLayout()) {
        (self.thresholds, self.layout) = (thresholds, layout)
    }

    /// Evaluations oldest first; the first is the reference (taken before or at the first step).
    public func evaluate(_ probes: [SourceProbeAccuracy]) -> [DiagnosticsReport] {
        let finite = probes.filter(\.accuracy.isFinite)
        guard finite.count >= 2, let initial = finite.first, let latest = finite.last else { return [] }
        let drop = initial.accuracy - latest.accuracy
        guard drop > thresholds.forgettingDrop else { return [] }
        var actions: [SuggestedAction] = [layout.scaleBackboneLearningRate(0.1)]
        if let block = layout.nextBlockToFreeze { actions.append(.freeze([block])) }
        return [DiagnosticsReport(
            kind: .forgetting, severity: .warning, step: latest.step, title: "The source task is being forgotten",
            explanation: "Source-task probe accuracy fell from \(formatted(initial.accuracy * 100))% to \(formatted(latest.accuracy * 100))% "
                + "(\(formatted(drop * 100)) points); lower the backbone learning rate, freeze early blocks, or regularise toward the "
                + "pretrained weights (L2-SP).",
            evidence: [.init("source probe accuracy", latest.accuracy), .init("initial source probe accuracy", initial.accuracy),
                       .init("drop (points)", drop * 100)],
            source: "Catastrophic forgetting: Kirkpatrick et al., PNAS 2017; Li & Hoiem, \"Learning without Forgetting\", ECCV 2016",
            actions: actions)]
    }
}
