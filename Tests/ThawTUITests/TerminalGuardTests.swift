import Foundation
import Testing
import ThawCurses

/// The guard in-process, on a pipe instead of a terminal (no termios to save or restore).
/// The signal paths are covered end to end by TerminalGuardTmuxTests.
@Suite struct TerminalGuardTests {
    @Test func restoringGivesTheTerminalBackForGood() throws {
        var fds: [Int32] = [-1, -1]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        let terminalGuard = try TerminalGuard(programName: "test", logPath: nil, inputFD: fds[0], outputFD: fds[1])
        #expect(!terminalGuard.hasRestoredTerminal)
        terminalGuard.restoreNow()
        // From now on the backend draws nothing: the screen is the shell's again.
        #expect(terminalGuard.hasRestoredTerminal)
        var bytes = [UInt8](repeating: 0, count: 64)
        let n = read(fds[0], &bytes, bytes.count)
        #expect(String(decoding: bytes.prefix(max(0, n)), as: UTF8.self) == "\u{1B}[0m\u{1B}[?25h")
        terminalGuard.restoreNow()  // idempotent: nothing written twice
        terminalGuard.disarm()
        #expect(!terminalGuard.hasRestoredTerminal)
        var more = pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0)
        #expect(poll(&more, 1, 0) == 0)
    }
}
