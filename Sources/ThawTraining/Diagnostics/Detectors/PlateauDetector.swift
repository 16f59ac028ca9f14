import ThawTrainingAPI

/// Reports a training loss that has stopped improving well before the planned end of training:
/// the remaining budget is being spent without progress, and either the learning rate no longer
/// suits the loss surface (too high to settle into the basin's floor, or too low to leave a flat
/// region) or a frozen backbone limits what the head can fit.
///
/// The rule is the patience rule of plateau schedulers (ReduceLROnPlateau; cf. Bengio,
/// "Practical recommendations for gradient-based training of deep architectures", 2012, §3.1):
/// an exponential moving average of the loss whose best value has not improved significantly
/// for `plateauPatience` steps. "Significantly" is a relative `plateauMinimumImprovement`, or
/// `plateauNoiseMultiplier` standard deviations of the average's own noise when that is larger:
/// with 30 % step-to-step noise the average still wanders by a few percent, and new lows
/// within that wander would otherwise keep a flat run looking alive.
public struct PlateauDetector: Sendable, Equatable {
    public var thresholds: DiagnosticsThresholds
    public var layout: TransferLayout

    public init(thresholds: DiagnosticsThresholds = DiagnosticsThresholds(), layout: TransferLayout = TransferLayout()) {
        (self.thresholds, self.layout) = (thresholds, layout)
    }

    /// A plateau still in progress at the end of the history.
    public struct Plateau: Sendable, Equatable {
        /// The step of the last significant improvement, where the plateau began.
        public var since: Int
        public var step: Int
        /// The smoothed loss at its last significant improvement, and now.
        public var bestLevel: Double
        public var currentLevel: Double
    }

    /// The plateau at the last step of `losses` (`losses[i]` is step `firstStep + i`), if the
    /// loss is on one; nil when it improved recently or training is near its planned end
    /// (`plannedSteps`; nil when unknown, and then only the patience counts).
    public func currentPlateau(losses: [Double], firstStep: Int = 0, plannedSteps: Int? = nil) -> Plateau? {
        let finite = losses.allSatisfy(\.isFinite)
        guard finite, !losses.isEmpty else { return nil } // a non-finite loss is the divergence detector's
        let weight = thresholds.plateauSmoothing
        let smoothed = LossSmoothing.exponentialAverages(losses, weight: weight)
        // Step noise relative to the level (robust to hard batches), and the part of it that
        // survives the average: an EMA of white noise keeps √(w / (2 − w)) of its deviation.
        let relativeNoise = LossSmoothing.robustSpread(zip(losses, smoothed).map { $1 > 0 ? ($0 - $1) / $1 : 0 })
        let averageNoise = relativeNoise * (weight / (2 - weight)).squareRoot()
        let significant = Swift.max(thresholds.plateauMinimumImprovement, thresholds.plateauNoiseMultiplier * averageNoise)
        var best = smoothed[0], bestIndex = 0
        for (index, level) in smoothed.enumerated() where level < best * (1 - significant) {
            (best, bestIndex) = (level, index)
        }
        let last = losses.count - 1
        guard last - bestIndex >= thresholds.plateauPatience else { return nil }
        let step = firstStep + last
        if let plannedSteps, Double(step) >= thresholds.plateauLatestFraction * Double(plannedSteps) { return nil }
        return Plateau(since: firstStep + bestIndex, step: step, bestLevel: best, currentLevel: smoothed[last])
    }

    public func evaluate(losses: [Double], firstStep: Int = 0, plannedSteps: Int? = nil) -> [DiagnosticsReport] {
        guard let plateau = currentPlateau(losses: losses, firstStep: firstStep, plannedSteps: plannedSteps) else { return [] }
        var actions: [SuggestedAction] = [.scaleLearningRate(group: nil, factor: 0.1)]
        if let block = layout.nextBlockToThaw { actions.append(.thaw([block])) }
        let remaining = plannedSteps.map { ", with \($0 - plateau.step) planned steps left" } ?? ""
        let thawHint = layout.nextBlockToThaw.map { ", or thaw \($0) to give the model more to adapt" } ?? ""
        return [DiagnosticsReport(
            kind: .plateau, severity: .info, step: plateau.step, title: "Loss has plateaued",
            explanation: "The smoothed loss has not improved beyond its noise since step "
                + "\(plateau.since)\(remaining); lower the learning rate 10×\(thawHint).",
            evidence: [.init("steps without improvement", Double(plateau.step - plateau.since)),
                       .init("smoothed loss", plateau.currentLevel), .init("best smoothed loss", plateau.bestLevel)],
            source: "Patience rule of plateau schedulers (Bengio, \"Practical recommendations for gradient-based training\", 2012)",
            actions: actions)]
    }
}
