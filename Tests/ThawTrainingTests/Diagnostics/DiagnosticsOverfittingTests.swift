import Testing
import ThawTrainingAPI
@testable import ThawTraining

@Suite("Diagnostics: overfitting detector")
struct DiagnosticsOverfittingTests {
    let detector = OverfittingDetector(layout: TransferLayout(blocks: ["layer1", "layer2"], frozen: []))

    func history(_ pairs: [(Double, Double)]) -> [EvaluationLosses] {
        pairs.enumerated().map { EvaluationLosses(step: ($0 + 1) * 100, trainLoss: $1.0, validationLoss: $1.1) }
    }

    @Test func risingValidationWithFallingTrainingWarns() throws {
        let evaluations = history([(1.0, 1.1), (0.7, 0.9), (0.5, 0.85), (0.35, 0.9), (0.25, 0.97)])
        let report = try #require(detector.evaluate(evaluations).first)
        #expect(report.kind == .overfitting && report.severity == .warning && report.step == 500)
        #expect(report.actions == [.stop, .freeze(["layer1"]), .scaleLearningRate(group: nil, factor: 0.1)])
        #expect(report.evidence.first { $0.name == "best step" }?.value == 300)
    }

    @Test func oneRiseIsNotEnough() {
        #expect(detector.evaluate(history([(1.0, 1.1), (0.7, 0.9), (0.5, 0.85), (0.35, 0.95)])).isEmpty)
    }

    @Test func bothLossesRisingIsNotOverfitting() {
        #expect(detector.evaluate(history([(0.5, 0.85), (0.6, 0.9), (0.8, 1.0)])).isEmpty)
    }

    @Test func noiseAtAFlatMinimumIsIgnored() {
        // Two tiny rises, 0.2 % above the best: below `overfittingMinimumRise`.
        #expect(detector.evaluate(history([(0.5, 0.800), (0.45, 0.801), (0.4, 0.8016)])).isEmpty)
    }

    @Test func improvingRunsAreFine() {
        #expect(detector.evaluate(history([(1.0, 1.1), (0.7, 0.9), (0.5, 0.85), (0.4, 0.8)])).isEmpty)
    }
}
