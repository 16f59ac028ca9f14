import Synchronization
import ThawWorkbench

/// Where background work leaves its results for the UI thread: the only thing the worker
/// threads and the UI share besides the engine's own queue. Plain `Msg` values under a lock.
final class Inbox: Sendable {
    private let pending = Mutex<[Msg]>([])

    func post(_ msg: Msg) { pending.withLock { $0.append(msg) } }

    func drain() -> [Msg] {
        pending.withLock { messages in
            defer { messages.removeAll(keepingCapacity: true) }
            return messages
        }
    }
}
