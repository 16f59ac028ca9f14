import ThawTrainingAPI

/// One evaluation of the pretrained run and its from-scratch shadow on the same validation
/// examples, in the same order.
public struct NegativeTransferEvaluation: Sendable, Equatable, Codable {
    public var step: Int
    /// Epochs completed at this evaluation: 1 after the first epoch (`EpochMetrics.epoch + 1`),
    /// fractional for evaluations within an epoch.
    public var epochs: Double
    public var pretrainedCorrect: [Bool]
    public var scratchCorrect: [Bool]
    public var pretrainedLoss: Double
    public var scratchLoss: Double

    public init(step: Int, epochs: Double, pretrainedCorrect: [Bool], scratchCorrect: [Bool], pretrainedLoss: Double, scratchLoss: Double) {
        (self.step, self.epochs, self.pretrainedCorrect, self.scratchCorrect) = (step, epochs, pretrainedCorrect, scratchCorrect)
        (self.pretrainedLoss, self.scratchLoss) = (pretrainedLoss, scratchLoss)
    }
}

/// The gap at one evaluation.
public struct NegativeTransferMeasurement: Sendable, Equatable {
    public enum State: String, Sendable, Codable {
        /// The whole interval is below 0: pretraining lowers the error.
        case helping
        case inconclusive
        /// The whole interval is above 0: pretraining raises the error.
        case negative
    }

    public var step: Int
    public var epochs: Double
    /// NTG = error(pretrained) − error(scratch), in [−1, 1].
    public var gap: Double
    public var lower: Double
    public var upper: Double
    public var state: State
    public var pretrainedError: Double
    public var scratchError: Double
    public var pretrainedLoss: Double
    public var scratchLoss: Double
    /// The first step at which the scratch run's validation loss was at or below the pretrained
    /// run's current one: the training budget scratch needed to match it. nil: not yet.
    public var budgetToMatch: Int?
    /// Evaluations in a row, ending here, that were `.negative` after the minimum epochs.
    public var consecutiveNegative: Int
    /// The warning condition: `consecutiveNegative` reached the threshold.
    public var confirmed: Bool
}

/// The negative transfer gap (Wang, Dai, Póczos, Carbonell, "Characterizing and Avoiding
/// Negative Transfer", CVPR 2019): the error of the pretrained run minus that of the same
/// training from scratch. Positive NTG is negative transfer — the pretrained weights hurt.
///
/// The shadow run sees the same batches with the same budget, and both are scored on the same
/// validation examples, so the per-example differences are paired and a bootstrap interval
/// on their mean says whether the gap is real. He, Girshick, Dollár ("Rethinking ImageNet
/// Pre-training", ICCV 2019) show a scratch run can catch up with a pretrained one given
/// enough steps — an early advantage is not proof of positive transfer, and an early deficit
/// not proof of negative transfer — so the warning needs the interval above 0 on
/// consecutive evaluations after at least an epoch, and the state keeps being re-evaluated.
public struct NegativeTransferGap: Sendable, Equatable {
    public var thresholds: DiagnosticsThresholds
    public var layout: TransferLayout

    public init(thresholds: DiagnosticsThresholds = DiagnosticsThresholds(), layout: TransferLayout = TransferLayout()) {
        (self.thresholds, self.layout) = (thresholds, layout)
    }

    /// One measurement per evaluation (oldest first). `scratchHistory` adds scratch validation
    /// losses from other steps (a cheaper evaluation cadence) for the budget to match.
    public func measurements(_ evaluations: [NegativeTransferEvaluation], scratchHistory: [LossPoint] = []) -> [NegativeTransferMeasurement] {
        var history = scratchHistory + evaluations.map { LossPoint(step: $0.step, loss: $0.scratchLoss) }
        history = history.filter(\.loss.isFinite).sorted { $0.step < $1.step }
        var consecutive = 0
        return evaluations.map { evaluation in
            var measurement = measure(evaluation, scratchHistory: history)
            let counts = measurement.state == .negative && evaluation.epochs >= thresholds.negativeTransferMinimumEpochs
            consecutive = counts ? consecutive + 1 : 0
            measurement.consecutiveNegative = consecutive
            measurement.confirmed = consecutive >= Swift.max(thresholds.negativeTransferConsecutiveEvaluations, 1)
            return measurement
        }
    }

