#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything a signal handler needs to put the terminal back, laid out as plain memory
/// prepared *before* any signal can arrive: byte buffers, a saved `termios`, the previous
/// signal actions. Handlers only read it, so they never allocate, lock or touch Swift
/// objects — the reason the restore path is async-signal-safe.
///
/// A record is immutable once published. Changing it (e.g. when curses has started and the
/// exit sequence is known) means building a new record and swapping the published
/// pointer; old records stay allocated until the guard is disarmed, so a handler still
/// reading one never sees freed memory.
struct GuardRecord {
    var inputFD: Int32
    var outputFD: Int32
    /// Where the crash notice goes: the original stderr, even while fd 2 is redirected.
    var errorFD: Int32
    var hasTermios: Bool
    /// The terminal mode before curses changed it (the shell's mode).
    var shellTermios: termios
    /// Leaves curses' screen state: reset attributes, show cursor, keypad off, leave the
    /// alternate screen.
    var exitSequence: UnsafeMutableBufferPointer<UInt8>
    /// Re-enters it after a resume from Ctrl-Z.
    var enterSequence: UnsafeMutableBufferPointer<UInt8>
    /// "thaw: fatal signal " … "; terminal restored; details in LOG\n", around the signal
    /// and thread names.
    var crashPrefix: UnsafeMutableBufferPointer<UInt8>
    var crashSuffix: UnsafeMutableBufferPointer<UInt8>
    /// NUL-terminated "/proc/thread-self/comm", read to name the crashing thread.
    var threadNamePath: UnsafeMutableBufferPointer<UInt8>
    /// Scratch space for the thread name (only the first crashing thread uses it).
    var scratch: UnsafeMutableBufferPointer<UInt8>
    /// Actions in place before arming, indexed by signal number.
    var previous: UnsafeMutablePointer<sigaction>

    static let signalSlots = 65

    static func bytes(_ text: String, nulTerminated: Bool = false) -> UnsafeMutableBufferPointer<UInt8> {
        bytes(Array(text.utf8) + (nulTerminated ? [0] : []))
    }

    static func bytes(_ utf8: [UInt8]) -> UnsafeMutableBufferPointer<UInt8> {
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, utf8.count))
        _ = buffer.initialize(from: utf8)
        return UnsafeMutableBufferPointer(rebasing: buffer[0..<utf8.count])
    }

    /// A fresh record on the heap. `exit`/`enter` are terminal escape sequences.
    static func make(inputFD: Int32, outputFD: Int32, errorFD: Int32, termios saved: termios?, exit: [UInt8], enter: [UInt8],
                     programName: String, logPath: String?,
                     previous: UnsafeMutablePointer<sigaction>) -> UnsafeMutablePointer<GuardRecord> {
        let where_ = logPath.map { "; details in \($0)" } ?? ""
        let record = UnsafeMutablePointer<GuardRecord>.allocate(capacity: 1)
        record.initialize(to: GuardRecord(
            inputFD: inputFD, outputFD: outputFD, errorFD: errorFD,
            hasTermios: saved != nil, shellTermios: saved ?? termios(),
            exitSequence: bytes(exit),
            enterSequence: bytes(enter),
            crashPrefix: bytes("\(programName): terminal restored after fatal signal "),
            crashSuffix: bytes("\(where_)\n"),
            threadNamePath: bytes("/proc/thread-self/comm", nulTerminated: true),
            scratch: UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 64),
            previous: previous))
        return record
    }

    /// Frees the buffers this record owns (not `previous`, which the guard owns).
    static func destroy(_ record: UnsafeMutablePointer<GuardRecord>) {
        let r = record.pointee
        for buffer in [r.exitSequence, r.enterSequence, r.crashPrefix, r.crashSuffix, r.threadNamePath, r.scratch] {
            UnsafeMutableRawPointer(buffer.baseAddress)?.deallocate()
        }
        record.deinitialize(count: 1)
        record.deallocate()
    }
}
