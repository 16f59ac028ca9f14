import ThawTrainingAPI

/// One evaluation's training and validation loss.
public struct EvaluationLosses: Sendable, Equatable, Codable {
    public var step: Int
    public var trainLoss: Double
    public var validationLoss: Double
    public init(step: Int, trainLoss: Double, validationLoss: Double) {
        (self.step, self.trainLoss, self.validationLoss) = (step, trainLoss, validationLoss)
    }
}

/// Warns when the model has started to memorise: validation loss rising for several
/// evaluations in a row while the training loss keeps falling. Prechelt ("Early Stopping — But
/// When?", 1998) shows stopping on consecutive rises of the validation error ("UP_s" criteria)
/// trades little accuracy for much less training; in transfer learning the other remedy is to
/// keep the weights closer to the pretrained ones — freeze more, or the L2-SP penalty toward
/// the starting point (Li, Grandvalet, Davoine, ICML 2018).
public struct OverfittingDetector: Sendable, Equatable {
    public var thresholds: DiagnosticsThresholds
    public var layout: TransferLayout

    public init(thresholds: DiagnosticsThresholds = DiagnosticsThresholds(), layout: TransferLayout = TransferLayout()) {
        (self.thresholds, self.layout) = (thresholds, layout)
    }

    /// Looks at the latest evaluations (oldest first).
    public func evaluate(_ evaluations: [EvaluationLosses]) -> [DiagnosticsReport] {
        let rises = Swift.max(thresholds.overfittingRisingEvaluations, 1)
        guard evaluations.count > rises, evaluations.allSatisfy({ $0.validationLoss.isFinite && $0.trainLoss.isFinite }) else {
            return []
        }
        let window = Array(evaluations.suffix(rises + 1))
        let rising = zip(window, window.dropFirst()).allSatisfy { $1.validationLoss > $0.validationLoss }
        let trainFalling = window.last!.trainLoss < window.first!.trainLoss
        let best = evaluations.min { $0.validationLoss < $1.validationLoss }!
        let latest = window.last!
        let rise = (latest.validationLoss - best.validationLoss) / Swift.max(abs(best.validationLoss), Double.leastNormalMagnitude)
        guard rising, trainFalling, rise >= thresholds.overfittingMinimumRise else { return [] }

        var actions: [SuggestedAction] = [.stop]
        if let block = layout.nextBlockToFreeze { actions.append(.freeze([block])) }
        actions.append(layout.scaleBackboneLearningRate(0.1))
        return [DiagnosticsReport(
            kind: .overfitting, severity: .warning, step: latest.step, title: "Validation loss is rising",
            explanation: "Validation loss rose for \(rises) evaluations in a row (\(formatted(rise * 100))% above its best at step "
                + "\(best.step)) while training loss kept falling; stop at the best checkpoint, or regularise toward the pretrained "
                + "weights (freeze more, L2-SP).",
            evidence: [.init("validation loss", latest.validationLoss), .init("best validation loss", best.validationLoss),
                       .init("best step", Double(best.step)), .init("training loss", latest.trainLoss),
                       .init("training loss at rise start", window.first!.trainLoss)],
            source: "Prechelt, \"Early Stopping — But When?\" (1998); L2-SP: Li et al., ICML 2018",
            actions: actions)]
    }
}
