import Testing
import ThawTrainingAPI
@testable import ThawTraining

@Suite("Diagnostics: loss spike after an unfreeze")
struct DiagnosticsUnfreezeSpikeTests {
    typealias Data = DiagnosticsSyntheticData
    let detector = UnfreezeSpikeDetector()

    func points(_ losses: [Double]) -> [LossPoint] { losses.enumerated().map { LossPoint(step: $0, loss: $1) } }

    @Test func aJumpAfterThawingWarnsWithALowerRateForThatGroup() throws {
        var base = [Double](repeating: 0.6, count: 300)
        for t in 201..<215 { base[t] = 1.8 - 0.08 * Double(t - 201) } // jumps ×3, recovers over 14 steps
        let losses = Data.noisy(base, sigma: 0.15, seed: 1)
        let reports = detector.evaluate(losses: points(losses), events: [UnfreezeEvent(step: 200, paths: ["layer4"])])
        let report = try #require(reports.first)
        #expect(report.kind == .unfreezeSpike && report.step == 200)
        #expect(report.actions == [.scaleLearningRate(group: "layer4", factor: 0.1), .freeze(["layer4"])])
        #expect(report.id == "unfreeze-spike:layer4")
    }

    @Test(arguments: UInt64(0)..<10)
    func ordinaryNoiseAfterThawingIsNotASpike(_ seed: UInt64) {
        let losses = Data.decaying(steps: 600, seed: seed)
        let events = [UnfreezeEvent(step: 150, paths: ["layer3"]), UnfreezeEvent(step: 400, paths: ["layer2"])]
        #expect(detector.evaluate(losses: points(losses), events: events).isEmpty)
    }

    @Test func anEventWithoutEnoughStepsAfterItWaits() {
        let losses = Data.noisy([Double](repeating: 0.6, count: 203) + [3, 3, 3], sigma: 0.1, seed: 2)
        #expect(detector.evaluate(losses: points(losses), events: [UnfreezeEvent(step: 202, paths: ["layer4"])]).isEmpty)
    }
}
