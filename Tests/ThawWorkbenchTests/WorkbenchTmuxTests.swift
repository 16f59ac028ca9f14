import Foundation
import Testing
import ThawTestSupport

/// End to end: the real `thaw` binary in tmux at 120×40. Pick a backbone, start training,
/// see the loss move, pause, quit with confirmation; the terminal must be exactly as before.
@Suite(.serialized) struct WorkbenchTmuxTests {
    static let thaw = ThawBinary.url.path
    static let available = TmuxSession.executable != nil && FileManager.default.isExecutableFile(atPath: thaw)

    /// Two classes in four features (as the `thaw train` tests make), an experiment that
    /// trains long enough to be watched, and a tiny pretrained MLP in `backbones/`.
    static func makeWorkspace() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thaw-wb-e2e-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("backbones"), withIntermediateDirectories: true)
        var rows = ["label,a,b,c,d"]
        for i in 0..<200 {
            let label = i % 2
            let v = (0..<4).map { String(format: "%.3f", (label == 0 ? 0.0 : 3.0) + Double((i * 37 + $0 * 11) % 17) / 17.0) }
            rows.append("\(label == 0 ? "low" : "high")," + v.joined(separator: ","))
        }
        try rows.joined(separator: "\n").write(to: directory.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
        func experiment(_ name: String, epochs: Int, runs: String) -> String {
            """
            name: \(name)
            seed: 3
            data:
              train: data.csv
            backbone:
              hidden: [8]
            optimizer:
              kind: sgd
              lr: 0.05
            training:
              epochs: \(epochs)
              batch_size: 16
            output:
              runs: \(directory.appendingPathComponent(runs).path)
            """
        }
        try experiment("pre", epochs: 1, runs: "pretrain").write(to: directory.appendingPathComponent("pre.yaml"), atomically: true, encoding: .utf8)
        try experiment("tiny", epochs: 3000, runs: "runs").write(to: directory.appendingPathComponent("tiny.yaml"), atomically: true, encoding: .utf8)
        // The pretrained backbone: a one-epoch run's exported model, renamed.
        let pretrain = try Spawn.run([thaw, "train", directory.appendingPathComponent("pre.yaml").path, "--quiet"])
        guard pretrain.status == 0 else { throw TmuxSession.TmuxError("pretraining failed: \(pretrain.output)") }
        let runs = directory.appendingPathComponent("pretrain")
        let run = runs.appendingPathComponent(try #require(FileManager.default.contentsOfDirectory(atPath: runs.path).first))
        var card = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: run.appendingPathComponent("model.json"))) as? [String: Any])
        card["name"] = "tiny-mlp"
        card["weights"] = "tiny-mlp.safetensors"
        try JSONSerialization.data(withJSONObject: card, options: [.prettyPrinted, .sortedKeys])
            .write(to: directory.appendingPathComponent("backbones/tiny-mlp.json"))
        try FileManager.default.copyItem(at: run.appendingPathComponent("model.safetensors"),
                                         to: directory.appendingPathComponent("backbones/tiny-mlp.safetensors"))
        return directory
    }

    /// The stats line under the progress bar ("running 12%  ·  loss 0.0421 …").
    static func statsLine(_ pane: String) -> String? {
        pane.split(separator: "\n").map(String.init).first { $0.contains("loss ") && $0.contains("samples/s") }
    }

    @Test(.enabled(if: available, "needs tmux and the thaw binary (swift build builds it)"), .timeLimit(.minutes(1)))
    func chooseTrainPauseQuit() throws {
        let directory = try Self.makeWorkspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let dir = directory.path
        let tmux = try TmuxSession(name: "thaw-wb-e2e", width: 120, height: 40)
        defer { tmux.kill() }
        try tmux.type("sh -c 'cd \(dir); stty -g > before; XDG_STATE_HOME=\(dir)/state TERM=tmux-256color \(Self.thaw) workbench "
            + "tiny.yaml --backbones \(dir)/backbones 2> stderr; echo status=$? > status; stty -g > after'")

        #expect(tmux.waitFor { $0.contains("Backbones") && $0.contains("tiny-mlp") && $0.contains("MLP(") }, "\(tmux.capture())")
        #expect(tmux.display("#{alternate_on}") == "1")
        try tmux.keys("Enter")
        // The card pane confirms the choice (the status line may already show something newer).
        #expect(tmux.waitFor { $0.contains("used by the experiment") }, "choosing the backbone: \(tmux.capture())")

        try tmux.keys("s")
        #expect(tmux.waitFor { Self.statsLine($0) != nil && $0.contains("Loss") }, "no training: \(tmux.capture())")
        let first = tmux.capture()
        #expect(tmux.waitFor(timeout: 5) { pane in pane != first && Self.statsLine(pane) != Self.statsLine(first) },
                "the monitor did not move")

        try tmux.keys("s")
        #expect(tmux.waitFor { pane in pane.split(separator: "\n").first?.contains("paused") == true }, "no pause: \(tmux.capture())")
        let paused = tmux.capture()
        usleep(400_000)
        #expect(Self.statsLine(tmux.capture()) == Self.statsLine(paused), "still training while paused")

        try tmux.keys("q")
        #expect(tmux.waitFor { $0.contains("Quit Thaw?") }, "no confirmation: \(tmux.capture())")
        try tmux.keys("y")
        let status = waitForFile("\(dir)/status", timeout: 15)
        #expect(status == "status=0\n", "stderr: \((try? String(contentsOfFile: "\(dir)/stderr", encoding: .utf8)) ?? "")")
        #expect(waitForFile("\(dir)/before") == waitForFile("\(dir)/after"), "stty -g changed")
        let problems = tmux.restorationProblems()
        #expect(problems.isEmpty, "\(problems)")
        // Quitting stopped the run cleanly: its summary says so.
        let runs = directory.appendingPathComponent("runs")
        let run = try #require(try FileManager.default.contentsOfDirectory(atPath: runs.path).first)
        let summary = try String(contentsOf: runs.appendingPathComponent(run).appendingPathComponent("summary.json"), encoding: .utf8)
        #expect(summary.contains("\"stopped\""))
    }

    /// Ctrl-C while training: the run finishes its step and saves a checkpoint, the terminal
    /// comes back exactly as it was, and the shell sees a death by SIGINT (130).
    @Test(.enabled(if: available, "needs tmux and the thaw binary (swift build builds it)"), .timeLimit(.minutes(1)))
    func ctrlCStopsTheRunWithACheckpoint() throws {
        let directory = try Self.makeWorkspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let dir = directory.path
        let tmux = try TmuxSession(name: "thaw-wb-ctrlc", width: 120, height: 40)
        defer { tmux.kill() }
        // `trap : INT` keeps the wrapper shell alive to record the status without making thaw ignore SIGINT.
        try tmux.type("sh -c 'trap : INT; cd \(dir); stty -g > before; XDG_STATE_HOME=\(dir)/state TERM=tmux-256color \(Self.thaw) "
            + "workbench tiny.yaml --backbones \(dir)/backbones 2> stderr; echo status=$? > status; stty -g > after'")
        #expect(tmux.waitFor { $0.contains("Backbones") && $0.contains("tiny-mlp") }, "\(tmux.capture())")
        try tmux.keys("s")
        #expect(tmux.waitFor { Self.statsLine($0) != nil }, "no training: \(tmux.capture())")
        try tmux.keys("C-c")
        let status = waitForFile("\(dir)/status", timeout: 20)
        #expect(status == "status=130\n", "stderr: \((try? String(contentsOfFile: "\(dir)/stderr", encoding: .utf8)) ?? "")")
        #expect(waitForFile("\(dir)/before") == waitForFile("\(dir)/after"), "stty -g changed")
        #expect(tmux.display("#{alternate_on}") == "0")
        let runs = directory.appendingPathComponent("runs")
        let run = runs.appendingPathComponent(try #require(try FileManager.default.contentsOfDirectory(atPath: runs.path).first))
        let summary = try String(contentsOf: run.appendingPathComponent("summary.json"), encoding: .utf8)
        #expect(summary.contains("\"stopped\""), "\(summary)")
        #expect(FileManager.default.fileExists(atPath: run.appendingPathComponent("checkpoints/last.safetensors").path))
    }

    @Test(.enabled(if: available, "needs tmux and the thaw binary"))
    func withoutATerminalItPointsToTheHeadlessCommand() throws {
        let result = try Spawn.run(["/bin/sh", "-c", "TERM=dumb \(Self.thaw) workbench 2>&1; echo status=$?"])
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 2, "\(result.output)")
        #expect(lines.first?.contains("thaw train") == true)
        #expect(lines.last == "status=2")
    }
}
