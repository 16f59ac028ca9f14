/// Transferability results as values: what `thaw rank` prints and the workbench's Backbones
/// screen shows. They live here, not in ThawTraining, so the UI can hold them without
/// touching a tensor; ThawTraining computes them (see its `TransferabilityRanking.init(scores:)`).

/// The transferability scores of one candidate backbone on the target sample. Higher is
/// better for every metric.
public struct TransferabilityScores: Sendable, Equatable, Codable {
    public var backbone: String
    public var logME: Double
    /// Only for a backbone that kept its source classifier.
    public var leep: Double?
    public var nce: Double?
    public var hScore: Double

    public init(backbone: String, logME: Double, leep: Double? = nil, nce: Double? = nil, hScore: Double) {
        (self.backbone, self.logME, self.leep, self.nce, self.hScore) = (backbone, logME, leep, nce, hScore)
    }
}

/// Candidate backbones ordered by how well their features suit the target task, with a flag
/// when the metrics do not agree. Built by ThawTraining from `TransferabilityScores`.
public struct TransferabilityRanking: Sendable, Equatable, Codable {
    public struct Row: Sendable, Equatable, Codable {
        public var backbone: String
        public var logME: Double
        public var leep: Double?
        public var nce: Double?
        public var hScore: Double
        /// 1 = most transferable.
        public var rank: Int
        /// Mean of this candidate's per-metric ranks (1 = best by that metric).
        public var meanRank: Double

        public init(backbone: String, logME: Double, leep: Double?, nce: Double?, hScore: Double, rank: Int, meanRank: Double) {
            (self.backbone, self.logME, self.leep, self.nce, self.hScore) = (backbone, logME, leep, nce, hScore)
            (self.rank, self.meanRank) = (rank, meanRank)
        }
    }

    /// Kendall τ_b between two metrics' orderings of the candidates both scored.
    public struct Agreement: Sendable, Equatable, Codable {
        public var metrics: [String]
        public var kendallTau: Double
        /// The best candidate by each of the two metrics.
        public var leaders: [String]

        public init(metrics: [String], kendallTau: Double, leaders: [String]) {
            (self.metrics, self.kendallTau, self.leaders) = (metrics, kendallTau, leaders)
        }
    }

    /// Best first.
    public var rows: [Row]
    public var agreements: [Agreement]
    public var isUncertain: Bool
    /// Why the ranking is uncertain (nil when it is not).
    public var reason: String?

    public init(rows: [Row], agreements: [Agreement], isUncertain: Bool, reason: String?) {
        (self.rows, self.agreements, self.isUncertain, self.reason) = (rows, agreements, isUncertain, reason)
    }

    /// The row of `backbone`, nil when it was not ranked.
    public func row(for backbone: String) -> Row? { rows.first { $0.backbone == backbone } }
}

/// What happened to one backbone of the zoo when the target data was scored.
public struct BackboneTransferability: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        case scored(TransferabilityScores)
        /// It cannot read the target data; why, in a few words ("input 1×28×28 ≠ data 3×32×32").
        case incompatible(String)
        /// Loading or scoring failed; the error in one line.
        case failed(String)
    }

    public var backbone: String
    public var outcome: Outcome
    /// Wall-clock seconds spent on it (features and metrics), when it was scored.
    public var seconds: Double?

    public init(backbone: String, outcome: Outcome, seconds: Double? = nil) {
        (self.backbone, self.outcome, self.seconds) = (backbone, outcome, seconds)
    }

    public var scores: TransferabilityScores? {
        if case .scored(let scores) = outcome { return scores }
        return nil
    }
}
