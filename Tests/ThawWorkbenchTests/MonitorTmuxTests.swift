import Foundation
import Testing
import ThawTestSupport

/// End to end: the real `thaw monitor` in tmux at 120×40, following a directory another
/// program writes into. Lines appended to a JSONL log show up; a new log file becomes a new
/// run; a TensorBoard event file written in two halves (as PyTorch's SummaryWriter flushes)
/// waits at the half-written record and is read when the rest arrives; `e` exports; `q` quits
/// and the terminal is exactly as before.
@Suite(.serialized) struct MonitorTmuxTests {
    static let thaw = ThawBinary.url.path
    static let available = TmuxSession.executable != nil && FileManager.default.isExecutableFile(atPath: thaw)

    /// The runs table's row of `run` (the left column of the pane).
    static func row(_ pane: String, _ run: String) -> String? {
        pane.split(separator: "\n").map { String($0.prefix(36)) }.first { $0.contains("  \(run) ") }
    }

    static func append(_ bytes: Data, to url: URL) throws {
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: bytes)
    }

    static func append(_ text: String, to url: URL) throws { try append(Data(text.utf8), to: url) }

    @Test(.enabled(if: available, "needs tmux and the thaw binary (swift build builds it)"), .timeLimit(.minutes(1)))
    func followsFilesAsTheyAreWrittenThenQuits() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thaw-mon-e2e-\(getpid())-\(UUID().uuidString.prefix(8))")
        let logs = directory.appendingPathComponent("logs")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let jsonl = logs.appendingPathComponent("a.jsonl")
        try "{\"step\": 0, \"loss\": 2.0}\n{\"step\": 1, \"loss\": 1.5}\n".write(to: jsonl, atomically: false, encoding: .utf8)

        let dir = directory.path
        let tmux = try TmuxSession(name: "thaw-mon-e2e", width: 120, height: 40)
        defer { tmux.kill() }
        try tmux.type("sh -c 'cd \(dir); stty -g > before; XDG_STATE_HOME=\(dir)/state TERM=tmux-256color \(Self.thaw) monitor "
            + "logs --interval 100 2> stderr; echo status=$? > status; stty -g > after'")

        #expect(tmux.waitFor { Self.row($0, "a.jsonl")?.contains(" 2 ") == true && $0.contains("a.jsonl 1.500") }, "\(tmux.capture())")
        #expect(tmux.display("#{alternate_on}") == "1")

        // Lines appended while it runs: the legend shows the newest value, the table the count.
        try Self.append("{\"step\": 2, \"loss\": 0.4321}\n{\"step\": 3, \"loss\": 0.3125}\n", to: jsonl)
        #expect(tmux.waitFor { Self.row($0, "a.jsonl")?.contains(" 4 ") == true && $0.contains("a.jsonl 0.3125") },
                "appended lines: \(tmux.capture())")

        // A new file in the watched directory is a new run, with its own tag's chart.
        try "{\"step\": 0, \"accuracy\": 0.777}\n".write(to: logs.appendingPathComponent("b.jsonl"), atomically: false, encoding: .utf8)
        #expect(tmux.waitFor { Self.row($0, "b.jsonl") != nil && $0.contains("b.jsonl 0.7770") && $0.contains("accuracy") },
                "new run: \(tmux.capture())")

        // A PyTorch event file cut in the middle of a record, then completed.
        let event = try Data(contentsOf: TensorBoardExpectations.directory.appendingPathComponent("pytorch/events.out.tfevents.1700000000.fixture.1.0"))
        let run = logs.appendingPathComponent("pt")
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        let file = run.appendingPathComponent("events.out.tfevents.1700000000.fixture.1.0")
        let half = event.count / 2 + 5
        try event.prefix(half).write(to: file)
        #expect(tmux.waitFor { Self.row($0, "pt")?.contains("wait") == true }, "half-written record: \(tmux.capture())")
        try Self.append(event.dropFirst(half), to: file)
        let total = TensorBoardExpectations.runs["pytorch"]?.values.reduce(0) { $0 + $1.count } ?? -1
        #expect(tmux.waitFor { Self.row($0, "pt")?.contains(" \(total) ") == true && Self.row($0, "pt")?.contains("wait") == false },
                "completed file (\(total) points): \(tmux.capture())")

        // Export: a CSV of every visible run in the working directory.
        try tmux.keys("e")
        #expect(tmux.waitFor { $0.contains("exported to \(dir)/thaw-monitor-") }, "export: \(tmux.capture())")
        let csv = try FileManager.default.contentsOfDirectory(atPath: dir).first { $0.hasPrefix("thaw-monitor-") && $0.hasSuffix(".csv") }
        let exported = try String(contentsOfFile: "\(dir)/\(try #require(csv))", encoding: .utf8)
        #expect(exported.contains("a.jsonl") && exported.contains("0.4321") && exported.contains("train/loss"))

        try tmux.keys("?")
        #expect(tmux.waitFor { $0.contains("Keys: Monitor") })
        try tmux.keys("?")
        try tmux.keys("q")
        let status = waitForFile("\(dir)/status", timeout: 15)
        #expect(status == "status=0\n", "stderr: \((try? String(contentsOfFile: "\(dir)/stderr", encoding: .utf8)) ?? "")")
        #expect(waitForFile("\(dir)/before") == waitForFile("\(dir)/after"), "stty -g changed")
        let problems = tmux.restorationProblems()
        #expect(problems.isEmpty, "\(problems)")
    }

    /// SIGTERM from outside (a `kill`, a closing SSH session's SIGHUP is handled the same
    /// way) restores the terminal and reports the signal in the exit status.
    @Test(.enabled(if: available, "needs tmux and the thaw binary"), .timeLimit(.minutes(1)))
    func aTerminatingSignalRestoresTheTerminal() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thaw-mon-sig-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "step,loss\n0,1.0\n1,0.5\n".write(to: directory.appendingPathComponent("log.csv"), atomically: false, encoding: .utf8)
        let dir = directory.path
        let tmux = try TmuxSession(name: "thaw-mon-sig", width: 100, height: 30)
        defer { tmux.kill() }
        // The inner shell writes its pid, then becomes thaw: `pid` holds the monitor's pid.
        try tmux.type("sh -c 'cd \(dir); stty -g > before; XDG_STATE_HOME=\(dir)/state TERM=tmux-256color "
            + "sh -c \"echo \\$\\$ > pid; exec \(Self.thaw) monitor log.csv\" 2> stderr; echo status=$? > status; stty -g > after'")
        #expect(tmux.waitFor { Self.row($0, "log.csv") != nil }, "\(tmux.capture())")
        let pid = try #require(waitForFile("\(dir)/pid").flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        #expect(kill(pid, SIGTERM) == 0)
        #expect(waitForFile("\(dir)/status", timeout: 15) == "status=\(128 + SIGTERM)\n")
        #expect(waitForFile("\(dir)/before") == waitForFile("\(dir)/after"), "stty -g changed")
        let problems = tmux.restorationProblems()
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test(.enabled(if: available, "needs tmux and the thaw binary"))
    func withoutATerminalItPointsToOnce() throws {
        let result = try Spawn.run(["/bin/sh", "-c", "TERM=dumb \(Self.thaw) monitor /tmp 2>&1; echo status=$?"])
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 2, "\(result.output)")
        #expect(lines.first?.contains("thaw monitor --once /tmp") == true)
        #expect(lines.last == "status=2")
    }
}
