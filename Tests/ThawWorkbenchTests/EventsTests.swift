import Foundation
import Testing
import ThawTUI
import ThawTrainingAPI
@testable import ThawWorkbench

@Suite struct EventsTests {
    @Test func stepsFillTheHistoriesWithADebiasedAverage() {
        var history = MetricHistory()
        history.record([StepMetrics(step: 1, epoch: 0, loss: 2), StepMetrics(step: 2, epoch: 0, loss: 4)])
        // Debiased EMA: the first value is the value itself, not 0.1 of it.
        #expect(history.smoothedLoss.ys[0] == 2)
        #expect(abs(history.smoothedLoss.ys[1] - (0.9 * 0.1 * 2 + 0.1 * 4) / (1 - 0.81)) < 1e-12)
        #expect(history.smoothedScratchLoss.isEmpty, "no shadow run, no scratch curve")
        history.record([StepMetrics(step: 3, epoch: 0, loss: .nan)])
        #expect(history.loss.count == 3 && history.smoothedLoss.count == 2, "NaN is kept raw (a gap) and skipped by the average")
    }

    @Test func memoryStaysBoundedOnALongRun() {
        var state = Fixtures.training(steps: 5)
        var step = 6
        for _ in 0..<1000 {
            let batch = (step..<(step + 100)).map { StepMetrics(step: $0, epoch: 0, loss: 1 / Double($0), learningRates: ["rest": 0.1]) }
            _ = update(&state, .training(.steps(batch)))
            step += 100
        }
        let history = state.training.history
        #expect(history.stepsSeen == 100_005)
        #expect(history.loss.count <= 20_000 && history.smoothedLoss.count <= 20_000)
        #expect(history.loss.count > 5_000, "compaction keeps a useful resolution")
        #expect(history.loss.xs.last == Double(step - 1), "the newest step is always kept")
        #expect(history.learningRates["rest"]!.values.count <= 1024)
        #expect(history.loss.xs == history.loss.xs.sorted())
    }

    @Test func compactionKeepsSpikesAndGaps() {
        var series = BoundedSeries(capacity: 100)
        for i in 0..<1000 {
            series.append(x: Double(i), y: i == 500 ? 1e6 : (i == 700 ? .nan : 1))
        }
        #expect(series.count < 100)
        #expect(series.ys.contains(1e6))
        #expect(series.ys.contains { $0.isNaN })
    }

    @Test func logsAreCappedAndEpochsKept() {
        var state = Fixtures.training(steps: 100)
        for i in 0..<200 { _ = update(&state, .training(.log("line \(i)"))) }
        #expect(state.training.logs.count == TrainingUI.maximumLogLines)
        #expect(state.training.logs.last == "line 199")
        #expect(state.training.history.epochs.count == 4)
        #expect(state.training.history.observedStepsPerEpoch == 25)
        #expect(state.stepsPerEpoch == 25, "a running run's own epoch length wins over the estimate")
    }

    @Test func evaluationsAndNewFindingsAreLogged() {
        var state = Fixtures.training(steps: 50)
        #expect(state.training.logs.contains("epoch 2 (step 50) · train loss 0.6000 acc 68.0% · val loss 0.6000 acc 69.0% · scratch val acc 46.0%"))
        _ = update(&state, .training(.diagnostic(Fixtures.divergence)))
        _ = update(&state, .training(.diagnostic(Fixtures.divergence)))
        #expect(state.training.logs.filter { $0 == "step 90 critical: Loss is diverging" }.count == 1, "a finding is logged when it is new")
    }

    @Test func pausedWithAReasonIsAnError() {
        var state = Fixtures.training(steps: 10)
        _ = update(&state, .training(.state(.paused(reason: "step 10: the loss is NaN"))))
        #expect(state.status == StatusMessage("paused: step 10: the loss is NaN", level: .error))
        #expect(state.training.isPaused && state.training.isActive)
    }
}
