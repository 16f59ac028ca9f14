#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

// Process-wide rendezvous with signal handlers. A C signal handler receives no context
// pointer, so whatever it needs must be reachable from a global; these atomics (and
// `atExitRegistered` in TerminalGuard.swift) are the only globals in the UI layer. They
// are `let` constants of lock-free atomic types: loads and stores are single
// instructions, safe in a signal handler and across threads. The data behind
// `armedRecord` is owned by the one armed `TerminalGuard`; no Swift object is reachable
// from a handler, and handlers never allocate (Swift globals are initialised lazily, so
// each is touched once in `TerminalGuard.init`, before any handler is installed).

/// Address of the published `GuardRecord`, 0 while no guard is armed.
let armedRecord = Atomic<UInt>(0)
/// Set by the first handler that restores the terminal for good, so a second crash (or a
/// crash on another thread during the restore) does not write the sequence twice.
let restoreStarted = Atomic<Bool>(false)
/// Set when the process resumed after a stop; the UI thread then repaints the screen.
let resumedFromStop = Atomic<Bool>(false)

/// The crash signals: re-raised to the previous handler (Swift's backtracer) after restoring.
let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]
/// The termination signals: restore, then die of the signal (exit status 128+signo).
let terminationSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

private func currentRecord() -> UnsafeMutablePointer<GuardRecord>? {
    UnsafeMutablePointer(bitPattern: armedRecord.load(ordering: .acquiring))
}

/// write(2) until done; retries on EINTR, gives up on any other error (the terminal may
/// be gone after SIGHUP, and there is nobody to report to).
private func writeAll(_ fd: Int32, _ base: UnsafePointer<UInt8>?, _ count: Int) {
    guard var p = base else { return }
    var left = count
    while left > 0 {
        let n = write(fd, p, left)
        if n > 0 { p += n; left -= n } else if n < 0 && errno == EINTR { continue } else { return }
    }
}

private func writeAll(_ fd: Int32, _ buffer: UnsafeMutableBufferPointer<UInt8>) {
    writeAll(fd, UnsafePointer(buffer.baseAddress), buffer.count)
}

/// Leaves curses' screen mode and puts back the shell's termios. Only write(2) and
/// tcsetattr(3), both async-signal-safe.
private func restoreTerminal(_ r: UnsafeMutablePointer<GuardRecord>) {
    writeAll(r.pointee.outputFD, r.pointee.exitSequence)
    if r.pointee.hasTermios {
        withUnsafePointer(to: &r.pointee.shellTermios) { _ = tcsetattr(r.pointee.inputFD, TCSANOW, $0) }
    }
}

/// Restores once per process, for exits that do not come back.
private func restoreForExit() -> UnsafeMutablePointer<GuardRecord>? {
    guard let r = currentRecord() else { return nil }
    if restoreStarted.exchange(true, ordering: .acquiringAndReleasing) { return r }
    restoreTerminal(r)
    return r
}

private func setDefaultAction(_ signo: Int32) {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = SIG_DFL
    sigemptyset(&action.sa_mask)
    _ = sigaction(signo, &action, nil)
}

/// SIGINT/SIGTERM/SIGHUP/SIGQUIT: restore, then die of the same signal with its default
/// action, so the shell sees a signal death and reports 128+signo.
let terminationHandler: @convention(c) (Int32) -> Void = { signo in
    _ = restoreForExit()
    setDefaultAction(signo)
    // Pending until this handler returns (the signal is blocked while it runs).
    _ = raise(signo)
}

/// Crash signals: restore, say so on stderr naming the thread, then hand the signal to
/// whoever handled it before us — normally Swift's backtracer, which still prints its
/// report. A kernel-generated fault (si_code > 0) is not re-raised: returning re-executes
/// the faulting instruction, which faults again with its original siginfo intact.
let crashHandler: @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void = {
    signo, info, _ in
    let savedErrno = errno
    if let r = currentRecord() {
        let first = !restoreStarted.exchange(true, ordering: .acquiringAndReleasing)
        if first {
            restoreTerminal(r)
            writeCrashMessage(r, signo, to: r.pointee.errorFD)
            // Also into the log when stderr is redirected there, next to the backtrace.
            if r.pointee.errorFD != STDERR_FILENO { writeCrashMessage(r, signo, to: STDERR_FILENO) }
        }
        _ = sigaction(signo, r.pointee.previous + Int(signo), nil)
    } else {
        setDefaultAction(signo)
    }
    let code = info?.pointee.si_code ?? 0
    let synchronousFault = code > 0 && (signo == SIGSEGV || signo == SIGBUS || signo == SIGILL || signo == SIGFPE)
    if !synchronousFault { _ = raise(signo) }
    errno = savedErrno
}

