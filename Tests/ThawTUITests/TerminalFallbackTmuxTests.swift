import Foundation
import Testing
import ThawTestSupport

/// The demo in tmux under terminals it cannot use (it must print one line and exit 2
/// without touching the tty), and through resizes down to 1×1 and back.
@Suite struct TerminalFallbackTmuxTests {
    static let available = TerminalGuardTmuxTests.available

    @Test(.enabled(if: available, "needs tmux and the tui-demo binary"), arguments: [
        ("TERM=dumb", "TERM=dumb cannot show a full-screen interface"),
        ("TERM=nonexistent-terminal", "unknown terminal type TERM=nonexistent-terminal"),
        ("unset TERM;", "TERM is not set"),
        ("TERM=tmux-256color", "standard output is not a terminal"),  // stdout piped below
        ("TERM=tmux-256color", "standard input is not a terminal"),   // stdin from /dev/null
    ])
    func unusableTerminalGivesOneLineAndStatus2(setup: String, message: String) throws {
        let tag = "\(abs(message.hashValue % 100_000))"
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("thaw-fallback-\(getpid())-\(tag)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let tmux = try TmuxSession(name: "thaw-fallback-\(tag)")
        defer { tmux.kill() }
        let redirect = message.contains("output") ? " | cat" : message.contains("input") ? " < /dev/null" : ""
        try tmux.type("sh -c 'stty -g > \(dir)/before; \(setup) \(TerminalGuardTmuxTests.demo!) --log \(dir)/log"
            + " 2> \(dir)/stderr\(redirect); echo status=$? > \(dir)/status; stty -g > \(dir)/after'")
        let status = try #require(waitForFile("\(dir)/status"))
        // Through `| cat` the shell reports cat's status; the message still must be right.
        if redirect != " | cat" { #expect(status == "status=2\n") }
        let stderr = (try? String(contentsOfFile: "\(dir)/stderr", encoding: .utf8)) ?? ""
        #expect(stderr.split(separator: "\n").count == 1, "stderr: \(stderr)")
        #expect(stderr.contains(message), "stderr: \(stderr)")
        #expect(waitForFile("\(dir)/before") == waitForFile("\(dir)/after"))
        #expect(tmux.display("#{alternate_on}") == "0")
    }

    @Test(.enabled(if: available, "needs tmux and the tui-demo binary"))
    func resizesDownToOneCellAndBack() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("thaw-resize-\(getpid())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let tmux = try TmuxSession(name: "thaw-resize", width: 80, height: 24)
        defer { tmux.kill() }
        try tmux.type("sh -c 'TERM=tmux-256color \(TerminalGuardTmuxTests.demo!) --log \(dir)/log; "
            + "echo status=$? > \(dir)/status'")
        #expect(tmux.waitFor { $0.contains("Thaw TUI demo") })
        for (w, h) in [(40, 10), (2, 80), (80, 2), (1, 1), (300, 100), (30, 5)] {
            try tmux.run(["resize-window", "-x", "\(w)", "-y", "\(h)"])
            if w * h == 1 {
                // The only cell is the bottom-right one, which curses never writes on a
                // terminal with automatic margins: nothing to see, but it must survive.
                usleep(300_000)
            } else if w < 60 || h < 16 {
                // Wide enough sizes show the notice; 2×80 shows what fits.
                let expected = w >= 20 ? "too small" : (w >= 5 ? "60×16" : "!")
                #expect(tmux.waitFor(timeout: 5) { $0.contains(expected) }, "\(w)×\(h):\n\(tmux.capture())")
            } else {
                #expect(tmux.waitFor(timeout: 5) { $0.contains("Thaw TUI demo") }, "\(w)×\(h)")
            }
        }
        try tmux.run(["resize-window", "-x", "100", "-y", "30"])
        #expect(tmux.waitFor(timeout: 5) { $0.contains("Thaw TUI demo") && $0.contains("Layers") })
        try tmux.keys("q")
        #expect(waitForFile("\(dir)/status") == "status=0\n")
    }
}
