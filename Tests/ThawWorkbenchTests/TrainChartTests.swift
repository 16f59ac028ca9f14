import Foundation
import Testing
import ThawTUI
import ThawTrainingAPI
@testable import ThawWorkbench

@Suite struct TrainChartTests {
    @Test func keysChangeHowTheLossIsDrawn() {
        var state = Fixtures.training(steps: 60)
        #expect(state.trainCharts == TrainChartOptions())
        _ = Fixtures.key(&state, .char("y"))
        #expect(state.trainCharts.yScale == .log)
        #expect(state.status?.text.contains("log y") == true)
        _ = Fixtures.key(&state, .char("m"), .char("m"))
        #expect(state.trainCharts.smoothingIndex == nil && state.trainCharts.smoothing == 0, "0.9 → 0.97 → raw")
        _ = Fixtures.key(&state, .char("m"))
        #expect(state.trainCharts.smoothing == MetricHistory.smoothingChoices[0])
        _ = Fixtures.key(&state, .char("t"), .char("t"))
        #expect(state.trainCharts.xAxis == .wallTime)
        _ = Fixtures.key(&state, .char("t"))
        #expect(state.trainCharts.xAxis == .step)
        _ = Fixtures.key(&state, .char("1"), .char("y"))
        #expect(state.trainCharts.yScale == .log, "y means nothing on the Backbones screen")
    }

    @Test func everySmoothingIsTheDebiasedAverageOfTheRawLoss() {
        var history = MetricHistory()
        history.record(Fixtures.steps(1...30))
        for (index, beta) in MetricHistory.smoothingChoices.enumerated() {
            var sum = 0.0
            for (i, y) in history.loss.ys.enumerated() {
                sum = beta * sum + (1 - beta) * y
                let expected = sum / (1 - pow(beta, Double(i + 1)))
                #expect(abs(history.smoothedLosses[index].ys[i] - expected) < 1e-12)
            }
        }
        #expect(history.smoothedLoss == history.smoothedLosses[MetricHistory.defaultSmoothingIndex])
    }

    @Test func elapsedIsInterpolatedBetweenRecordedSteps() {
        var history = MetricHistory()
        #expect(history.elapsed(atStep: 3) == nil)
        history.record(Fixtures.steps(2...10))
        #expect(abs(history.elapsed(atStep: 5)! - 5 * 0.075) < 1e-12)
        #expect(abs(history.elapsed(atStep: 5.5)! - 5.5 * 0.075) < 1e-12)
        #expect(abs(history.elapsed(atStep: 1)! - 0.075) < 1e-12, "before the first step: proportional")
        #expect(history.elapsed(atStep: 50) == history.clock.ys.last, "after the last: the last time")
    }

    @Test func theLossChartFollowsTheOptions() {
        var state = Fixtures.training(steps: 110)
        let linear = screen(state, width: 120, height: 40).render()
        _ = Fixtures.key(&state, .char("y"), .char("t"), .char("t"))
        let changed = screen(state, width: 120, height: 40).render()
        #expect(linear != changed)
        #expect(changed.contains("time"), "the x axis is titled by its unit")
        _ = Fixtures.key(&state, .char("m"), .char("m"))
        state.status = nil
        let raw = screen(state, width: 120, height: 40).render()
        #expect(!raw.contains("raw"), "without smoothing the raw curve is the train curve")
    }
}
