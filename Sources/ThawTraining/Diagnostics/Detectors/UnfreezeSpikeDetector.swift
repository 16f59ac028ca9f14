import ThawTrainingAPI

/// Modules thawed at a step (gradual unfreezing, or the user's key press).
public struct UnfreezeEvent: Sendable, Equatable, Codable {
    /// The first step whose update includes the thawed parameters.
    public var step: Int
    public var paths: [String]
    public init(step: Int, paths: [String]) { (self.step, self.paths) = (step, paths) }
}

/// Warns when the loss jumps right after blocks are thawed. Thawed pretrained weights then get
/// the full learning rate and the gradients of a head fitted to frozen features, and large
/// early updates wreck the features they were meant to refine; ULMFiT (Howard & Ruder, ACL 2018)
/// thaws gradually with lower rates for lower layers for exactly this reason. The remedy is a
/// 10× lower rate for the newly thawed group (or a warm-up).
///
/// Rule: the highest 5-step running median over the `unfreezeWindow` steps after the event
/// against the median of the same number of steps before it; it must exceed the latter by
/// `unfreezeSpikeRatio` and by three robust standard deviations of the steps before, so the
/// ordinary noise of a run does not count.
public struct UnfreezeSpikeDetector: Sendable, Equatable {
    public var thresholds: DiagnosticsThresholds

    public init(thresholds: DiagnosticsThresholds = DiagnosticsThresholds()) { self.thresholds = thresholds }

    /// One report per event whose window after it is complete and shows a spike.
    public func evaluate(losses: [LossPoint], events: [UnfreezeEvent]) -> [DiagnosticsReport] {
        let window = Swift.max(thresholds.unfreezeWindow, 3)
        let ordered = losses.filter(\.loss.isFinite).sorted { $0.step < $1.step }
        return events.compactMap { event in
            let before = ordered.filter { $0.step >= event.step - window && $0.step < event.step }.map(\.loss)
            let after = ordered.filter { $0.step > event.step && $0.step <= event.step + window }.map(\.loss)
            guard before.count >= window / 2, after.count >= window / 2,
                  let baseline = LossSmoothing.median(before) else { return nil }
            let peak = LossSmoothing.trailingMedians(after, window: 5).dropFirst(Swift.min(2, after.count - 1)).max() ?? 0
            let threshold = Swift.max(thresholds.unfreezeSpikeRatio * baseline, baseline + 3 * LossSmoothing.robustSpread(before))
            guard peak > threshold else { return nil }
            return report(event, baseline: baseline, peak: peak)
        }
    }

    private func report(_ event: UnfreezeEvent, baseline: Double, peak: Double) -> DiagnosticsReport {
        let names = event.paths.joined(separator: ", ")
        // Discriminative parameter groups are named after the block they hold
        // (`ParameterGroupSpec.discriminative`), so the thawed path names its group.
        var actions = event.paths.map { SuggestedAction.scaleLearningRate(group: $0, factor: 0.1) }
        actions.append(.freeze(event.paths))
        return DiagnosticsReport(
            kind: .unfreezeSpike, severity: .warning, step: event.step, title: "Loss jumped after thawing \(names)",
            explanation: "The loss rose from \(formatted(baseline)) to \(formatted(peak)) within \(thresholds.unfreezeWindow) steps of "
                + "thawing \(names), so its updates are too large; give the thawed group a 10× lower learning rate or a warm-up.",
            evidence: [.init("loss after thaw", peak, detail: names), .init("loss before thaw", baseline),
                       .init("ratio", peak / Swift.max(baseline, Double.leastNormalMagnitude))],
            source: "Gradual unfreezing with discriminative learning rates (Howard & Ruder, ULMFiT, ACL 2018)",
            actions: actions)
    }
}
