import Foundation
import ThawThreads

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
        NamedThread.start("trainer") {
            usleep(UInt32(clamping: milliseconds * 1000))
            indexOutOfRange()
        }
    }
}
