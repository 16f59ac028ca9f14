import ThawModels
import ThawNN
import ThawTensor
import ThawTrainingAPI

/// Runs the detectors during training, on the training thread: divergence at every step,
/// the rest at every evaluation. New or changed findings go to `post` (the engine's event
/// queue and the run's log); an unchanged finding is not posted again.
public final class DiagnosticsMonitor: TrainingObserver {
    let thresholds: DiagnosticsThresholds
    let plannedSteps: Int
    /// Pretrained weights were loaded: drift, feature distortion and surgical advice are
    /// about what pretraining brought, so a run from scratch skips them.
    let isTransfer: Bool
    let post: (DiagnosticsReport) -> Void
    let probe: Tensor?
    let initialProbeFeatures: FeatureMatrix?
    let initialWeights: [String: [Float]]
    var divergence: DivergenceDetector.Monitor
    var losses: [LossPoint] = [], scratchLosses: [LossPoint] = []
    var evaluations: [NegativeTransferEvaluation] = []
    var evaluationLosses: [EvaluationLosses] = []
    var unfreezeEvents: [UnfreezeEvent] = []
    var lastFrozen: Set<String>?
    var lastGradientNorms: [String: Double] = [:]
    var posted: [String: (DiagnosticsReport.Severity, String)] = [:]

    /// Snapshots the weights and the probe batch's features before training starts.
    public init(trainer: Trainer, isTransfer: Bool, thresholds: DiagnosticsThresholds = DiagnosticsThresholds(),
                post: @escaping (DiagnosticsReport) -> Void) {
        self.thresholds = thresholds
        self.isTransfer = isTransfer
        self.plannedSteps = trainer.options.epochs * trainer.stepsPerEpoch
        self.post = post
        divergence = DivergenceDetector.Monitor(thresholds: thresholds)
        initialWeights = Dictionary(trainer.backbone.namedParameters().map { ($0.key, $0.parameter.value.scalars) }, uniquingKeysWith: { a, _ in a })
        if let validation = trainer.validation, validation.count >= 8 {
            let indices = Array(0..<Swift.min(64, validation.count))
            var inputs = validation.inputs(indices: indices)
            if let normalization = trainer.loader.normalization { inputs = normalization.apply(to: inputs) }
            probe = inputs
            initialProbeFeatures = Self.features(trainer, inputs)
        } else {
            probe = nil
            initialProbeFeatures = nil
        }
    }

    public func trainer(_ trainer: Trainer, didStep metrics: StepMetrics) throws {
        losses.append(LossPoint(step: metrics.step, loss: metrics.loss))
        if let scratch = metrics.scratchLoss { scratchLosses.append(LossPoint(step: metrics.step, loss: scratch)) }
        lastGradientNorms = metrics.gradientNorms
        if let found = divergence.observe(metrics.loss, step: metrics.step) {
            publish(DivergenceDetector(thresholds: thresholds, layout: layout(trainer)).report(found))
        }
        let frozen = Set(trainer.freezePlan.effectiveFrozen(epoch: trainer.epoch))
        if let previous = lastFrozen, !previous.subtracting(frozen).isEmpty {
            unfreezeEvents.append(UnfreezeEvent(step: metrics.step, paths: previous.subtracting(frozen).sorted()))
        }
        lastFrozen = frozen
    }

