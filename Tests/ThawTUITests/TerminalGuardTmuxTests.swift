import Foundation
import Testing
import ThawTestSupport

/// End-to-end: the demo binary in a real terminal (tmux), killed or quit in different
/// ways; each time the tty mode (`stty -g`) must be identical before and after, the shell
/// prompt must be back on the primary screen, the cursor visible, and the exit status
/// what the shell expects (128+signo for signal deaths).
@Suite struct TerminalGuardTmuxTests {
    /// `tui-demo` sits beside the test bundle in the build directory.
    static let demo: String? = {
        if let path = ProcessInfo.processInfo.environment["THAW_TUI_DEMO"] { return path }
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("tui-demo").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()

    static let available = TmuxSession.executable != nil && demo != nil

    /// Under `--sanitize=thread` the sanitizer runtime owns the fatal signals (it reports
    /// and exits with its own status), so the crash cases only check the terminal.
    static let underThreadSanitizer = dlsym(nil, "__tsan_init") != nil

    enum Ending: String, CaseIterable, Sendable {
        case quitKey, sigterm, sigint, sighup, sigquit, crash, crashOnThread, suspendAndResume

        var expectedStatus: Int {
            switch self {
            case .quitKey, .suspendAndResume: 0
            case .sigterm: 128 + Int(SIGTERM)
            case .sigint: 128 + Int(SIGINT)
            case .sighup: 128 + Int(SIGHUP)
            case .sigquit: 128 + Int(SIGQUIT)
            case .crash, .crashOnThread: 128 + Int(SIGILL)
            }
        }
    }

    @Test(.enabled(if: available, "needs tmux and the tui-demo binary (swift build builds it)"),
          arguments: Ending.allCases)
    func terminalIsRestored(_ ending: Ending) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("thaw-guard-\(getpid())-\(ending)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let tmux = try TmuxSession(name: "thaw-guard-\(ending.rawValue)")
        defer { tmux.kill() }

        try tmux.startRecording(to: "\(dir)/terminal")
        let crash = ending == .crash ? " --crash-after 5" : ending == .crashOnThread ? " --crash-thread-after 300" : ""
        // One `sh -c` job: the interactive shell would otherwise run the rest of the list
        // as soon as the demo stops (Ctrl-Z) or skip it when the demo dies of SIGINT.
        // `trap : INT` keeps the wrapper alive without making the demo ignore SIGINT.
        try tmux.type("sh -c 'trap : INT; stty -g > \(dir)/before; SWIFT_BACKTRACE=interactive=no,color=no "
            + "TERM=tmux-256color \(TerminalGuardTmuxTests.demo!) --pidfile \(dir)/pid --log \(dir)/demo.log\(crash) "
            + "2> \(dir)/stderr; echo status=$? > \(dir)/status; stty -g > \(dir)/after'")
        let pidText = try #require(waitForFile("\(dir)/pid"), "the demo did not start")
        let pid = try #require(Int32(pidText.trimmingCharacters(in: .whitespacesAndNewlines)))
        if ending != .crash && ending != .crashOnThread {
            #expect(tmux.waitFor { $0.contains("Thaw TUI demo") }, "the demo never drew")
            #expect(tmux.display("#{alternate_on}") == "1")
        }

        switch ending {
        case .quitKey: try tmux.keys("q")
        case .sigterm: kill(pid, SIGTERM)
        case .sigint: kill(pid, SIGINT)
        case .sighup: kill(pid, SIGHUP)
        case .sigquit: kill(pid, SIGQUIT)
        case .crash, .crashOnThread: break
        case .suspendAndResume:
            try tmux.keys("C-z")
            // Type only once the shell has taken the terminal back: it may flush input
            // that arrives while it switches modes.
            #expect(tmux.waitFor { $0.contains("Stopped") && $0.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix(TmuxSession.prompt) },
                    "no prompt after Ctrl-Z")
            try tmux.type("stty -g > \(dir)/suspended")
            #expect(waitForFile("\(dir)/suspended") == waitForFile("\(dir)/before"), "stty differs while suspended")
            try tmux.type("fg")
            #expect(tmux.waitFor { $0.contains("Thaw TUI demo") && $0.contains("Layers") }, "no redraw after fg")
            try tmux.keys("j")  // keys still work after resume
            try tmux.keys("q")
        }

        let status = try #require(waitForFile("\(dir)/status", timeout: 20), "the demo did not exit")
        let isCrash = ending == .crash || ending == .crashOnThread
        let sanitizerOwnsCrash = isCrash && TerminalGuardTmuxTests.underThreadSanitizer
        if !sanitizerOwnsCrash { #expect(status == "status=\(ending.expectedStatus)\n") }
        let before = try #require(waitForFile("\(dir)/before"))
        let after = try #require(waitForFile("\(dir)/after"))
        #expect(before == after, "stty -g changed")
        let problems = tmux.restorationProblems()
        #expect(problems.isEmpty, "\(problems)")
        #expect(!tmux.capture().contains("Thaw TUI demo"))
        // Once the guard has given the screen back nothing more is drawn on it: a UI
        // thread still running after another thread crashed or took the signal must not
        // write over the shell's screen. (After `q`, curses' own endwin ends with more.)
        tmux.stopRecording()
        let written = waitForRecording("\(dir)/terminal", toContain: TmuxSession.prompt)
        let restore = "\u{1B}[?1049l"  // rmcup, the last thing the guard writes
        #expect(written.contains(restore), "the alternate screen was never left:\n\(written.debugDescription)")
        if ending != .quitKey && ending != .suspendAndResume, let last = written.range(of: restore, options: .backwards) {
            let after = written[last.upperBound...]
            #expect(!after.contains("\u{1B}") && !after.contains("\u{8}"), "drawn after the restore: \(after.debugDescription)")
        }
        if isCrash && !sanitizerOwnsCrash {
            // The notice goes to the terminal's stderr; Swift's own report, which the
            // previous handler (the backtracer) still prints, goes to the log.
            let stderr = (try? String(contentsOfFile: "\(dir)/stderr", encoding: .utf8)) ?? ""
            let log = (try? String(contentsOfFile: "\(dir)/demo.log", encoding: .utf8)) ?? ""
            let thread = ending == .crash ? "tui-demo" : "trainer"
            // First line: ours. (The wrapper shell may add its own "Illegal instruction".)
            #expect(stderr.hasPrefix("tui-demo: terminal restored after fatal signal SIGILL (a Swift runtime trap) "
                    + "on thread '\(thread)'; details in \(dir)/demo.log\n"), "stderr:\n\(stderr)")
            #expect(log.contains("Fatal error: Index out of range"), "log:\n\(log)")
            #expect(log.contains("Program crashed") || log.contains("Backtracing"), "the backtracer did not run:\n\(log)")
        }
    }
}
