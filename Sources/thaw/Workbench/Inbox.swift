import ThawThreads

/// Where background work leaves its results for the UI thread: the only thing the worker
/// threads and the UI share besides the engine's own queue. Plain message values (the
/// workbench's `Msg`, the monitor's `MonitorMsg`) under a lock.
final class Inbox<Message: Sendable>: Sendable {
    private let pending = Locked<[Message]>([])

    func post(_ msg: Message) { pending.withLock { $0.append(msg) } }

    func drain() -> [Message] {
        pending.withLock { messages in
            defer { messages.removeAll(keepingCapacity: true) }
            return messages
        }
    }
}
