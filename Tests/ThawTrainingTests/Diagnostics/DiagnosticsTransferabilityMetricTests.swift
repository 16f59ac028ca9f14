import Foundation
import Testing
@testable import ThawTraining

@Suite("Diagnostics: transferability metric properties")
struct DiagnosticsTransferabilityMetricTests {
    typealias Data = DiagnosticsSyntheticData

    @Test func logMEPrefersSeparableFeatures() throws {
        let (good, labels) = Data.clusters(count: 300, dimension: 12, classes: 3, separation: 2, seed: 1)
        let (noise, _) = Data.clusters(count: 300, dimension: 12, classes: 3, separation: 0, seed: 2)
        let goodScore = try logME(features: good, labels: labels).score
        let noiseScore = try logME(features: noise, labels: labels).score
        #expect(goodScore > noiseScore + 0.1, "\(goodScore) vs \(noiseScore)")
    }

    /// The posterior-mean weights are a usable linear head at once (the "instant linear probe").
    @Test func logMEWeightsClassifyTheTrainingSample() throws {
        let (features, labels) = Data.clusters(count: 240, dimension: 10, classes: 4, separation: 2, seed: 3)
        let result = try logME(features: features, labels: labels)
        let head = result.linearHeadWeight
        #expect(head.count == 4 * 10)
        var correct = 0
        for i in 0..<features.rows {
            let scores = (0..<4).map { c in (0..<10).reduce(0.0) { $0 + Double(head[c * 10 + $1]) * features[i, $1] } }
            if scores.indices.max(by: { scores[$0] < scores[$1] }) == labels[i] { correct += 1 }
        }
        #expect(Double(correct) / Double(features.rows) > 0.9)
    }

    @Test func logMEFeatureAndExampleSpacePathsAgree() throws {
        // 20 examples × 8 features take the FᵀF path; padding to 32 features with zero columns
        // takes the FFᵀ path (N < D). Zero columns add eigenvalues 0 to FᵀF, whose α terms in
        // D/2·log α and −½·log|A| cancel exactly, so the evidence must not change.
        let (features, labels) = Data.clusters(count: 20, dimension: 8, classes: 2, separation: 1.5, seed: 4)
        let base = try logME(features: features, labels: labels).score
        var padded = [Double]()
        for i in 0..<20 { padded += (0..<8).map { features[i, $0] } + [Double](repeating: 0, count: 24) }
        let wide = try logME(features: FeatureMatrix(rows: 20, columns: 32, values: padded), labels: labels)
        #expect(abs(wide.score - base) < 1e-8 * abs(base), "\(wide.score) vs \(base)")
    }

