#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Guarantees the terminal is given back in a usable state however the process ends:
/// normal exit, `exit()` from anywhere, SIGINT/SIGTERM/SIGHUP/SIGQUIT (then the process dies
/// of that signal, status 128+signo), a crash (SIGSEGV, SIGBUS, SIGILL — Swift traps —,
/// SIGTRAP, SIGABRT, SIGFPE: restore, one line on stderr naming the thread and the log,
/// then the previous handler, normally Swift's backtracer, still runs), and Ctrl-Z/`fg`.
///
/// Arm it *before* starting curses: ncurses installs its own SIGINT/SIGTSTP handlers only
/// where the disposition is still the default, so arming first keeps ours in charge.
/// SIGWINCH is left to ncurses, which turns it into KEY_RESIZE.
///
/// Not Sendable: it belongs to the thread that owns the terminal. Signal handlers reach
/// its data through the atomics in SignalHandlers.swift, never through this object.
public final class TerminalGuard {
    private let programName: String
    private let logPath: String?
    private let inputFD: Int32
    private let outputFD: Int32
    private let savedTermios: termios?
    private let previous: UnsafeMutablePointer<sigaction>
    private var records: [UnsafeMutablePointer<GuardRecord>] = []
    private var installed: [Int32] = []
    /// The original stderr while it is redirected to the log (see `init`), else -1.
    private var savedStderr: Int32 = -1
    public private(set) var isArmed = false

    /// Saves the terminal mode and installs the handlers. `logPath` is named in the crash
    /// message; nil leaves it out. Throws if another guard is armed in this process.
    ///
    /// With `redirectStderr`, file descriptor 2 is pointed at `logPath` while armed: a stray
    /// write to stderr would scribble over the curses screen, and Swift's "Fatal error"
    /// line and backtrace, printed while the alternate screen is still up, would vanish
    /// with it. They land in the log instead, and the crash notice goes to the original
    /// stderr (the terminal) after the screen is restored.
    public init(programName: String, logPath: String?, redirectStderr: Bool = false, inputFD: Int32 = STDIN_FILENO,
                outputFD: Int32 = STDOUT_FILENO) throws(TerminalUnavailable) {
        self.programName = programName
        self.logPath = logPath
        self.inputFD = inputFD
        self.outputFD = outputFD
        var mode = termios()
        savedTermios = tcgetattr(inputFD, &mode) == 0 ? mode : nil
        if redirectStderr, let logPath {
            let log = open(logPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            if log >= 0 {
                savedStderr = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3)
                if savedStderr >= 0 { dup2(log, STDERR_FILENO) }
                close(log)
            }
        }
        previous = .allocate(capacity: GuardRecord.signalSlots)
        previous.initialize(repeating: sigaction(), count: GuardRecord.signalSlots)
        // Until curses starts, restoring means: attributes off, cursor on.
        let record = makeRecord(exit: Array("\u{1B}[0m\u{1B}[?25h".utf8), enter: [])
        guard armedRecord.compareExchange(expected: 0, desired: UInt(bitPattern: record),
                                          ordering: .acquiringAndReleasing).exchanged else {
            GuardRecord.destroy(record)
            previous.deallocate()
            if savedStderr >= 0 { dup2(savedStderr, STDERR_FILENO); close(savedStderr) }
            throw .guardAlreadyActive
        }
        records.append(record)
        restoreStarted.store(false, ordering: .releasing)
        resumedFromStop.store(false, ordering: .releasing)
        install()
        isArmed = true
    }

    deinit {
        disarm()
        previous.deallocate()
    }

    private func makeRecord(exit: [UInt8], enter: [UInt8]) -> UnsafeMutablePointer<GuardRecord> {
        GuardRecord.make(inputFD: inputFD, outputFD: outputFD, errorFD: savedStderr >= 0 ? savedStderr : STDERR_FILENO,
                         termios: savedTermios, exit: exit, enter: enter,
                         programName: programName, logPath: logPath, previous: previous)
    }

    private func install() {
        for signo in terminationSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = terminationHandler
            sigemptyset(&action.sa_mask)
            if sigaction(signo, &action, previous + Int(signo)) == 0 { installed.append(signo) }
        }
        for signo in crashSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = crashHandler
            sigemptyset(&action.sa_mask)
            // SA_ONSTACK: runs on the alternate stack where one exists (the Swift runtime
            // sets one up), so a stack overflow can still be reported.
            action.sa_flags = SA_SIGINFO | SA_ONSTACK
            if sigaction(signo, &action, previous + Int(signo)) == 0 { installed.append(signo) }
        }
        if installStopHandler(previous: previous + Int(SIGTSTP)) == 0 { installed.append(SIGTSTP) }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = continueHandler
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        if sigaction(SIGCONT, &action, previous + Int(SIGCONT)) == 0 { installed.append(SIGCONT) }
        registerAtExitOnce()
    }

    /// Publishes the real escape sequences once curses has started (read from terminfo),
    /// replacing the generic ones. A new record is swapped in atomically; the old one stays
    /// allocated until `disarm`, in case a handler on another thread is reading it.
    public func setTerminalSequences(exit: [UInt8], enter: [UInt8]) {
        guard isArmed else { return }
        let record = makeRecord(exit: exit, enter: enter)
        records.append(record)
        armedRecord.store(UInt(bitPattern: record), ordering: .releasing)
    }

    /// True once the terminal has been given back for good — a crash or a termination
    /// signal on any thread, `restoreNow`, exit — while still armed. The screen is the
    /// shell's again: the backend must not draw on it (another thread may be crashing
    /// while the UI thread still runs; the Swift backtracer resumes it after its report).
    public var hasRestoredTerminal: Bool {
        isArmed && restoreStarted.load(ordering: .acquiring)
    }

    /// True once after the process resumed from a stop; the backend then repaints.
    public func consumeResumed() -> Bool {
        resumedFromStop.exchange(false, ordering: .acquiringAndReleasing)
    }

    /// Restores the terminal from normal code, e.g. just before printing a fatal error
    /// when curses could not be shut down cleanly. Idempotent with the signal paths.
    public func restoreNow() {
        guard isArmed, let r = UnsafeMutablePointer<GuardRecord>(bitPattern: armedRecord.load(ordering: .acquiring)),
              !restoreStarted.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let seq = r.pointee.exitSequence
        var offset = 0
        while offset < seq.count {
            let n = write(outputFD, seq.baseAddress! + offset, seq.count - offset)
            if n <= 0 { break }
            offset += n
        }
        if var mode = savedTermios { _ = tcsetattr(inputFD, TCSANOW, &mode) }
    }

    /// Puts the previous signal actions back and forgets the records. Call after curses has
    /// been shut down (`CursesBackend.close`). Idempotent.
    public func disarm() {
        guard isArmed else { return }
        for signo in installed { _ = sigaction(signo, previous + Int(signo), nil) }
        installed = []
        armedRecord.store(0, ordering: .releasing)
        for record in records { GuardRecord.destroy(record) }
        records = []
        if savedStderr >= 0 {
            dup2(savedStderr, STDERR_FILENO)
            close(savedStderr)
            savedStderr = -1
        }
        isArmed = false
    }
}

/// Registered at most once per process: atexit handlers cannot be removed, so the handler
/// itself checks whether a guard is armed.
private let atExitRegistered = Atomic<Bool>(false)

private func registerAtExitOnce() {
    if !atExitRegistered.exchange(true, ordering: .acquiringAndReleasing) { atexit(atExitHandler) }
}
