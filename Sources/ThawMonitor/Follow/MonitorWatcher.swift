import Foundation
import ThawThreads
import Synchronization

/// What the watcher has found since the UI last looked.
public struct MonitorChanges: Equatable, Sendable {
    /// The newest snapshot of each run that changed, by id order.
    public var runs: [RunSnapshot]
    /// Problems with the watched paths, when they changed.
    public var rootProblems: [String]?

    public init(runs: [RunSnapshot], rootProblems: [String]? = nil) {
        self.runs = runs
        self.rootProblems = rootProblems
    }

    public var isEmpty: Bool { runs.isEmpty && rootProblems == nil }
}

/// Runs a `MonitorEngine` on its own thread, polling every `interval`, and keeps the newest
/// snapshot of each changed run for the UI thread to take. Only values cross threads: the
/// engine lives on the watcher thread alone; the outbox and the flags are a `Locked` and
/// atomics. A slow UI never makes the watcher queue up snapshots: a newer one of a run
/// replaces the older.
public final class MonitorWatcher: Sendable {
    public let interval: Duration
    private let outbox = Locked<(runs: [Int: RunSnapshot], rootProblems: [String]?)>(([:], nil))
    private let stopRequested = Atomic<Bool>(false)
    private let rescanRequested = Atomic<Bool>(false)
    private let running = Atomic<Bool>(false)
    private let engine: Locked<MonitorEngine?>

    public init(roots: [String], options: MonitorOptions = MonitorOptions(), interval: Duration = .milliseconds(300)) {
        self.interval = interval
        engine = Locked(MonitorEngine(roots: roots, options: options))
    }

    /// Starts the thread (once).
    public func start() {
        guard let engine = engine.withLock({ e -> MonitorEngine? in defer { e = nil }; return e }) else { return }
        running.store(true, ordering: .releasing)
        NamedThread.start("thaw-monitor") { [self] in self.loop(engine) }
    }

    private func loop(_ initial: MonitorEngine) {
        var engine = initial
        let clock = ContinuousClock()
        let started = clock.now
        defer { running.store(false, ordering: .releasing) }
        while !stopRequested.load(ordering: .acquiring) {
            let now = (clock.now - started).seconds
            if rescanRequested.exchange(false, ordering: .acquiringAndReleasing) { engine.rescan(now: now) }
            let progress = engine.poll(now: now)
            publish(engine.takeChanges())
            // A file with more to read is read on at once; otherwise wait for the next poll.
            if !progress.moreWaiting { sleep(interval) }
        }
    }

    /// Sleeps in short steps so `stop` is honoured promptly.
    private func sleep(_ duration: Duration) {
        let deadline = ContinuousClock.now + duration
        while ContinuousClock.now < deadline, !stopRequested.load(ordering: .acquiring) {
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    private func publish(_ changes: (runs: [RunSnapshot], rootProblems: [String]?)) {
        guard !changes.runs.isEmpty || changes.rootProblems != nil else { return }
        outbox.withLock { box in
            for run in changes.runs { box.runs[run.id] = run }
            if let problems = changes.rootProblems { box.rootProblems = problems }
        }
    }

    /// Everything found since the last call.
    public func drain() -> MonitorChanges {
        outbox.withLock { box in
            defer { box = ([:], nil) }
            return MonitorChanges(runs: box.runs.values.sorted { $0.id < $1.id }, rootProblems: box.rootProblems)
        }
    }

    /// Asks for the watched directories to be searched again at the next poll.
    public func requestRescan() { rescanRequested.store(true, ordering: .releasing) }

    /// Stops the thread and waits up to `timeout` for it to end; true when it did.
    @discardableResult
    public func stop(timeout: Duration = .seconds(2)) -> Bool {
        stopRequested.store(true, ordering: .releasing)
        let deadline = ContinuousClock.now + timeout
        while running.load(ordering: .acquiring), ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.01) }
        return !running.load(ordering: .acquiring)
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