    /// Many more features than examples: the features interpolate every target, β runs off to
    /// infinity and the evidence converges to a finite limit (a regression test: subtracting
    /// the explained energy from ‖y‖² once drove β to 0 and the score to −∞ here).
    @Test func logMEStaysFiniteWhenFeaturesInterpolateTheTargets() throws {
        let (features, labels) = Data.clusters(count: 100, dimension: 600, classes: 5, separation: 0.3, seed: 9)
        let result = try logME(features: features, labels: labels)
        #expect(result.score.isFinite)
        for fit in result.fits { #expect(fit!.converged && fit!.beta > 0 && fit!.evidence.isFinite, "\(fit!)") }
    }

    @Test func aClassWithoutExamplesIsLeftOutOfTheScore() throws {
        let (features, labels) = Data.clusters(count: 60, dimension: 4, classes: 2, separation: 2, seed: 10)
        let two = try logME(features: features, labels: labels)
        let three = try logME(features: features, labels: labels, classCount: 3)
        #expect(three.fits[2] == nil && three.fits.count == 3)
        #expect(abs(three.score - two.score) < 1e-12)
        #expect((0..<4).allSatisfy { three.weights[$0 * 3 + 2] == 0 })
    }

    @Test func nceIsZeroWhenSourceLabelsDetermineTheTarget() throws {
        let labels = [0, 1, 2, 0, 1, 2, 0, 1]
        #expect(abs(try nce(sourceLabels: labels.map { $0 + 3 }, labels: labels)) < 1e-12)
        // Independent source labels: −H(Y|Z) = −H(Y).
        let y = [0, 0, 1, 1], z = [0, 1, 0, 1]
        #expect(abs(try nce(sourceLabels: z, labels: y) + Foundation.log(2)) < 1e-12)
    }

    @Test func leepIsZeroForAPerfectSourceAndNegativeOtherwise() throws {
        // One-hot source predictions that match the labels: P(y|z) is the identity, LEEP = log 1.
        let labels = [0, 1, 1, 0]
        let perfect = labels.flatMap { $0 == 0 ? [1.0, 0.0] : [0.0, 1.0] }
        #expect(abs(try leep(sourceProbabilities: perfect, sourceClassCount: 2, labels: labels)) < 1e-12)
        let uniform = [Double](repeating: 0.5, count: 8)
        #expect(abs(try leep(sourceProbabilities: uniform, sourceClassCount: 2, labels: labels) + Foundation.log(2)) < 1e-12)
    }

    @Test func hScoreShrinkageStaysFiniteWhenFeaturesOutnumberExamples() throws {
        let (features, labels) = Data.clusters(count: 30, dimension: 100, classes: 3, separation: 1, seed: 5)
        let result = try hScore(features: features, labels: labels)
        #expect(result.shrinkage > 0 && result.shrinkage <= 1)
        #expect(result.score.isFinite && result.score > 0)
        // Without shrinkage the few examples are perfectly separable: H = C − 1 whatever the features.
        #expect(abs(result.unregularised - 2) < 1e-6)
    }

    @Test func invalidInputsAreTypedErrors() throws {
        let features = try FeatureMatrix(rows: 2, columns: 2, values: [1.0, 2, 3, 4])
        #expect(throws: TransferabilityError.labelOutOfRange(label: 2, classCount: 2)) {
            try logME(features: features, labels: [0, 2], classCount: 2)
        }
        #expect(throws: TransferabilityError.self) { try FeatureMatrix(rows: 2, columns: 2, values: [1.0, .nan, 3, 4]) }
        #expect(throws: TransferabilityError.self) { try leep(sourceProbabilities: [1, 0], sourceClassCount: 2, labels: [0, 1]) }
        #expect(throws: TransferabilityError.self) { try linearCKA(features, try FeatureMatrix(rows: 3, columns: 1, values: [1.0, 2, 3])) }
    }

    @Test func linearCKAIsInvariantToRotationAndScaleButNotToNoise() throws {
        let (x, _) = Data.clusters(count: 50, dimension: 3, classes: 2, separation: 1, seed: 6)
        // A rotation about the third axis and a scale of 3.
        let (c, s) = (Foundation.cos(0.7), Foundation.sin(0.7))
        var rotated = [Double]()
        for i in 0..<50 { rotated += [3 * (c * x[i, 0] - s * x[i, 1]), 3 * (s * x[i, 0] + c * x[i, 1]), 3 * x[i, 2]] }
        #expect(abs(try linearCKA(x, FeatureMatrix(rows: 50, columns: 3, values: rotated)) - 1) < 1e-12)
        let (unrelated, _) = Data.clusters(count: 50, dimension: 3, classes: 2, separation: 0, seed: 7)
        #expect(try linearCKA(x, unrelated) < 0.5)
        // The Gram path (P + Q > N) agrees with the feature path.
        let (wide, _) = Data.clusters(count: 10, dimension: 20, classes: 2, separation: 1, seed: 8)
        var duplicated = [Double]()
        for i in 0..<10 { duplicated += (0..<20).map { 2 * wide[i, $0] } }
        #expect(abs(try linearCKA(wide, FeatureMatrix(rows: 10, columns: 20, values: duplicated)) - 1) < 1e-12)
    }
}
