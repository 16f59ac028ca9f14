import Testing
@testable import ThawMonitor

/// Bounded storage per tag: exact summaries whatever the length, spikes and gaps kept.
@Suite struct TagSeriesTests {
    @Test func summariesStayExactWhileStorageStaysBounded() {
        var series = TagSeries(capacity: 64)
        var state: UInt64 = 42
        var exactMin = Double.infinity, exactMinStep = 0.0, exactMax = -Double.infinity, exactMaxStep = 0.0
        for step in 0..<100_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let value = Double(state >> 11) / Double(1 << 53) + (step == 77_777 ? 50 : 0)
            if value < exactMin { (exactMin, exactMinStep) = (value, Double(step)) }
            if value > exactMax { (exactMax, exactMaxStep) = (value, Double(step)) }
            series.append(ScalarPoint(step: Double(step), value: value))
        }
        #expect(series.count == 100_000)
        #expect(series.minimum == ScalarPoint(step: exactMinStep, value: exactMin))
        #expect(series.maximum == ScalarPoint(step: 77_777, value: exactMax) && exactMaxStep == 77_777)
        #expect(series.last?.step == 99_999)
        #expect(series.points.count <= 2 * 64 + 1)
        #expect(series.points.contains { $0.step == 77_777 }, "the spike survives every merge")
        #expect(!series.isExact)
    }

    @Test func aNaNSurvivesMergingAsAGap() {
        var series = TagSeries(capacity: 8)
        for step in 0..<1000 { series.append(ScalarPoint(step: Double(step), value: step == 500 ? .nan : 1)) }
        #expect(series.nonFiniteCount == 1)
        #expect(series.points.contains { $0.value.isNaN })
        #expect(series.points.map(\.step) == series.points.map(\.step).sorted(), "representatives in step order")
    }

    @Test func tiesKeepTheFirstOccurrence() {
        var series = TagSeries()
        for (step, value) in [(1.0, 0.5), (2.0, 0.2), (3.0, 0.2), (4.0, 0.9), (5.0, 0.9)] {
            series.append(ScalarPoint(step: step, value: value))
        }
        #expect(series.minimum?.step == 2 && series.maximum?.step == 4)
        #expect(series.best(.lowerIsBetter)?.step == 2 && series.best(.higherIsBetter)?.step == 4)
    }

    @Test func purgingUnmergedPointsIsExact() {
        var series = TagSeries()
        for step in 0..<30 { series.append(ScalarPoint(step: Double(step), value: Double(30 - step))) }
        series.removePoints(fromStep: 20)
        #expect(series.count == 20 && series.last == ScalarPoint(step: 19, value: 11))
        #expect(series.minimum == ScalarPoint(step: 19, value: 11) && series.maximum == ScalarPoint(step: 0, value: 30))
        #expect(series.isExact)
        series.append(ScalarPoint(step: 20, value: 0.5))
        #expect(series.count == 21 && series.minimum?.value == 0.5)
    }

    @Test func purgingMergedPointsIsMarkedApproximate() {
        var series = TagSeries(capacity: 8)
        for step in 0..<100 { series.append(ScalarPoint(step: Double(step), value: Double(step % 7))) }
        series.removePoints(fromStep: 50)
        #expect(series.isApproximate)
        #expect((45...55).contains(series.count), "estimated: \(series.count)")
        #expect(series.points.allSatisfy { $0.step < 50 })
    }

    @Test func directionIsGuessedFromTheTagName() {
        #expect(MetricDirection(guessingFrom: "val/accuracy") == .higherIsBetter)
        #expect(MetricDirection(guessingFrom: "epoch_acc") == .higherIsBetter)
        #expect(MetricDirection(guessingFrom: "eval/f1") == .higherIsBetter)
        #expect(MetricDirection(guessingFrom: "accuracy/loss") == .lowerIsBetter, "the last component decides")
        #expect(MetricDirection(guessingFrom: "train/loss") == .lowerIsBetter)
        #expect(MetricDirection(guessingFrom: "perplexity") == .lowerIsBetter)
    }

    @Test func tagsBeyondTheLimitAreCountedNotStored() {
        var run = RunData(pointsPerTag: 8)
        for index in 0..<(RunData.maximumTags + 5) { run.append(tag: "t\(index)", step: 0, value: 1) }
        #expect(run.tags.count == RunData.maximumTags && run.ignoredTags.count == 5)
    }
}
