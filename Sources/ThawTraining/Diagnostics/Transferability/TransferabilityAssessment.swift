import ThawTrainingAPI

/// One candidate backbone's outputs on the target sample.
public struct TransferabilityCandidate: Sendable, Equatable {
    public var backbone: String
    /// Penultimate features, N×D.
    public var features: FeatureMatrix
    /// The source classifier's softmax on the same examples, N×Z row-major, when the backbone
    /// kept its source head (needed for LEEP and NCE).
    public var sourceProbabilities: [Double]?
    public var sourceClassCount: Int?

    public init(backbone: String, features: FeatureMatrix, sourceProbabilities: [Double]? = nil, sourceClassCount: Int? = nil) {
        (self.backbone, self.features) = (backbone, features)
        (self.sourceProbabilities, self.sourceClassCount) = (sourceProbabilities, sourceClassCount)
    }
}

/// All metrics for all candidates, and their ranking.
public struct TransferabilityAssessment: Sendable, Equatable {
    public var ranking: TransferabilityRanking
    /// LogME's fit per backbone, whose weights can initialise the new head.
    public var logME: [String: LogMEResult]
    public var hScore: [String: HScoreResult]

    /// Scores every candidate on the same labelled sample (labels in `0..<classCount`).
    public init(candidates: [TransferabilityCandidate], labels: [Int], classCount: Int? = nil,
                thresholds: DiagnosticsThresholds = DiagnosticsThresholds()) throws {
        guard !candidates.isEmpty else { throw TransferabilityError.noCandidates }
        guard Set(candidates.map(\.backbone)).count == candidates.count else {
            throw TransferabilityError.shapeMismatch("candidate backbone names must be distinct")
        }
        let count = try validatedClassCount(labels, examples: labels.count, classCount: classCount)
        var scores: [TransferabilityScores] = []
        var logMEFits: [String: LogMEResult] = [:], hScores: [String: HScoreResult] = [:]
        for candidate in candidates {
            let assessed = try CandidateAssessment(candidate, labels: labels, classCount: count)
            scores.append(assessed.scores)
            logMEFits[candidate.backbone] = assessed.logME
            hScores[candidate.backbone] = assessed.hScore
        }
        ranking = try TransferabilityRanking(scores: scores, minimumAgreement: thresholds.rankingMinimumAgreement)
        (logME, hScore) = (logMEFits, hScores)
    }
}

/// Every metric of one candidate: the per-backbone step of an assessment, on its own so a
/// caller can report each backbone as soon as it is scored (the workbench does).
public struct CandidateAssessment: Sendable, Equatable {
    public var scores: TransferabilityScores
    /// LogME's fit, whose posterior-mean weights can initialise the new head.
    public var logME: LogMEResult
    public var hScore: HScoreResult

    /// Scores `candidate` on `labels` (in `0..<classCount`); LEEP and NCE only when it kept its source head.
    public init(_ candidate: TransferabilityCandidate, labels: [Int], classCount: Int) throws {
        guard candidate.features.rows == labels.count else {
            throw TransferabilityError.shapeMismatch("\(candidate.backbone): \(candidate.features.rows) feature rows for \(labels.count) labels")
        }
        logME = try ThawTraining.logME(features: candidate.features, labels: labels, classCount: classCount)
        hScore = try ThawTraining.hScore(features: candidate.features, labels: labels, classCount: classCount)
        var leepScore: Double?, nceScore: Double?
        if let probabilities = candidate.sourceProbabilities, let z = candidate.sourceClassCount {
            leepScore = try leep(sourceProbabilities: probabilities, sourceClassCount: z, labels: labels, classCount: classCount)
            nceScore = try nce(sourceProbabilities: probabilities, sourceClassCount: z, labels: labels, classCount: classCount)
        }
        scores = TransferabilityScores(backbone: candidate.backbone, logME: logME.score, leep: leepScore, nce: nceScore, hScore: hScore.score)
    }
}