    /// The gap at one evaluation, on its own (no consecutive count). Both correctness lists
    /// must describe the same examples in the same order; if their lengths differ, only the
    /// common prefix is compared.
    public func measure(_ evaluation: NegativeTransferEvaluation, scratchHistory: [LossPoint] = []) -> NegativeTransferMeasurement {
        let count = Swift.min(evaluation.pretrainedCorrect.count, evaluation.scratchCorrect.count)
        // Per-example difference of the 0/1 errors: 1 − correct.
        let differences = (0..<count).map { i in
            (evaluation.pretrainedCorrect[i] ? 0.0 : 1.0) - (evaluation.scratchCorrect[i] ? 0.0 : 1.0)
        }
        let bootstrap = PairedBootstrap(resamples: thresholds.bootstrapResamples,
                                        seed: DataRandom.mix(thresholds.bootstrapSeed ^ UInt64(truncatingIfNeeded: evaluation.step)),
                                        confidence: thresholds.bootstrapConfidence)
        let interval = bootstrap.interval(differences)
        let state: NegativeTransferMeasurement.State = interval.lower > 0 ? .negative : interval.upper < 0 ? .helping : .inconclusive
        let errors = [evaluation.pretrainedCorrect, evaluation.scratchCorrect].map { correct in
            count > 0 ? Double(correct.prefix(count).filter { !$0 }.count) / Double(count) : 0
        }
        let budget = scratchHistory.first { $0.step <= evaluation.step && $0.loss <= evaluation.pretrainedLoss }?.step
        return NegativeTransferMeasurement(
            step: evaluation.step, epochs: evaluation.epochs, gap: interval.mean, lower: interval.lower, upper: interval.upper,
            state: state, pretrainedError: errors[0], scratchError: errors[1], pretrainedLoss: evaluation.pretrainedLoss,
            scratchLoss: evaluation.scratchLoss, budgetToMatch: budget, consecutiveNegative: 0, confirmed: false)
    }

    /// One report for the latest evaluation: a warning when negative transfer is confirmed,
    /// otherwise an info card with the current state (the same card, updated, as its id is stable).
    public func evaluate(_ evaluations: [NegativeTransferEvaluation], scratchHistory: [LossPoint] = []) -> [DiagnosticsReport] {
        guard let latest = measurements(evaluations, scratchHistory: scratchHistory).last else { return [] }
        return [report(latest)]
    }

    public func report(_ m: NegativeTransferMeasurement) -> DiagnosticsReport {
        let gap = "NTG \(formatted(m.gap * 100)) points (95% CI \(formatted(m.lower * 100)) to \(formatted(m.upper * 100)))"
        let budget = m.budgetToMatch.map { "scratch reached this validation loss at step \($0)" }
            ?? "scratch has not reached this validation loss in \(m.step) steps"
        let title: String, explanation: String
        var severity = DiagnosticsReport.Severity.info
        var actions: [SuggestedAction] = []
        switch m.state {
        case .negative where m.confirmed:
            severity = .warning
            title = "Pretrained backbone is hurting"
            explanation = "The pretrained run makes more errors than training from scratch on \(m.consecutiveNegative) evaluations in a row "
                + "(\(gap); \(budget)), so its features do not suit this task; train from scratch or let the whole backbone adapt."
            actions.append(.switchToScratch)
            if !layout.frozenBlocks.isEmpty { actions.append(.thaw(layout.frozenBlocks)) }
        case .negative:
            title = "Pretrained backbone may be hurting"
            explanation = m.epochs < thresholds.negativeTransferMinimumEpochs
                ? "The pretrained run is behind scratch (\(gap)), but before \(formatted(thresholds.negativeTransferMinimumEpochs)) epoch(s) "
                    + "this is not yet evidence; keep evaluating."
                : "The pretrained run is behind scratch (\(gap)); the next evaluation will confirm or clear this."
        case .helping:
            title = "Pretrained backbone is helping"
            explanation = "The pretrained run makes fewer errors than scratch (\(gap); \(budget)); scratch can still catch up with "
                + "more steps, so the comparison keeps running."
        case .inconclusive:
            title = "Pretraining's effect is not yet clear"
            explanation = "The error difference to scratch is within noise (\(gap)); keep evaluating."
        }
        var evidence: [DiagnosticsReport.Evidence] = [
            .init("NTG", m.gap), .init("NTG 95% lower", m.lower), .init("NTG 95% upper", m.upper),
            .init("pretrained error", m.pretrainedError), .init("scratch error", m.scratchError),
            .init("pretrained validation loss", m.pretrainedLoss), .init("scratch validation loss", m.scratchLoss),
            .init("epochs", m.epochs),
        ]
        if let budget = m.budgetToMatch { evidence.append(.init("budget to match (step)", Double(budget))) }
        return DiagnosticsReport(
            kind: .negativeTransfer, severity: severity, step: m.step, title: title, explanation: explanation, evidence: evidence,
            source: "Wang et al., \"Characterizing and Avoiding Negative Transfer\", CVPR 2019; He et al., \"Rethinking ImageNet "
                + "Pre-training\", ICCV 2019",
            actions: actions)
    }
}
