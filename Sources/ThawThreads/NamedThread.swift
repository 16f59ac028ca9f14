import Foundation

/// Starts long-lived threads under a name the OS knows, so a crash notice, `top -H` and a
/// debugger all say which thread it was (the terminal guard reads /proc/thread-self/comm).
///
/// `Thread.name` set before `start()` is not enough: on Linux, swift-corelibs-foundation
/// drops a name set before the thread exists and the new thread keeps its parent's. The
/// name is therefore set from inside the thread, before `body` runs.
public enum NamedThread {
    /// The OS keeps at most 15 bytes of a thread name.
    public static let maximumNameBytes = 15

    public static func start(_ name: String, stackSize: Int? = nil, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread {
            nameCurrentThread(name)
            body()
        }
        thread.name = name
        if let stackSize { thread.stackSize = stackSize }
        thread.start()
    }

    /// Renames the calling thread in the OS. Glibc's pthread_setname_np needs _GNU_SOURCE and
    /// is not visible to Swift; writing the comm file is what it does.
    public static func nameCurrentThread(_ name: String) {
        #if os(Linux)
        let fd = open("/proc/thread-self/comm", O_WRONLY)
        guard fd >= 0 else { return }
        _ = Array(name.utf8.prefix(maximumNameBytes)).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        #elseif canImport(Darwin)
        _ = pthread_setname_np(name)
        #endif
    }
}
