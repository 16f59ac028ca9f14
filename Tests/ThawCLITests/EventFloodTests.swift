import Foundation
import Synchronization
import Testing
import ThawTraining
import ThawTrainingAPI
import ThawTUI
@testable import ThawWorkbench

/// G20: a trainer reporting far faster than the screen refreshes cannot flood the workbench.
/// A producer thread posts step events as fast as it can while the consumer drains at 20 Hz,
/// feeds them through `update` and presses a key every frame, as the run loop does.
///
/// G20's bar is on resident memory, but this process runs other suites in parallel, so its
/// RSS says nothing about this test (it rose 62 MB once under a loaded CI run). What would
/// grow is checked directly: the events and steps a drain hands over, and what the state keeps.
@Suite struct EventFloodTests {
    @Test func aFloodOfStepEventsStaysBoundedAndKeysStillAnswer() throws {
        let queue = EventQueue()
        let done = Counter(), posted = Counter()
        let producer = Thread {
            var step = 0
            while done.value.load(ordering: .relaxed) == 0 {
                step += 1
                queue.post(.steps([StepMetrics(step: step, epoch: step / 1000, loss: 1 / Double(step), samplesPerSecond: 1e6,
                                               elapsed: Double(step) * 1e-6)]))
                if step % 10_000 == 0 { queue.post(.log("step \(step)")) }
            }
            posted.value.store(step, ordering: .relaxed)
        }
        var state = AppState(config: RunConfig(data: DataConfig(train: "digits.csv")), size: Size(width: 120, height: 40))
        _ = update(&state, .training(.state(.running)))
        producer.start()
        var largestDrain = 0, mostEvents = 0
        for frame in 0..<40 {
            Thread.sleep(forTimeInterval: 0.05)
            let events = queue.drain()
            mostEvents = max(mostEvents, events.count)
            for event in events {
                if case .steps(let steps) = event { largestDrain = max(largestDrain, steps.count) }
                _ = update(&state, .training(event))
            }
            let screen: Screen = frame % 2 == 0 ? .warnings : .train
            _ = update(&state, .key(.char(screen == .train ? "5" : "6")))
            #expect(state.screen == screen, "frame \(frame): the key was answered")
        }
        done.value.store(1, ordering: .relaxed)
        while posted.value.load(ordering: .relaxed) == 0 { Thread.sleep(forTimeInterval: 0.01) }
        #expect(posted.value.load(ordering: .relaxed) > 100_000, "the producer was not held back")
        #expect(largestDrain <= queue.maximumSteps)
        #expect(mostEvents <= queue.maximumLogs + 2, "one step event, the newest log lines, the state")
        #expect(state.training.history.loss.count <= state.training.history.loss.capacity)
        #expect(state.training.logs.count <= TrainingUI.maximumLogLines)
        #expect(state.training.history.lastStep?.step ?? 0 > 0)
    }
}

/// An atomic shared with the producer thread (an `Atomic` itself cannot be captured).
private final class Counter: Sendable {
    let value = Atomic(0)
}
