import Foundation

// tui-demo: a small full-screen program on Thaw's real terminal stack (TerminalGuard,
// CursesBackend, ThawTUI widgets), for the end-to-end terminal tests in ThawTUITests
// (tmux: quit, signals, crashes on two threads, Ctrl-Z/fg, resizes, unusable terminals).
//
// Exit statuses: 0 after `q`; 2 without a usable terminal (one line on stderr, the tty
// untouched); 64 on a usage error; a signal death (128+signo) for SIGINT/SIGTERM/SIGHUP/
// SIGQUIT and Ctrl-C, with the terminal restored first.

let environment = ProcessInfo.processInfo.environment

func fail(_ message: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data("tui-demo: \(message)\n".utf8))
    exit(status)
}

let options: DemoOptions
do {
    options = try DemoOptions.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    fail("\(error)\n\(DemoOptions.usage)", status: 64)
}
if let pidFile = options.pidFile {
    do {
        try Data("\(getpid())\n".utf8).write(to: URL(fileURLWithPath: pidFile), options: .atomic)
    } catch {
        fail("cannot write the pid file \(pidFile): \(error.localizedDescription)", status: 1)
    }
}

let terminal: DemoTerminal
do {
    terminal = try DemoTerminal.open(logPath: options.logPath, environment: environment)
} catch {
    fail("\(error.description); the demo needs a terminal", status: 2)
}
if let milliseconds = options.crashThreadAfterMilliseconds { DeliberateCrash.onTrainerThread(after: milliseconds) }
var loop = DemoLoop(backend: terminal.backend, theme: terminal.theme, crashAfterFrames: options.crashAfterFrames)
let ending = loop.run()
terminal.close()
if ending == .interrupted {
    // As after Ctrl-C in the workbench: the shell must see a death by SIGINT.
    signal(SIGINT, SIG_DFL)
    raise(SIGINT)
    exit(130)
}
exit(0)