    public func trainer(_ trainer: Trainer, didFinishEpoch metrics: EpochMetrics) throws {
        let layout = layout(trainer)
        var reports: [DiagnosticsReport] = []
        if let validationLoss = metrics.validationLoss {
            evaluationLosses.append(EvaluationLosses(step: metrics.step, trainLoss: metrics.trainLoss, validationLoss: validationLoss))
            reports += OverfittingDetector(thresholds: thresholds, layout: layout).evaluate(evaluationLosses)
        }
        if let scratchLoss = metrics.scratchValidationLoss, let validationLoss = metrics.validationLoss,
           trainer.lastScratchValidationCorrect.count == trainer.lastValidationCorrect.count {
            evaluations.append(NegativeTransferEvaluation(step: metrics.step, epochs: Double(metrics.epoch + 1),
                                                          pretrainedCorrect: trainer.lastValidationCorrect,
                                                          scratchCorrect: trainer.lastScratchValidationCorrect,
                                                          pretrainedLoss: validationLoss, scratchLoss: scratchLoss))
            reports += NegativeTransferGap(thresholds: thresholds, layout: layout).evaluate(evaluations, scratchHistory: scratchLosses)
        }
        reports += PlateauDetector(thresholds: thresholds, layout: layout)
            .evaluate(losses: losses.map(\.loss), firstStep: losses.first?.step ?? 0, plannedSteps: plannedSteps)
        reports += UnfreezeSpikeDetector(thresholds: thresholds).evaluate(losses: losses, events: unfreezeEvents)
        reports.forEach(publish)
        guard isTransfer else { return }
        reports = WeightDriftDetector(thresholds: thresholds, layout: layout).evaluate(step: metrics.step, layers: drift(trainer))
        if let probe, let initial = initialProbeFeatures, let current = Self.features(trainer, probe),
           let cka = try? linearCKA(initial, current) {
            reports += FeatureDistortionDetector(thresholds: thresholds, layout: layout)
                .evaluate(step: metrics.step, headAge: metrics.step, layers: [LayerSimilarity(path: "penultimate layer", cka: cka)])
        }
        reports += SurgicalFineTuningAdvisor(thresholds: thresholds, layout: layout).evaluate(step: metrics.step, blocks: blockGradients(trainer))
        reports.forEach(publish)
    }

    /// Posts a finding unless the same finding was last posted with the same severity and title.
    func publish(_ report: DiagnosticsReport) {
        if let previous = posted[report.id], previous == (report.severity, report.title) { return }
        posted[report.id] = (report.severity, report.title)
        post(report)
    }

    func layout(_ trainer: Trainer) -> TransferLayout {
        TransferLayout(blocks: trainer.backbone.blocks, frozen: trainer.freezePlan.effectiveFrozen(epoch: trainer.epoch), backboneGroup: nil)
    }

    /// ‖θ − θ₀‖ and ‖θ₀‖ per layer (module path of each parameter).
    func drift(_ trainer: Trainer) -> [LayerDrift] {
        var sums: [String: (distance: Double, norm: Double, trainable: Bool)] = [:]
        let heads = trainer.backbone.headPrefixes
        for (key, parameter) in trainer.backbone.namedParameters() {
            guard let start = initialWeights[key] else { continue }
            let layer = key.split(separator: ".").dropLast().joined(separator: ".")
            var entry = sums[layer] ?? (0, 0, false)
            let now = parameter.value.scalars
            for i in now.indices where i < start.count {
                let d = Double(now[i]) - Double(start[i])
                entry.distance += d * d
                entry.norm += Double(start[i]) * Double(start[i])
            }
            entry.trainable = entry.trainable || parameter.requiresGradient
            sums[layer] = entry
        }
        return sums.keys.sorted().map { layer in
            let s = sums[layer]!
            return LayerDrift(path: layer, distance: s.distance.squareRoot(), initialNorm: s.norm.squareRoot(),
                              isBackbone: !heads.contains { layer == $0 || layer.hasPrefix($0 + ".") }, isTrainable: s.trainable)
        }
    }

    /// Last step's gradient norm and the current weight norm per top-level block.
    func blockGradients(_ trainer: Trainer) -> [BlockGradient] {
        var gradient: [String: Double] = [:], weight: [String: Double] = [:]
        let blocks = trainer.backbone.blocks
        func block(of path: String) -> String? { blocks.first { path == $0 || path.hasPrefix($0 + ".") } }
        for (layer, norm) in lastGradientNorms {
            if let b = block(of: layer) { gradient[b, default: 0] += norm * norm }
        }
        for (key, parameter) in trainer.backbone.namedParameters() where parameter.requiresGradient {
            if let b = block(of: key) {
                weight[b, default: 0] += parameter.value.withUnsafeBufferPointer { $0.reduce(0.0) { $0 + Double($1) * Double($1) } }
            }
        }
        return blocks.filter { gradient[$0] != nil }.map {
            BlockGradient(path: $0, gradientNorm: gradient[$0]!.squareRoot(), parameterNorm: (weight[$0] ?? 0).squareRoot())
        }
    }

    static func features(_ trainer: Trainer, _ inputs: Tensor) -> FeatureMatrix? {
        let backbone = trainer.backbone
        let wasTraining = backbone.isTraining
        backbone.setTraining(false)
        defer { backbone.setTraining(wasTraining) }
        guard let features = try? withNoGradient({ try backbone.features(trainer.backboneBatch(inputs)) }) else { return nil }
        return try? FeatureMatrix(rows: features.shape[0], columns: features.shape[1], values: features.scalars)
    }
}
