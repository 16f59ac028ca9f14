import ThawTrainingAPI

/// Linear CKA between a layer's features on a fixed probe batch now and at the start of training.
public struct LayerSimilarity: Sendable, Equatable, Codable {
    public var path: String
    public var cka: Double
    public init(path: String, cka: Double) { (self.path, self.cka) = (path, cka) }

    /// Measures it from the two feature matrices of the same probe examples.
    public init(path: String, initial: FeatureMatrix, current: FeatureMatrix) throws {
        self.init(path: path, cka: try linearCKA(initial, current))
    }
}

/// Warns when a thawed backbone's features change a lot while the head is still young.
///
/// Kumar, Raghunathan, Jones, Ma, Liang ("Fine-Tuning can Distort Pretrained Features and
/// Underperform Out-of-Distribution", ICLR 2022) show that fine-tuning everything under a
/// randomly initialised head changes the features mostly in the directions the training data
/// spans, early, while the head's errors are large — distorting the pretrained features and
/// hurting out-of-distribution accuracy — and that training the head first (LP-FT) avoids it.
/// Feature change is measured by linear CKA (Kornblith et al., ICML 2019) on a fixed probe
/// batch, which ignores rotations and rescaling that do not change what the layer encodes.
public struct FeatureDistortionDetector: Sendable, Equatable {
    public var thresholds: DiagnosticsThresholds
    public var layout: TransferLayout

    public init(thresholds: DiagnosticsThresholds = DiagnosticsThresholds(), layout: TransferLayout = TransferLayout()) {
        (self.thresholds, self.layout) = (thresholds, layout)
    }

    /// - Parameters:
    ///   - headAge: steps since the head was created (or re-initialised).
    ///   - layers: CKA of each probed backbone layer against its features at the start.
    public func evaluate(step: Int, headAge: Int, layers: [LayerSimilarity]) -> [DiagnosticsReport] {
        guard headAge <= thresholds.youngHeadSteps else { return [] }
        let distorted = layers.filter { $0.cka.isFinite && $0.cka < thresholds.featureDistortionMinimumCKA }
            .sorted { $0.cka < $1.cka }
        guard let worst = distorted.first else { return [] }
        var evidence = [DiagnosticsReport.Evidence("lowest CKA to initial features", worst.cka)]
        evidence += distorted.map { .init("CKA", $0.cka, detail: $0.path) }
        evidence.append(.init("head age (steps)", Double(headAge)))
        return [DiagnosticsReport(
            kind: .featureDistortion, severity: .warning, step: step, title: "Pretrained features are being distorted",
            explanation: "Features of the \(worst.path) on the probe batch have CKA \(formatted(worst.cka)) to their pretrained values after only "
                + "\(headAge) steps of a new head, so the random head is reshaping them; train the head first (LP-FT).",
            evidence: evidence,
            source: "Kumar et al., \"Fine-Tuning can Distort Pretrained Features and Underperform Out-of-Distribution\", ICLR 2022; "
                + "linear CKA: Kornblith et al., ICML 2019",
            actions: [.linearProbeFirst, layout.scaleBackboneLearningRate(0.1)])]
    }
}
