import Foundation
import Testing
import ThawTrainingAPI
@testable import ThawTraining

@Suite("Diagnostics: plateau detector")
struct DiagnosticsPlateauTests {
    typealias Data = DiagnosticsSyntheticData
    let detector = PlateauDetector(layout: TransferLayout(blocks: ["layer1", "layer2", "layer3"], frozen: ["layer1", "layer2"]))

    /// Falls for 300 steps, then flat at 0.9 with 30 % step noise until step 1300, of 5000 planned.
    func flatRun(seed: UInt64) -> [Double] {
        Data.noisy((0..<1300).map { t in t < 300 ? 2.3 - 1.4 * Double(t) / 300 : 0.9 }, sigma: 0.3, seed: seed)
    }

    @Test func aFlatNoisyLossWellBeforeTheEndIsReported() throws {
        let losses = flatRun(seed: 1)
        let report = try #require(detector.evaluate(losses: losses, plannedSteps: 5000).first)
        #expect(report.kind == .plateau && report.severity == .info && report.step == 1299)
        #expect(report.actions == [.scaleLearningRate(group: nil, factor: 0.1), .thaw(["layer2"])])
        let plateau = try #require(detector.currentPlateau(losses: losses, plannedSteps: 5000))
        #expect(plateau.since >= 250 && plateau.since <= 1100, "plateau began at \(plateau.since)")
    }

    /// Noise can set a new low now and then, which restarts the patience; over 1000 flat steps
    /// that delays the report past the end of the run in about one seed in ten.
    @Test func mostFlatRunsAreReportedWithinAThousandSteps() {
        let reported = (UInt64(1)...40).filter { !detector.evaluate(losses: flatRun(seed: $0), plannedSteps: 5000).isEmpty }
        #expect(reported.count >= 32, "\(reported.count) of 40")
    }

    @Test(arguments: UInt64(0)..<10)
    func steadilyImprovingRunsAreNotPlateaus(_ seed: UInt64) {
        #expect(detector.evaluate(losses: Data.decaying(steps: 800, seed: seed), plannedSteps: 5000).isEmpty)
        let linear = Data.noisy((0..<2000).map { 2.3 - 0.001 * Double($0) }, sigma: 0.3, seed: seed)
        #expect(detector.evaluate(losses: linear, plannedSteps: 5000).isEmpty)
    }

    @Test func flatnessNearThePlannedEndIsConvergence() {
        let losses = Data.noisy([Double](repeating: 0.5, count: 900), sigma: 0.2, seed: 2)
        #expect(detector.evaluate(losses: losses, plannedSteps: 1000).isEmpty) // step 899 ≥ 80 % of 1000
        #expect(!detector.evaluate(losses: losses, plannedSteps: 5000).isEmpty)
        #expect(!detector.evaluate(losses: losses).isEmpty, "without a plan, patience alone decides")
    }

    @Test func aPlateauThatEndedIsNotReported() {
        let base = (0..<1200).map { t in t < 700 ? 1.0 : 1.0 * Foundation.exp(-Double(t - 700) / 150) }
        #expect(detector.evaluate(losses: Data.noisy(base, sigma: 0.2, seed: 3), plannedSteps: 10000).isEmpty)
    }
}
