import Testing
import ThawTrainingAPI
@testable import ThawTraining

@Suite("Diagnostics: BatchNorm statistics shift")
struct DiagnosticsBatchNormShiftTests {
    let detector = BatchNormShiftDetector(epsilon: 0)

    @Test func symmetricKLOfKnownGaussians() throws {
        // Equal variances, means one standard deviation apart: ½(½ + ½) = 0.5.
        let shifted = BatchNormStatistics(path: "bn1", sourceMean: [0], sourceVariance: [4], targetMean: [2], targetVariance: [4])
        #expect(abs(try #require(shifted.meanSymmetricKL(epsilon: 0)) - 0.5) < 1e-12)
        // Same mean, variance ×2: ¼(1/2 + 2 − 2) = 0.125.
        let scaled = BatchNormStatistics(path: "bn1", sourceMean: [1], sourceVariance: [1], targetMean: [1], targetVariance: [2])
        #expect(abs(try #require(scaled.meanSymmetricKL(epsilon: 0)) - 0.125) < 1e-12)
        let identical = BatchNormStatistics(path: "bn1", sourceMean: [1, 2], sourceVariance: [1, 3], targetMean: [1, 2], targetVariance: [1, 3])
        #expect(identical.meanSymmetricKL(epsilon: 0) == 0)
        #expect(BatchNormStatistics(path: "x", sourceMean: [1], sourceVariance: [], targetMean: [1], targetVariance: [1]).meanSymmetricKL() == nil)
    }

    @Test func aLargeShiftSuggestsAdaBN() throws {
        let layers = [
            BatchNormStatistics(path: "bn1", sourceMean: [0, 0], sourceVariance: [1, 1], targetMean: [2, -2], targetVariance: [1, 1]),
            BatchNormStatistics(path: "bn2", sourceMean: [0, 0], sourceVariance: [1, 1], targetMean: [0.5, 0], targetVariance: [1, 1.2]),
        ]
        let report = try #require(detector.evaluate(step: 0, layers: layers).first)
        #expect(report.kind == .batchNormShift && report.actions == [.recalibrateBatchNorm])
        #expect(report.evidence[1].detail == "bn1" && report.id == "batchnorm-shift")
    }

    @Test func matchingStatisticsAreFine() {
        let layers = [BatchNormStatistics(path: "bn1", sourceMean: [0, 1], sourceVariance: [1, 2], targetMean: [0.1, 1.1], targetVariance: [1.1, 1.9])]
        #expect(detector.evaluate(step: 0, layers: layers).isEmpty)
    }
}
