import ThawTrainingAPI

/// Warns when the training loss blows up: a step size beyond the stability limit makes the
/// loss grow geometrically instead of shrinking (LeCun, Bottou, Orr, Müller, "Efficient
/// BackProp", 1998, §4.5: a rate above twice the optimal one diverges), and every further step
/// wastes compute and can wreck pretrained weights.
///
/// The rule compares a short trailing median of the loss (robust to hard batches) with the
/// lowest level a longer trailing median has reached: divergence is the short one rising above
/// `divergenceRatio` times that best level *and* above it by `divergenceMinimumExcess` of the
/// starting loss. The second condition keeps a loss hovering near zero, where ratios are
/// meaningless, from raising alarms. A non-finite loss is reported at once, as critical.
public struct DivergenceDetector: Sendable, Equatable {
    public var thresholds: DiagnosticsThresholds
    public var layout: TransferLayout

    public init(thresholds: DiagnosticsThresholds = DiagnosticsThresholds(), layout: TransferLayout = TransferLayout()) {
        (self.thresholds, self.layout) = (thresholds, layout)
    }

    /// What was found, at which step.
    public struct Detection: Sendable, Equatable {
        public enum Cause: Sendable, Equatable { case nonFinite, blowUp }
        public var cause: Cause
        public var step: Int
        /// The short trailing median at detection (the raw loss for `.nonFinite`).
        public var currentLevel: Double
        /// The best level the long trailing median had reached.
        public var bestLevel: Double
        /// The loss level at the start (short median of the first steps).
        public var startLevel: Double
    }

    /// The first divergence in `losses`, where `losses[i]` is the loss of step `firstStep + i`.
    public func firstDetection(losses: [Double], firstStep: Int = 0) -> Detection? {
        var monitor = Monitor(thresholds: thresholds)
        for (offset, loss) in losses.enumerated() {
            if let found = monitor.observe(loss, step: firstStep + offset) { return found }
        }
        return nil
    }

    /// At most one report: the first divergence in the history.
    public func evaluate(losses: [Double], firstStep: Int = 0) -> [DiagnosticsReport] {
        guard let found = firstDetection(losses: losses, firstStep: firstStep) else { return [] }
        return [report(found)]
    }

    public func report(_ found: Detection) -> DiagnosticsReport {
        let source = "LeCun et al., \"Efficient BackProp\" (1998): a learning rate above the stability limit makes the loss grow geometrically"
        switch found.cause {
        case .nonFinite:
            return DiagnosticsReport(
                kind: .divergence, severity: .critical, step: found.step, title: "Loss is not finite",
                explanation: "The loss became \(found.currentLevel) at step \(found.step), so the weights are no longer usable; restart from the last checkpoint with a 10× lower learning rate.",
                evidence: [.init("loss", found.currentLevel), .init("best smoothed loss", found.bestLevel)],
                source: source, actions: [.scaleLearningRate(group: nil, factor: 0.1), .stop])
        case .blowUp:
            let ratio = found.currentLevel / Swift.max(found.bestLevel, Double.leastNormalMagnitude)
            return DiagnosticsReport(
                kind: .divergence, severity: .warning, step: found.step, title: "Training is diverging",
                explanation: "The smoothed loss (\(formatted(found.currentLevel))) is \(formatted(ratio))× its best level "
                    + "(\(formatted(found.bestLevel))), which is how a too-large learning rate shows; lower it 10×.",
                evidence: [.init("smoothed loss", found.currentLevel), .init("best smoothed loss", found.bestLevel),
                           .init("ratio to best", ratio), .init("starting loss", found.startLevel)],
                source: source, actions: [.scaleLearningRate(group: nil, factor: 0.1), .stop])
        }
    }

    /// The rule applied one step at a time, for callers that feed losses as they arrive
    /// instead of re-scanning the whole history. A value: copying it forks the state.
    public struct Monitor: Sendable, Equatable {
        let thresholds: DiagnosticsThresholds
        private var recent: [Double] = []
        private var bestLevel = Double.infinity
        private var startLevel: Double?

        public init(thresholds: DiagnosticsThresholds = DiagnosticsThresholds()) { self.thresholds = thresholds }

        /// Feeds the loss of `step`; returns a detection the first time the rule holds (and on
        /// every later step while it still holds).
        public mutating func observe(_ loss: Double, step: Int) -> Detection? {
            guard loss.isFinite else {
                return Detection(cause: .nonFinite, step: step, currentLevel: loss, bestLevel: bestLevel,
                                 startLevel: startLevel ?? .nan)
            }
            let fastWindow = Swift.max(thresholds.divergenceFastWindow, 1)
            let slowWindow = Swift.max(thresholds.divergenceSlowWindow, fastWindow)
            recent.append(loss)
            if recent.count > slowWindow { recent.removeFirst(recent.count - slowWindow) }
            guard recent.count >= fastWindow, let current = LossSmoothing.median(recent.suffix(fastWindow)),
                  let slow = LossSmoothing.median(recent) else { return nil }
            let start = startLevel ?? current
            startLevel = start
            bestLevel = Swift.min(bestLevel, slow)
            let best = Swift.min(bestLevel, current)
            guard current > thresholds.divergenceRatio * best,
                  current - best > thresholds.divergenceMinimumExcess * start else { return nil }
            return Detection(cause: .blowUp, step: step, currentLevel: current, bestLevel: best, startLevel: start)
        }
    }
}
