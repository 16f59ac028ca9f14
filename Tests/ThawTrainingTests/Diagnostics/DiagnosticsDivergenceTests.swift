import Foundation
import Testing
import ThawTrainingAPI
@testable import ThawTraining

@Suite("Diagnostics: divergence detector")
struct DiagnosticsDivergenceTests {
    typealias Data = DiagnosticsSyntheticData
    let detector = DivergenceDetector()

    static let healthyCurves: [(name: String, make: @Sendable (Int, UInt64) -> [Double])] = [
        ("decaying with 40% noise and hard batches", Data.decaying),
        ("plateaus", Data.plateaus),
        ("first-epoch bump", Data.firstEpochBump),
        ("near zero with growing relative noise", Data.nearZero),
    ]

    /// No false positive on any healthy curve, over 25 noise seeds each and 3000 steps.
    @Test(arguments: 0..<4)
    func healthyNoisyRunsRaiseNothing(_ curve: Int) {
        let (name, make) = Self.healthyCurves[curve]
        for seed in UInt64(0)..<25 {
            let losses = make(3000, seed)
            let found = detector.firstDetection(losses: losses)
            #expect(found == nil, "\(name), seed \(seed): false alarm at step \(found?.step ?? -1)")
        }
    }

    /// A ×100 learning rate makes the loss grow geometrically; at 20 % per step or faster, from
    /// any point of a noisy healthy run, the warning comes within 20 steps of the onset.
    @Test(arguments: [1.2, 1.5, 2.0, 10.0])
    func geometricBlowUpIsCaughtWithinTwentySteps(_ rate: Double) {
        for seed in UInt64(0)..<20 {
            for onset in [0, 37, 180, 420, 1450] {
                let losses = Data.diverging(Data.decaying(steps: 1600, seed: seed), onset: onset, rate: rate)
                let found = detector.firstDetection(losses: losses)
                let lag = (found?.step ?? Int.max) - onset
                #expect(found != nil && lag >= 0 && lag <= 20, "rate \(rate), seed \(seed), onset \(onset): lag \(lag)")
            }
        }
    }

    @Test func aJumpToAHighLevelIsCaught() {
        var losses = Data.decaying(steps: 600, seed: 1)
        for t in 300..<600 { losses[t] = 8 + losses[t] } // collapsed to a high, noisy level
        let found = detector.firstDetection(losses: losses)
        #expect(found?.cause == .blowUp)
        #expect((found?.step ?? .max) - 300 <= 20)
    }

    @Test func nonFiniteLossIsCriticalAtOnce() throws {
        var losses = Data.decaying(steps: 200, seed: 2)
        losses[150] = .nan
        let reports = detector.evaluate(losses: losses, firstStep: 1000)
        let report = try #require(reports.first)
        #expect(report.severity == .critical && report.step == 1150 && report.kind == .divergence)
        #expect(report.actions.contains(.scaleLearningRate(group: nil, factor: 0.1)))
        losses[150] = .infinity
        #expect(detector.firstDetection(losses: losses)?.cause == .nonFinite)
    }

    @Test func reportSuggestsATenfoldLowerRate() throws {
        let losses = Data.diverging(Data.decaying(steps: 400, seed: 3), onset: 200, rate: 1.5)
        let report = try #require(detector.evaluate(losses: losses).first)
        #expect(report.severity == .warning && report.id == "divergence")
        #expect(report.actions.first == .scaleLearningRate(group: nil, factor: 0.1))
        #expect(report.evidence.first { $0.name == "ratio to best" }.map { $0.value > 3 } == true)
        #expect(!report.source.isEmpty && report.explanation.hasSuffix("lower it 10×."))
    }

    @Test func monitorMatchesTheBatchScan() {
        let losses = Data.diverging(Data.decaying(steps: 500, seed: 4), onset: 250, rate: 1.3)
        var monitor = DivergenceDetector.Monitor()
        var streamed: DivergenceDetector.Detection?
        for (t, loss) in losses.enumerated() where streamed == nil { streamed = monitor.observe(loss, step: t) }
        #expect(streamed == detector.firstDetection(losses: losses))
    }
}
