import Foundation
import Testing
import ThawTensor
import ThawTrainingAPI
@testable import ThawTraining

@Suite("Diagnostics: transferability ranking")
struct DiagnosticsTransferabilityRankingTests {
    @Test func agreeingMetricsGiveACertainRanking() throws {
        let ranking = try TransferabilityRanking(scores: [
            TransferabilityScores(backbone: "b", logME: 0.1, leep: -1.5, nce: -1.2, hScore: 1.0),
            TransferabilityScores(backbone: "a", logME: 0.5, leep: -1.0, nce: -0.9, hScore: 2.0),
            TransferabilityScores(backbone: "c", logME: -0.3, leep: -2.0, nce: -1.8, hScore: 0.2),
        ])
        #expect(ranking.rows.map(\.backbone) == ["a", "b", "c"])
        #expect(ranking.rows.map(\.rank) == [1, 2, 3])
        #expect(ranking.rows.map(\.meanRank) == [1, 2, 3])
        #expect(!ranking.isUncertain && ranking.reason == nil)
        #expect(ranking.agreements.count == 6 && ranking.agreements.allSatisfy { $0.kendallTau == 1 })
        let report = ranking.report()
        #expect(report.kind == .transferability && report.severity == .info)
        #expect(report.id == "transferability")
        #expect(report.actions == [.linearProbeFirst])
    }

    @Test func aDifferentWinnerMakesItUncertain() throws {
        let ranking = try TransferabilityRanking(scores: [
            TransferabilityScores(backbone: "a", logME: 0.5, hScore: 1.0),
            TransferabilityScores(backbone: "b", logME: 0.1, hScore: 2.0),
            TransferabilityScores(backbone: "c", logME: -0.3, hScore: 0.2),
        ])
        #expect(ranking.isUncertain)
        #expect(ranking.reason == "LogME favours a but H-score favours b")
        // Mean ranks tie at 1.5; LogME breaks the tie.
        #expect(ranking.rows.map(\.backbone) == ["a", "b", "c"])
        #expect(ranking.report().severity == .warning)
    }

    @Test func lowKendallTauMakesItUncertainEvenWithTheSameWinner() throws {
        // Same winner and runner-up, but the last three in reverse order: τ = (7 − 3)/10 = 0.4.
        let logME: [Double] = [5, 4, 3, 2, 1], h: [Double] = [5, 4, 1, 2, 3]
        let scores = (0..<5).map { TransferabilityScores(backbone: "m\($0)", logME: logME[$0], hScore: h[$0]) }
        let ranking = try TransferabilityRanking(scores: scores)
        #expect(abs(ranking.agreements[0].kendallTau - 0.4) < 1e-12)
        #expect(ranking.isUncertain)
        #expect(ranking.reason?.contains("Kendall τ = 0.400") == true)
        let relaxed = try TransferabilityRanking(scores: scores, minimumAgreement: 0.3)
        #expect(!relaxed.isUncertain)
    }

    @Test func metricsMissingForSomeCandidatesRankTheRest() throws {
        let ranking = try TransferabilityRanking(scores: [
            TransferabilityScores(backbone: "with-head", logME: 0.2, leep: -1.0, nce: -0.8, hScore: 1.0),
            TransferabilityScores(backbone: "headless", logME: 0.4, hScore: 1.5),
        ])
        #expect(ranking.rows.map(\.backbone) == ["headless", "with-head"])
        #expect(ranking.rows[0].leep == nil && ranking.rows[1].leep == -1.0)
        // LEEP and NCE score one candidate only, so only LogME vs H-score is compared.
        #expect(ranking.agreements.map(\.metrics) == [["LogME", "H-score"]])
    }

    @Test func kendallTauHandlesTies() {
        #expect(kendallTauB([1, 2, 3], [1, 2, 3]) == 1)
        #expect(kendallTauB([1, 2, 3], [3, 2, 1]) == -1)
        #expect(kendallTauB([1, 1, 1], [1, 2, 3]) == nil)
        #expect(kendallTauB([1], [1]) == nil)
        // τ_b with one tie in a: (2 − 0)/√(2·3).
        #expect(abs(kendallTauB([1, 1, 2], [1, 2, 3])! - 2 / 6.0.squareRoot()) < 1e-12)
        #expect(descendingRanks([3, 5, 5, 1]) == [3, 1.5, 1.5, 4])
    }

    @Test func emptyRankingIsAnError() {
        #expect(throws: TransferabilityError.noCandidates) { try TransferabilityRanking(scores: []) }
    }

    /// Three backbones on the same labelled sample: one whose features separate the classes,
    /// one that separates them weakly, and one unrelated to them (as a backbone pretrained on
    /// pixel-permuted images would be). Every metric must order them so.
    @Test func assessmentOrdersRelatedWeakAndUnrelatedBackbones() throws {
        typealias Data = DiagnosticsSyntheticData
        let (related, labels) = Data.clusters(count: 200, dimension: 16, classes: 4, separation: 1.5, seed: 11)
        let (weak, _) = Data.clusters(count: 200, dimension: 16, classes: 4, separation: 0.4, seed: 12)
        let (unrelated, _) = Data.clusters(count: 200, dimension: 16, classes: 4, separation: 0, seed: 13)
        // Source heads: related maps each class to its own source class with confidence 0.8,
        // weak with 0.4, unrelated predicts at random.
        func source(confidence: Double, seed: UInt64) -> [Double] {
            var generator = SeededGenerator(seed: seed)
            return labels.flatMap { label -> [Double] in
                let z = Double(generator.nextUniform()) < confidence ? label : Int(generator.next() % 6)
                return (0..<6).map { $0 == z ? 0.7 : 0.06 }
            }
        }
        let candidates = [
            TransferabilityCandidate(backbone: "unrelated", features: unrelated, sourceProbabilities: source(confidence: 0, seed: 3), sourceClassCount: 6),
            TransferabilityCandidate(backbone: "related", features: related, sourceProbabilities: source(confidence: 0.8, seed: 1), sourceClassCount: 6),
            TransferabilityCandidate(backbone: "weak", features: weak, sourceProbabilities: source(confidence: 0.4, seed: 2), sourceClassCount: 6),
        ]
        let assessment = try TransferabilityAssessment(candidates: candidates, labels: labels)
        #expect(assessment.ranking.rows.map(\.backbone) == ["related", "weak", "unrelated"])
        #expect(!assessment.ranking.isUncertain, "\(assessment.ranking.reason ?? "")")
        #expect(assessment.logME["related"]?.weights.count == 16 * 4)
        for row in assessment.ranking.rows { #expect(row.leep != nil && row.nce != nil) }
    }
}
