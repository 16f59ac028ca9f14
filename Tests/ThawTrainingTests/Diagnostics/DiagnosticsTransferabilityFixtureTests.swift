import Foundation
import Testing
import ThawTestSupport
@testable import ThawTraining

/// Compares the Swift metrics with the independent numpy implementations in
/// `Tests/Fixtures/diagnostics/record_transferability_fixtures.py` (naive formulas straight from
/// the papers), to 1e-4 relative.
@Suite("Diagnostics: transferability metrics against the numpy reference")
struct DiagnosticsTransferabilityFixtureTests {
    struct Fixture: Decodable {
        let cases: [Case]
    }

    struct Case: Decodable {
        let name: String
        let n, d, c, z: Int
        let features: [Double]
        let labels: [Int]
        let source_probabilities: [Double]
        let probe_other: [Double]
        let probe_other_d: Int
        let expected: Expected
    }

    struct Expected: Decodable {
        let logme: Double
        let logme_evidence, logme_alpha, logme_beta, logme_weights: [Double]
        let leep, nce, hscore, hscore_unregularised, hscore_shrinkage, cka_with_probe_other: Double
    }

    static let cases: [Case] = {
        let url = ThawBinary.fixtures.appendingPathComponent("diagnostics/transferability.json")
        guard let data = try? Data(contentsOf: url), let fixture = try? JSONDecoder().decode(Fixture.self, from: data) else { return [] }
        return fixture.cases
    }()

    static let names = ["clusters", "wide", "weak", "interpolating"]

    func fixture(_ name: String) throws -> Case {
        try #require(Self.cases.first { $0.name == name }, "fixture \(name) missing: run record_transferability_fixtures.py")
    }

    func close(_ actual: Double, _ expected: Double, scale: Double? = nil, tolerance: Double = 1e-4) -> Bool {
        abs(actual - expected) <= tolerance * Swift.max(abs(scale ?? expected), 1e-12)
    }

    @Test func allCasesArePresent() {
        #expect(Self.cases.map(\.name) == Self.names)
    }

    @Test(arguments: names)
    func logMEMatchesTheNaiveAlgorithm(_ name: String) throws {
        let f = try fixture(name)
        let result = try logME(features: FeatureMatrix(rows: f.n, columns: f.d, values: f.features), labels: f.labels, classCount: f.c)
        #expect(close(result.score, f.expected.logme), "\(result.score) vs \(f.expected.logme)")
        for c in 0..<f.c {
            let fit = try #require(result.fits[c])
            #expect(fit.converged)
            #expect(close(fit.evidence, f.expected.logme_evidence[c]))
            // A class the features say nothing about drives α/β to infinity (weights → 0), and
            // features that interpolate the target drive it to 0 (β → ∞); the two
            // implementations then stop at different extreme values with the same limiting
            // evidence, so only the evidence and weights are compared there.
            let ratio = f.expected.logme_alpha[c] / f.expected.logme_beta[c]
            if f.expected.logme_alpha[c] > 1e20 {
                #expect(fit.alpha / fit.beta > 1e8)
            } else if ratio < 1e-4 {
                #expect(fit.alpha / fit.beta < 1e-4)
            } else {
                #expect(close(fit.alpha, f.expected.logme_alpha[c]), "alpha \(fit.alpha) vs \(f.expected.logme_alpha[c])")
                #expect(close(fit.beta, f.expected.logme_beta[c]), "beta \(fit.beta) vs \(f.expected.logme_beta[c])")
            }
        }
        // Weights: relative to the largest weight, as single entries may be near zero.
        let scale = f.expected.logme_weights.map(abs).max()!
        for (actual, expected) in zip(result.weights, f.expected.logme_weights) {
            #expect(close(actual, expected, scale: scale), "weight \(actual) vs \(expected)")
        }
        #expect(result.weights.count == f.d * f.c)
    }

    @Test(arguments: names)
    func leepAndNCEMatch(_ name: String) throws {
        let f = try fixture(name)
        let leepScore = try leep(sourceProbabilities: f.source_probabilities, sourceClassCount: f.z, labels: f.labels, classCount: f.c)
        let nceScore = try nce(sourceProbabilities: f.source_probabilities, sourceClassCount: f.z, labels: f.labels, classCount: f.c)
        #expect(close(leepScore, f.expected.leep), "LEEP \(leepScore) vs \(f.expected.leep)")
        #expect(close(nceScore, f.expected.nce), "NCE \(nceScore) vs \(f.expected.nce)")
    }

    @Test(arguments: names)
    func hScoreMatches(_ name: String) throws {
        let f = try fixture(name)
        let result = try hScore(features: FeatureMatrix(rows: f.n, columns: f.d, values: f.features), labels: f.labels, classCount: f.c)
        #expect(close(result.shrinkage, f.expected.hscore_shrinkage), "shrinkage \(result.shrinkage) vs \(f.expected.hscore_shrinkage)")
        #expect(close(result.score, f.expected.hscore), "H_α \(result.score) vs \(f.expected.hscore)")
        #expect(close(result.unregularised, f.expected.hscore_unregularised),
                "plain \(result.unregularised) vs \(f.expected.hscore_unregularised)")
    }

    @Test(arguments: names)
    func linearCKAMatchesTheHSICForm(_ name: String) throws {
        let f = try fixture(name)
        let x = try FeatureMatrix(rows: f.n, columns: f.d, values: f.features)
        let y = try FeatureMatrix(rows: f.n, columns: f.probe_other_d, values: f.probe_other)
        let cka = try linearCKA(x, y)
        #expect(close(cka, f.expected.cka_with_probe_other), "CKA \(cka) vs \(f.expected.cka_with_probe_other)")
        #expect(close(try linearCKA(y, x), cka, tolerance: 1e-12), "symmetric")
    }
}
