import Synchronization
import ThawTrainingAPI

/// The engine's outbox: bounded, and coalescing, so a trainer running thousands of steps a
/// second cannot flood a consumer that reads twenty times a second.
///
/// Consecutive step events merge into one; past `maximumSteps` pending steps, every other
/// pending step is dropped (the curve keeps its shape; the on-disk log keeps every step).
/// State, epoch and log events are never dropped.
public final class EventQueue: Sendable {
    private let pending = Mutex<[TrainingEvent]>([])
    public let maximumSteps: Int

    public init(maximumSteps: Int = 4096) {
        self.maximumSteps = Swift.max(2, maximumSteps)
    }

    public func post(_ event: TrainingEvent) {
        pending.withLock { events in
            guard case .steps(let new) = event else { events.append(event); return }
            if case .steps(let existing)? = events.last {
                var merged = existing + new
                if merged.count > maximumSteps {
                    merged = merged.enumerated().filter { $0.offset % 2 == 1 || $0.offset == merged.count - 1 }.map(\.element)
                }
                events[events.count - 1] = .steps(merged)
            } else {
                events.append(event)
            }
        }
    }

    /// Everything posted since the last call, oldest first.
    public func drain() -> [TrainingEvent] {
        pending.withLock { events in
            defer { events.removeAll(keepingCapacity: true) }
            return events
        }
    }
}
