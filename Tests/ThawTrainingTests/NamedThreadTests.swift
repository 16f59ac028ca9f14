import Foundation
import Synchronization
import Testing
import ThawThreads

/// The crash notice names the thread from /proc/thread-self/comm, so the OS must know the
/// trainer's name (corelibs Foundation drops a `Thread.name` set before `start()`).
@Suite struct NamedThreadTests {
    @Test func theOSKnowsTheName() throws {
        #if os(Linux)
        let seen = Mutex<String?>(nil)
        let done = DispatchSemaphore(value: 0)
        NamedThread.start("thaw-trainer") {
            let comm = try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)
            seen.withLock { $0 = comm?.trimmingCharacters(in: .whitespacesAndNewlines) }
            done.signal()
        }
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(seen.withLock { $0 } == "thaw-trainer")
        #endif
    }

    @Test func longNamesAreCutToWhatTheOSKeeps() throws {
        #if os(Linux)
        let seen = Mutex<String?>(nil)
        let done = DispatchSemaphore(value: 0)
        NamedThread.start("thaw-a-very-long-thread-name") {
            let comm = try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)
            seen.withLock { $0 = comm?.trimmingCharacters(in: .whitespacesAndNewlines) }
            done.signal()
        }
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(seen.withLock { $0 } == "thaw-a-very-lon")
        #endif
    }
}
