import ThawThreads
import ThawTrainingAPI

/// The engine's outbox: bounded, and coalescing, so a trainer running thousands of steps a
/// second cannot flood a consumer that reads twenty times a second.
///
/// All pending step events merge into one, kept where the first of them was: a log line or an
/// epoch between two steps must not split them, or a chatty trainer would queue a step event
/// per line and the consumer would fall further behind every frame. Past `maximumSteps`
/// pending steps every other one is dropped (the curve keeps its shape; the on-disk log keeps
/// every step). Past `maximumLogs` pending log lines the oldest go (the screen shows the
/// newest few). State, epoch, diagnostic and BatchNorm events are never dropped.
public final class EventQueue: Sendable {
    private let pending = Locked<[TrainingEvent]>([])
    public let maximumSteps: Int
    public let maximumLogs: Int

    public init(maximumSteps: Int = 4096, maximumLogs: Int = 256) {
        self.maximumSteps = Swift.max(2, maximumSteps)
        self.maximumLogs = Swift.max(1, maximumLogs)
    }

    public func post(_ event: TrainingEvent) {
        pending.withLock { events in
            switch event {
            case .steps(let new):
                merge(new, into: &events)
            case .log:
                events.append(event)
                if events.count > maximumLogs, events.lazy.filter(\.isLog).count > maximumLogs,
                   let oldest = events.firstIndex(where: \.isLog) {
                    events.remove(at: oldest)
                }
            default:
                events.append(event)
            }
        }
    }

    private func merge(_ new: [StepMetrics], into events: inout [TrainingEvent]) {
        guard let index = events.firstIndex(where: \.isSteps), case .steps(var merged) = events[index] else {
            events.append(.steps(new))
            return
        }
        // Released from the array first so the append happens in place: a copy per post would
        // make a fast trainer pay O(maximumSteps) for every step it reports.
        events[index] = .steps([])
        merged.append(contentsOf: new)
        if merged.count > maximumSteps {
            let last = merged.count - 1
            merged = merged.indices.compactMap { $0 % 2 == 1 || $0 == last ? merged[$0] : nil }
        }
        events[index] = .steps(merged)
    }

    /// Everything posted since the last call, oldest first (pending steps as one event).
    public func drain() -> [TrainingEvent] {
        pending.withLock { events in
            defer { events.removeAll(keepingCapacity: true) }
            return events
        }
    }
}

private extension TrainingEvent {
    var isSteps: Bool {
        if case .steps = self { return true }
        return false
    }

    var isLog: Bool {
        if case .log = self { return true }
        return false
    }
}
