import Foundation

/// The crashes `--crash-after` and `--crash-thread-after` ask for: a real Swift runtime
/// trap (an array read one past its end, "Fatal error: Index out of range"), which is
/// SIGILL on x86-64 (ud2) and SIGTRAP on arm64 (brk).
enum DeliberateCrash {
    @inline(never)
    static func indexOutOfRange() {
        let values = [Int](repeating: 0, count: 3)
        print(values[values.count])
    }

    /// Starts a thread named "trainer", as a training thread would be, that traps after
    /// `milliseconds`.
    static func onTrainerThread(after milliseconds: Int) {
        let thread = Thread {
            nameCurrentThread("trainer")
            usleep(UInt32(clamping: milliseconds * 1000))
            indexOutOfRange()
        }
        thread.start()
    }

    /// Names the calling thread in the OS, where the guard's crash notice reads it
    /// (/proc/thread-self/comm). Not `Thread.name` set before `start()`: on Linux,
    /// swift-corelibs-foundation drops a name set before the thread exists, and the new
    /// thread keeps the name it inherited ("tui-demo"). Glibc's pthread_setname_np is not
    /// visible to Swift (it needs _GNU_SOURCE); writing the comm file is what it does.
    private static func nameCurrentThread(_ name: String) {
        #if os(Linux)
        let fd = open("/proc/thread-self/comm", O_WRONLY)
        guard fd >= 0 else { return }
        _ = Array(name.utf8.prefix(15)).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        #elseif canImport(Darwin)
        _ = pthread_setname_np(name)
        #endif
    }
}
