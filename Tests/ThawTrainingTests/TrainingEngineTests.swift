import Foundation
import Testing
import ThawTensor
import ThawTrainingAPI
@testable import ThawTraining

@Suite("Training engine")
struct TrainingEngineTests {
    func states(_ events: [TrainingEvent]) -> [TrainingState] {
        events.compactMap { if case .state(let s) = $0 { s } else { nil } }
    }

    func steps(_ events: [TrainingEvent]) -> [StepMetrics] {
        var all: [StepMetrics] = []
        for case .steps(let s) in events { all += s }
        return all
    }

    @Test func runsToTheEndOnItsThread() {
        let engine = TrainingEngine()
        engine.launch(startImmediately: true) { .init(trainer: makeTrainer(epochs: 2)) }
        #expect(engine.wait(timeout: 30))
        let events = engine.events.drain()
        #expect(states(events) == [.idle, .running, .finished])
        #expect(steps(events).map(\.step) == Array(1...16))
        #expect(events.filter { if case .epoch = $0 { true } else { false } }.count == 2)
    }

    @Test func stopEndsWithinOneStep() {
        let engine = TrainingEngine()
        engine.launch { .init(trainer: makeTrainer(epochs: 1000)) }
        engine.send(.start)
        while steps(engine.events.drain()).isEmpty { usleep(1000) }
        engine.send(.stop)
        #expect(engine.wait(timeout: 10))
        #expect(states(engine.events.drain()).last == .stopped)
    }

    @Test func pauseAndResume() {
        let engine = TrainingEngine()
        engine.launch(startImmediately: true) { .init(trainer: makeTrainer(epochs: 1000)) }
        engine.send(.pause)
        var seen: [TrainingState] = []
        while !seen.contains(.paused(reason: nil)) { seen += states(engine.events.drain()); usleep(1000) }
        usleep(20_000)
        #expect(steps(engine.events.drain()).isEmpty) // nothing happens while paused
        engine.send(.resume)
        var resumed: [TrainingEvent] = []
        while steps(resumed).isEmpty { resumed += engine.events.drain(); usleep(1000) }
        engine.send(.stop)
        #expect(engine.wait(timeout: 10))
    }

    @Test func nonFiniteLossPausesWithTheReason() {
        let engine = TrainingEngine()
        engine.launch(startImmediately: true) {
            let trainer = makeTrainer(epochs: 5)
            trainer.faults.loss = { step, loss in step == 3 ? loss * Float.infinity : loss }
            return .init(trainer: trainer)
        }
        var seen: [TrainingState] = []
        while !seen.contains(where: { if case .paused(.some) = $0 { true } else { false } }) {
            seen += states(engine.events.drain())
            usleep(1000)
        }
        #expect(seen.last == .paused(reason: "non-finite values at step 3 in the loss; weights unchanged"))
        engine.send(.stop)
        #expect(engine.wait(timeout: 10))
    }

    @Test func failingSetUpIsReported() {
        struct Broken: Error, CustomStringConvertible { var description: String { "data.csv: line 3: broken" } }
        let engine = TrainingEngine()
        engine.launch { throw Broken() }
        #expect(engine.wait(timeout: 10))
        #expect(states(engine.events.drain()) == [.failed(reason: "data.csv: line 3: broken")])
    }

    @Test func queueCoalescesSteps() {
        let queue = EventQueue(maximumSteps: 100)
        queue.post(.state(.running))
        for i in 1...1000 { queue.post(.steps([StepMetrics(step: i, epoch: 0, loss: 1)])) }
        let drained = queue.drain()
        #expect(drained.count == 2)
        guard case .steps(let merged) = drained[1] else { Issue.record(); return }
        #expect(merged.count <= 100 && merged.last?.step == 1000)
        #expect(queue.drain().isEmpty)
    }

    @Test func logLinesNeitherSplitStepsNorPileUp() {
        let queue = EventQueue(maximumSteps: 100, maximumLogs: 10)
        for i in 1...1000 {
            queue.post(.steps([StepMetrics(step: i, epoch: 0, loss: 1)]))
            queue.post(.log("line \(i)"))
        }
        queue.post(.state(.finished))
        let drained = queue.drain()
        #expect(drained.count == 12, "one step event, the ten newest lines, the state")
        guard case .steps(let merged) = drained[0] else { Issue.record(); return }
        #expect(merged.count <= 100 && merged.last?.step == 1000)
        #expect(drained[1] == .log("line 991") && drained[10] == .log("line 1000"))
        #expect(drained[11] == .state(.finished))
    }
}
