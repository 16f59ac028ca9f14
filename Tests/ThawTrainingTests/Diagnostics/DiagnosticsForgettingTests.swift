import Testing
import ThawTrainingAPI
@testable import ThawTraining

@Suite("Diagnostics: source-task forgetting")
struct DiagnosticsForgettingTests {
    let detector = ForgettingDetector(layout: TransferLayout(blocks: ["layer1", "layer2"], backboneGroup: "backbone"))

    func probes(_ accuracies: [Double]) -> [SourceProbeAccuracy] {
        accuracies.enumerated().map { SourceProbeAccuracy(step: $0.offset * 500, accuracy: $0.element) }
    }

    @Test func aDropBeyondTheThresholdAtTwoEvaluationsWarns() throws {
        let report = try #require(detector.evaluate(probes([0.76, 0.64, 0.61])).first)
        #expect(report.kind == .forgetting && report.severity == .warning && report.step == 1000)
        #expect(report.evidence.map(\.name) == ["source probe accuracy", "initial source probe accuracy", "drop (points)", "initial step"])
        #expect(abs(report.evidence[2].value - 15) < 1e-9 && report.evidence[1].value == 0.76 && report.evidence[3].value == 0)
        #expect(report.explanation.contains("76.0% to 61.0% (15.0 points"))
        #expect(report.source.contains("Kirkpatrick") && report.source.contains("Learning without Forgetting"))
        #expect(report.actions == [.scaleLearningRate(group: "backbone", factor: 0.1), .freeze(["layer1"])])
    }

    @Test func oneLowEvaluationIsNotYetForgetting() {
        #expect(detector.evaluate(probes([0.76, 0.60])).isEmpty)           // only one evaluation so far
        #expect(detector.evaluate(probes([0.76, 0.70, 0.60])).isEmpty)     // the earlier one was within 10 points
        #expect(detector.evaluate(probes([0.76, 0.60, 0.74])).isEmpty)     // and it recovered
        #expect(detector.evaluate(probes([0.76, 0.60, 0.62, 0.74])).isEmpty)
    }

    @Test func smallDropsAndGainsAreQuiet() {
        #expect(detector.evaluate(probes([0.76, 0.70, 0.67, 0.70])).isEmpty)
        #expect(detector.evaluate(probes([0.5, 0.7, 0.8])).isEmpty)
        #expect(detector.evaluate(probes([0.76])).isEmpty && detector.evaluate([]).isEmpty)
    }

    @Test func anEmptyProbeIsIgnored() {
        #expect(detector.evaluate(probes([.nan, .nan, .nan])).isEmpty)
        #expect(!detector.evaluate(probes([.nan, 0.9, 0.5, 0.4])).isEmpty) // the first finite value is the reference
    }

    @Test func thresholdsAndLayoutShapeTheFinding() throws {
        var thresholds = DiagnosticsThresholds()
        (thresholds.forgettingDrop, thresholds.forgettingConsecutiveEvaluations) = (0.02, 1)
        let strict = ForgettingDetector(thresholds: thresholds, layout: TransferLayout(blocks: ["layer1", "layer2"], frozen: ["layer1", "layer2"]))
        let report = try #require(strict.evaluate(probes([0.76, 0.73])).first)
        #expect(report.actions == [.scaleLearningRate(group: nil, factor: 0.1)]) // nothing left to freeze
        #expect(report.explanation.contains("more than 2.00 at the latest evaluation"))
    }
}
