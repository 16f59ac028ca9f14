import Testing
import ThawTrainingAPI
@testable import ThawTraining

@Suite("Diagnostics: source-task forgetting")
struct DiagnosticsForgettingTests {
    let detector = ForgettingDetector(layout: TransferLayout(blocks: ["layer1", "layer2"], backboneGroup: "backbone"))

    @Test func aDropOfMoreThanTenPointsWarns() throws {
        let probes = [SourceProbeAccuracy(step: 0, accuracy: 0.76), SourceProbeAccuracy(step: 500, accuracy: 0.70),
                      SourceProbeAccuracy(step: 1000, accuracy: 0.61)]
        let report = try #require(detector.evaluate(probes).first)
        #expect(report.kind == .forgetting && report.step == 1000)
        #expect(abs(report.evidence[2].value - 15) < 1e-9)
        #expect(report.actions == [.scaleLearningRate(group: "backbone", factor: 0.1), .freeze(["layer1"])])
    }

    @Test func smallDropsAndGainsAreFine() {
        #expect(detector.evaluate([SourceProbeAccuracy(step: 0, accuracy: 0.76), SourceProbeAccuracy(step: 500, accuracy: 0.70)]).isEmpty)
        #expect(detector.evaluate([SourceProbeAccuracy(step: 0, accuracy: 0.5), SourceProbeAccuracy(step: 500, accuracy: 0.7)]).isEmpty)
        #expect(detector.evaluate([SourceProbeAccuracy(step: 0, accuracy: 0.76)]).isEmpty)
    }
}
