import Dispatch
import Foundation
import ThawThreads
import Synchronization
import ThawTensor
import ThawTrainingAPI

/// Runs a `Trainer` on its own thread (not the cooperative pool, which is two threads wide
/// here and would starve), applying commands between steps and posting events.
///
/// The trainer and everything holding tensors are created on that thread by `setUp` and never
/// leave it; only `TrainingCommand` and `TrainingEvent` values cross.
public final class TrainingEngine: Sendable {
    public struct Session {
        public let trainer: Trainer
        public let observers: [any TrainingObserver]
        /// Applied once before any command sent to the engine, e.g. the AdaBN an experiment
        /// asks for before training, so it goes through the same path (event, observers) as
        /// the command sent from the workbench.
        public let startCommands: [TrainingCommand]
        public init(trainer: Trainer, observers: [any TrainingObserver] = [], startCommands: [TrainingCommand] = []) {
            self.trainer = trainer
            self.observers = observers
            self.startCommands = startCommands
        }
    }

    public let events = EventQueue()
    private let mailbox = Locked<[TrainingCommand]>([])
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let running = Atomic<Bool>(false)

    public init() {}

    /// Starts the thread. `setUp` runs on it; `startImmediately` skips waiting for `.start`;
    /// kernels may use up to `threads` threads.
    public func launch(startImmediately: Bool = false, threads: Int = 1, setUp: @escaping @Sendable () throws -> Session) {
        guard running.compareExchange(expected: false, desired: true, ordering: .sequentiallyConsistent).exchanged else { return }
        if startImmediately { send(.start) }
        NamedThread.start("thaw-trainer", stackSize: 8 << 20) { [self] in
            defer {
                running.store(false, ordering: .sequentiallyConsistent)
                finished.signal()
            }
            withComputeThreads(threads) {
                do {
                    var loop = EngineLoop(session: try setUp(), events: events)
                    loop.run(nextCommands: { self.takeCommands() }, waitForCommand: { self.wake.wait() })
                } catch {
                    events.post(.state(.failed(reason: "\(error)")))
                }
            }
        }
    }

    /// Queues a command; it takes effect before the next step.
    public func send(_ command: TrainingCommand) {
        mailbox.withLock { $0.append(command) }
        wake.signal()
    }

    public var isRunning: Bool { running.load(ordering: .sequentiallyConsistent) }

    /// Waits for the thread to end; false on timeout.
    public func wait(timeout seconds: Double) -> Bool {
        guard isRunning else { return true }
        let ok = finished.wait(timeout: .now() + seconds) == .success
        if ok { finished.signal() }
        return ok
    }

    private func takeCommands() -> [TrainingCommand] {
        mailbox.withLock { commands in
            defer { commands.removeAll() }
            return commands
        }
    }
}
