import ThawTrainingAPI

/// How far one layer's weights have moved from where training started.
public struct LayerDrift: Sendable, Equatable, Codable {
    public var path: String
    /// ‖θ − θ₀‖ (L2 over all of the layer's parameters).
    public var distance: Double
    /// ‖θ₀‖.
    public var initialNorm: Double
    /// True for pretrained backbone layers; a new head starts random, so its drift says nothing.
    public var isBackbone: Bool
    /// False while the layer is frozen.
    public var isTrainable: Bool

    public init(path: String, distance: Double, initialNorm: Double, isBackbone: Bool = true, isTrainable: Bool = true) {
        (self.path, self.distance, self.initialNorm) = (path, distance, initialNorm)
        (self.isBackbone, self.isTrainable) = (isBackbone, isTrainable)
    }

    /// ‖θ − θ₀‖ / ‖θ₀‖, or nil for a layer that started at zero.
    public var relativeDrift: Double? { initialNorm > 0 ? distance / initialNorm : nil }
}

/// Warns when a thawed backbone layer moves far from its pretrained weights: what it computed
/// is then no longer what pretraining learned, and the benefit of transfer erodes with it.
/// Li, Grandvalet, Davoine (ICML 2018, "Explicit Inductive Bias for Transfer Learning with
/// Convolutional Networks") show that penalising ‖θ − θ₀‖² (L2-SP) beats plain weight decay
/// for fine-tuning, i.e. staying near θ₀ is itself the useful prior; and a layer that drifts
/// much more than its neighbours is usually one receiving outsized updates.
///
/// Rule: among thawed backbone layers, one whose relative drift is at least
/// `weightDriftAbsolute`, or at least `weightDriftRelativeFactor` times the median drift (and
/// at least `weightDriftMinimum`).
public struct WeightDriftDetector: Sendable, Equatable {
    public var thresholds: DiagnosticsThresholds
    public var layout: TransferLayout

    public init(thresholds: DiagnosticsThresholds = DiagnosticsThresholds(), layout: TransferLayout = TransferLayout()) {
        (self.thresholds, self.layout) = (thresholds, layout)
    }

    /// The thawed backbone layers that drift too far, largest drift first.
    public func driftingLayers(_ layers: [LayerDrift]) -> [(path: String, drift: Double)] {
        let measured = layers.filter { $0.isBackbone && $0.isTrainable }.compactMap { layer in
            layer.relativeDrift.flatMap { $0.isFinite ? (path: layer.path, drift: $0) : nil }
        }
        guard let median = LossSmoothing.median(measured.map(\.drift)) else { return [] }
        // The relative rule needs enough layers for a median to mean "the others".
        let relativeApplies = measured.count >= 3
        return measured.filter { layer in
            layer.drift >= thresholds.weightDriftAbsolute
                || (relativeApplies && layer.drift >= thresholds.weightDriftMinimum
                    && layer.drift >= thresholds.weightDriftRelativeFactor * median)
        }.sorted { $0.drift > $1.drift }
    }

    public func evaluate(step: Int, layers: [LayerDrift]) -> [DiagnosticsReport] {
        let drifting = driftingLayers(layers)
        guard let worst = drifting.first else { return [] }
        let median = LossSmoothing.median(layers.filter { $0.isBackbone && $0.isTrainable }.compactMap(\.relativeDrift)) ?? 0
        let names = drifting.prefix(3).map(\.path).joined(separator: ", ")
        var evidence = [DiagnosticsReport.Evidence("largest relative drift", worst.drift)]
        evidence += drifting.map { .init("relative drift", $0.drift, detail: $0.path) }
        evidence.append(.init("median relative drift", median))
        return [DiagnosticsReport(
            kind: .weightDrift, severity: .warning, step: step, title: "Pretrained weights are drifting",
            explanation: "\(names) moved \(formatted(worst.drift * 100))% of \(drifting.count == 1 ? "its" : "their") norm away from the "
                + "pretrained weights (median of thawed layers \(formatted(median * 100))%); freeze \(drifting.count == 1 ? "it" : "them") "
                + "or pull toward θ₀ with L2-SP.",
            evidence: evidence,
            source: "Li, Grandvalet, Davoine, \"Explicit Inductive Bias for Transfer Learning with Convolutional Networks\" (L2-SP), ICML 2018",
            actions: [.freeze(drifting.map(\.path)), layout.scaleBackboneLearningRate(0.1)])]
    }
}
