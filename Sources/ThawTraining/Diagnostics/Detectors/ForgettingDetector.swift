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
/// (Li & Hoiem, "Learning without Forgetting", ECCV 2016 / TPAMI 2017), and a steep drop is also
/// a sign that the general features transfer relied on are being overwritten.
///
/// Measured as the drop of the source probe accuracy from its first value (the pretrained
/// network before step 1). The drop must exceed the threshold at several evaluations in a
/// row: a high learning rate can knock one evaluation down and the next one back up, and only
/// a lasting loss is forgetting.
public struct ForgettingDetector: Sendable, Equatable {
    public var thresholds: DiagnosticsThresholds
    public var layout: TransferLayout

    public init(thresholds: DiagnosticsThresholds = DiagnosticsThresholds(), layout: TransferLayout = TransferLayout()) {
        (self.thresholds, self.layout) = (thresholds, layout)
    }

    /// Measurements oldest first; the first is the reference (taken before step 1, or where a
    /// resumed run resumed). Non-finite accuracies (an empty probe) are ignored.
    public func evaluate(_ probes: [SourceProbeAccuracy]) -> [DiagnosticsReport] {
        let finite = probes.filter(\.accuracy.isFinite)
        let needed = Swift.max(thresholds.forgettingConsecutiveEvaluations, 1)
        guard let initial = finite.first, finite.count > needed, let latest = finite.last else { return [] }
        let recent = finite.suffix(needed)
        guard recent.allSatisfy({ initial.accuracy - $0.accuracy > thresholds.forgettingDrop }) else { return [] }
        let drop = initial.accuracy - latest.accuracy
        let span = needed == 1 ? "at the latest evaluation" : "at \(needed) evaluations in a row"
        var actions: [SuggestedAction] = [layout.scaleBackboneLearningRate(0.1)]
        if let block = layout.nextBlockToFreeze { actions.append(.freeze([block])) }
        return [DiagnosticsReport(
            kind: .forgetting, severity: .warning, step: latest.step, title: "The source task is being forgotten",
            explanation: "Source-task probe accuracy fell from \(formatted(initial.accuracy * 100))% to \(formatted(latest.accuracy * 100))% "
                + "(\(formatted(drop * 100)) points, more than \(formatted(thresholds.forgettingDrop * 100)) \(span)); "
                + "lower the backbone learning rate, freeze early blocks, or pull toward the pretrained weights (optimizer.l2sp).",
            evidence: [.init("source probe accuracy", latest.accuracy), .init("initial source probe accuracy", initial.accuracy),
                       .init("drop (points)", drop * 100), .init("initial step", Double(initial.step))],
            source: "Catastrophic forgetting: Kirkpatrick et al., PNAS 2017; Li & Hoiem, \"Learning without Forgetting\", ECCV 2016 / TPAMI 2017",
            actions: actions)]
    }
}
