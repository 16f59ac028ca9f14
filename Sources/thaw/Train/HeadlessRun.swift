import Dispatch
import Foundation
import ThawThreads
import Synchronization
import ThawTraining
import ThawTrainingAPI

/// The run directory, reported by the training thread once it exists.
final class RunDirectoryBox: Sendable {
    private let value = Locked<(URL?, String?)>((nil, nil))
    func set(_ url: URL, report: String?) { value.withLock { $0 = (url, report) } }
    var current: (url: URL?, report: String?) { value.withLock { $0 } }
}

/// Follows a headless run from the main thread: progress to stderr, Ctrl-C and SIGTERM turn
/// into a clean stop (the engine saves a checkpoint), and the run's outcome becomes the
/// exit status.
struct HeadlessRun {
    let engine: TrainingEngine
    let runDirectory: RunDirectoryBox
    let quiet: Bool

    func wait() -> Int32 {
        let interruption = Atomic<Int32>(0)
        let sources = [SIGINT, SIGTERM].map { signo -> DispatchSourceSignal in
            signal(signo, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signo, queue: .global())
            source.setEventHandler { [engine] in
                interruption.store(signo, ordering: .sequentiallyConsistent)
                engine.send(.stop)
            }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }
        var progress = HeadlessProgress(quiet: quiet)
        var announced = false
        while true {
            // Read the running flag before draining, so the last events of a thread that just
            // ended are still handled below.
            let stillRunning = engine.isRunning
            let events = engine.events.drain()
            if !announced, let url = runDirectory.current.url {
                announced = true
                HeadlessOutput.note("run directory: \(url.path)")
                if let report = runDirectory.current.report, !quiet { HeadlessOutput.note(report) }
            }
            for event in events {
                if let status = progress.handle(event, interruption: interruption.load(ordering: .sequentiallyConsistent)) {
                    // A run paused on NaN/∞ waits for a command: headless, the answer is stop
                    // (which saves a checkpoint of the last good weights). Other end states
                    // end the thread on their own.
                    if status == 3 { engine.send(.stop) }
                    _ = engine.wait(timeout: 600)
                    if let url = runDirectory.current.url { progress.printSummary(url.appendingPathComponent("summary.json")) }
                    return status
                }
            }
            if !stillRunning && events.isEmpty { return 1 }
            usleep(100_000)
        }
    }
}
