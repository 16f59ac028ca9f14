import Foundation
import Testing
import ThawTensor
import ThawTrainingAPI
@testable import ThawTraining

@Suite("Diagnostics: negative transfer gap")
struct DiagnosticsNegativeTransferTests {
    let detector = NegativeTransferGap(layout: TransferLayout(blocks: ["layer1", "layer2"], frozen: ["layer1"]))

    /// Per-example correctness of two models on `count` shared validation examples: each
    /// example has a difficulty, and a model with accuracy p gets it right when the difficulty
    /// is below p give or take its own noise — so the two runs' errors are correlated, as real
    /// models' are.
    func evaluation(step: Int, epochs: Double, pretrained: Double, scratch: Double, count: Int = 400,
                    seed: UInt64, losses: (Double, Double) = (1.0, 1.0)) -> NegativeTransferEvaluation {
        var generator = SeededGenerator(seed: seed)
        var (a, b) = ([Bool](), [Bool]())
        for _ in 0..<count {
            let difficulty = Double(generator.nextUniform())
            a.append(difficulty + 0.1 * Double(generator.nextNormal()) < pretrained)
            b.append(difficulty + 0.1 * Double(generator.nextNormal()) < scratch)
        }
        return NegativeTransferEvaluation(step: step, epochs: epochs, pretrainedCorrect: a, scratchCorrect: b,
                                          pretrainedLoss: losses.0, scratchLoss: losses.1)
    }

    @Test func helpfulPretrainingNeverWarnsAndHasNegativeGap() {
        let evaluations = (1...6).map { evaluation(step: $0 * 100, epochs: Double($0), pretrained: 0.85, scratch: 0.65, seed: UInt64($0)) }
        let measurements = detector.measurements(evaluations)
        for m in measurements {
            #expect(m.gap < 0 && m.upper < 0 && m.state == .helping)
            #expect(!m.confirmed)
        }
        let report = detector.evaluate(evaluations)
        #expect(report.count == 1 && report[0].severity == .info && report[0].title == "Pretrained backbone is helping")
        #expect(report[0].id == "negative-transfer")
    }

    @Test func harmfulPretrainingWarnsOnTheSecondEvaluationAfterAnEpoch() throws {
        let evaluations = (1...3).map { evaluation(step: $0 * 100, epochs: Double($0), pretrained: 0.55, scratch: 0.8, seed: UInt64($0)) }
        let measurements = detector.measurements(evaluations)
        #expect(measurements.map(\.state) == [.negative, .negative, .negative])
        #expect(measurements.map(\.confirmed) == [false, true, true])
        #expect(measurements.map(\.consecutiveNegative) == [1, 2, 3])
        #expect(measurements.allSatisfy { $0.gap > 0.1 && $0.lower > 0 })

        let first = try #require(detector.evaluate(Array(evaluations.prefix(1))).first)
        #expect(first.severity == .info && first.title == "Pretrained backbone may be hurting")
        let second = try #require(detector.evaluate(Array(evaluations.prefix(2))).first)
        #expect(second.severity == .warning && second.kind == .negativeTransfer)
        #expect(second.actions == [.switchToScratch, .thaw(["layer1"])])
        #expect(second.id == first.id, "the card is updated, not duplicated")
    }

    /// He et al. (ICCV 2019): an early deficit is not proof; before one epoch nothing is counted.
    @Test func deficitsBeforeTheFirstEpochDoNotCount() {
        let evaluations = [
            evaluation(step: 20, epochs: 0.25, pretrained: 0.5, scratch: 0.8, seed: 1),
            evaluation(step: 40, epochs: 0.5, pretrained: 0.5, scratch: 0.8, seed: 2),
            evaluation(step: 80, epochs: 1.0, pretrained: 0.5, scratch: 0.8, seed: 3),
        ]
        #expect(detector.measurements(evaluations).map(\.confirmed) == [false, false, false])
        #expect(detector.measurements(evaluations).map(\.consecutiveNegative) == [0, 0, 1])
    }

    @Test func aNonNegativeEvaluationResetsTheCount() {
        let evaluations = [
            evaluation(step: 100, epochs: 1, pretrained: 0.55, scratch: 0.8, seed: 1),
            evaluation(step: 200, epochs: 2, pretrained: 0.75, scratch: 0.75, seed: 2),
            evaluation(step: 300, epochs: 3, pretrained: 0.55, scratch: 0.8, seed: 3),
        ]
        let measurements = detector.measurements(evaluations)
        #expect(measurements[1].state == .inconclusive)
        #expect(measurements.map(\.confirmed) == [false, false, false])
    }

    @Test func budgetToMatchIsTheFirstStepScratchReachedThePretrainedLoss() {
        let history = [LossPoint(step: 100, loss: 2.0), LossPoint(step: 200, loss: 1.5), LossPoint(step: 300, loss: 1.1)]
        let ahead = evaluation(step: 400, epochs: 4, pretrained: 0.8, scratch: 0.7, seed: 1, losses: (1.2, 1.0))
        #expect(detector.measure(ahead, scratchHistory: history).budgetToMatch == 300)
        let unmatched = evaluation(step: 400, epochs: 4, pretrained: 0.8, scratch: 0.7, seed: 1, losses: (0.9, 1.0))
        #expect(detector.measure(unmatched, scratchHistory: history).budgetToMatch == nil)
        // The evaluation's own scratch loss counts too (through `measurements`).
        #expect(detector.measurements([ahead], scratchHistory: []).first?.budgetToMatch == 400)
    }

    @Test func theIntervalIsSeededAndHasTheRightWidth() {
        let e = evaluation(step: 100, epochs: 1, pretrained: 0.7, scratch: 0.7, count: 1000, seed: 9)
        let a = detector.measure(e), b = detector.measure(e)
        #expect(a == b)
        #expect(a.lower <= a.gap && a.gap <= a.upper)
        // Against the normal approximation ±1.96·sd/√n of the paired differences.
        let d = (0..<1000).map { i in (e.pretrainedCorrect[i] ? 0.0 : 1) - (e.scratchCorrect[i] ? 0.0 : 1) }
        let mean = d.reduce(0, +) / 1000
        let sd = (d.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 999).squareRoot()
        let expectedHalfWidth = 1.96 * sd / 1000.0.squareRoot()
        #expect(abs((a.upper - a.lower) / 2 - expectedHalfWidth) < 0.15 * expectedHalfWidth)
        #expect(abs(a.pretrainedError - a.scratchError - a.gap) < 1e-12)
    }
}
