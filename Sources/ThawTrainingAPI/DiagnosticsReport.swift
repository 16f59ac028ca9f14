/// One finding of a transfer diagnostic: what was measured, what it means, where the rule
/// comes from, and what the user can do about it with one key.
public struct DiagnosticsReport: Sendable, Equatable, Codable, Identifiable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case negativeTransfer = "negative-transfer"
        case transferability
        case batchNormShift = "batchnorm-shift"
        case weightDrift = "weight-drift"
        case featureDistortion = "feature-distortion"
        case surgicalFineTuning = "surgical-fine-tuning"
        case overfitting
        case divergence
        case plateau
        case unfreezeSpike = "unfreeze-spike"
        case forgetting
    }

    public enum Severity: Int, Sendable, Codable, Comparable, CaseIterable {
        case info, warning, critical
        public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }
        public var name: String { ["info", "warning", "critical"][rawValue] }
    }

    /// A measured number behind the finding.
    public struct Evidence: Sendable, Equatable, Codable {
        public var name: String
        public var value: Double
        public var detail: String?
        public init(_ name: String, _ value: Double, detail: String? = nil) {
            (self.name, self.value, self.detail) = (name, value, detail)
        }
    }

    public var kind: Kind
    public var severity: Severity
    /// Optimizer step at which the finding was made.
    public var step: Int
    public var title: String
    /// One sentence a user can act on.
    public var explanation: String
    public var evidence: [Evidence]
    /// Where the rule comes from (paper or practice).
    public var source: String
    public var actions: [SuggestedAction]

    /// Stable across repeated evaluations of the same condition, so the UI can update a card
    /// instead of stacking duplicates.
    public var id: String { kind.rawValue + (evidence.first?.detail.map { ":" + $0 } ?? "") }

    public init(kind: Kind, severity: Severity, step: Int, title: String, explanation: String, evidence: [Evidence],
                source: String, actions: [SuggestedAction] = []) {
        (self.kind, self.severity, self.step, self.title) = (kind, severity, step, title)
        (self.explanation, self.evidence, self.source, self.actions) = (explanation, evidence, source, actions)
    }
}

/// Something a diagnostic suggests, which the UI can apply with one key and undo.
public enum SuggestedAction: Sendable, Equatable, Codable {
    /// Freeze these module paths.
    case freeze([String])
    /// Thaw these module paths.
    case thaw([String])
    /// Multiply the learning rate of a parameter group (all groups when nil).
    case scaleLearningRate(group: String?, factor: Double)
    /// Re-estimate BatchNorm statistics on target data (AdaBN).
    case recalibrateBatchNorm
    /// Train the head alone first, then fine-tune (LP-FT).
    case linearProbeFirst
    /// Stop using the pretrained weights.
    case switchToScratch
    case stop

    /// What the action does, for the key hint.
    public var label: String {
        switch self {
        case .freeze(let paths): "freeze \(paths.joined(separator: ", "))"
        case .thaw(let paths): "thaw \(paths.joined(separator: ", "))"
        case let .scaleLearningRate(group, factor): "learning rate ×\(factor)" + (group.map { " for \($0)" } ?? "")
        case .recalibrateBatchNorm: "recalibrate BatchNorm on target data"
        case .linearProbeFirst: "train the head first (LP-FT)"
        case .switchToScratch: "switch to training from scratch"
        case .stop: "stop training"
        }
    }
}