private func writeCrashMessage(_ r: UnsafeMutablePointer<GuardRecord>, _ signo: Int32, to fd: Int32) {
    writeAll(fd, r.pointee.crashPrefix)
    let name: StaticString = switch signo {
    case SIGSEGV: "SIGSEGV"
    case SIGBUS: "SIGBUS"
    case SIGILL: "SIGILL (a Swift runtime trap)"
    case SIGTRAP: "SIGTRAP (a Swift runtime trap)"
    case SIGABRT: "SIGABRT"
    case SIGFPE: "SIGFPE"
    default: "signal"
    }
    writeAll(fd, name.utf8Start, name.utf8CodeUnitCount)
    // The thread's name from /proc: open/read/close are async-signal-safe.
    let thread: StaticString = " on thread '"
    writeAll(fd, thread.utf8Start, thread.utf8CodeUnitCount)
    let scratch = r.pointee.scratch
    let nameFD = r.pointee.threadNamePath.baseAddress.map { p in
        p.withMemoryRebound(to: CChar.self, capacity: r.pointee.threadNamePath.count) { open($0, O_RDONLY) }
    } ?? -1
    if nameFD >= 0 {
        let n = read(nameFD, scratch.baseAddress, scratch.count)
        _ = close(nameFD)
        if n > 0 { writeAll(fd, UnsafePointer(scratch.baseAddress), scratch[n - 1] == 10 ? n - 1 : n) }
    }
    let close: StaticString = "'"
    writeAll(fd, close.utf8Start, close.utf8CodeUnitCount)
    writeAll(fd, r.pointee.crashSuffix)
}

/// Ctrl-Z: put the shell's terminal mode back, stop, and on `fg` re-enter curses' mode
/// and ask the UI thread for a full repaint. Unlike the exit paths this one repeats, so it
/// does not use `restoreStarted`.
///
/// When the terminal is already in the shell's mode (`CursesBackend.suspend` calls
/// `endwin` before stopping the job) nothing is restored or re-entered here. That matters:
/// the other processes of the job stop at once, the shell takes the terminal back, and a
/// `tcsetattr` from what is now a background process would stop us with SIGTTOU and,
/// after `fg`, let the pending stop below stop us a second time.
let stopHandler: @convention(c) (Int32) -> Void = { signo in
    let savedErrno = errno
    guard let r = currentRecord() else { return }
    var cursesMode = termios()
    let inCursesMode = tcgetattr(r.pointee.inputFD, &cursesMode) == 0 && r.pointee.hasTermios
        && !sameMode(&cursesMode, &r.pointee.shellTermios)
    if inCursesMode { restoreTerminal(r) }
    // Stop for real: default action, unblocked (it is blocked while its handler runs).
    setDefaultAction(SIGTSTP)
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGTSTP)
    _ = raise(SIGTSTP)
    _ = sigprocmask(SIG_UNBLOCK, &set, nil)
    // Resumed (SIGCONT). Re-arm, then go back into curses' mode.
    installStopHandler()
    if inCursesMode {
        _ = tcsetattr(r.pointee.inputFD, TCSANOW, &cursesMode)
        writeAll(r.pointee.outputFD, r.pointee.enterSequence)
    }
    resumedFromStop.store(true, ordering: .releasing)
    errno = savedErrno
}

/// Byte comparison of two terminal modes (memcmp is async-signal-safe).
private func sameMode(_ a: UnsafeMutablePointer<termios>, _ b: UnsafeMutablePointer<termios>) -> Bool {
    memcmp(a, b, MemoryLayout<termios>.size) == 0
}

/// SIGCONT without our SIGTSTP handler having run (SIGSTOP from outside): the shell may
/// have drawn over the screen, so repaint.
let continueHandler: @convention(c) (Int32) -> Void = { _ in
    resumedFromStop.store(true, ordering: .releasing)
}

@discardableResult
func installStopHandler(previous: UnsafeMutablePointer<sigaction>? = nil) -> Int32 {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = stopHandler
    sigemptyset(&action.sa_mask)
    action.sa_flags = SA_RESTART
    return sigaction(SIGTSTP, &action, previous)
}

/// Last resort for `exit()` called while the UI is up (e.g. a top-level error).
let atExitHandler: @convention(c) () -> Void = {
    _ = restoreForExit()
}
