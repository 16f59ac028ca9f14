import Foundation
import Testing
@testable import ThawMonitor

/// Following real files: growth, rewrites of every kind, runs that appear later, files that
/// cannot be read, and the watcher thread.
@Suite struct FollowTests {
    static func loss(_ engine: MonitorEngine, run: Int = 0) -> [Double] {
        engine.snapshots.indices.contains(run) ? (engine.snapshots[run].data.tags["loss"]?.points.map(\.value) ?? []) : []
    }

    @Test func appendedLinesArriveAndAHalfWrittenOneWaits() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("log.jsonl", "{\"step\": 1, \"loss\": 1.0}\n")
        var engine = MonitorEngine(roots: [dir.file("log.jsonl")])
        engine.poll(now: 0)
        #expect(Self.loss(engine) == [1.0])
        try dir.append("log.jsonl", "{\"step\": 2, \"loss\": 0.5}\n{\"step\": 3, \"lo")
        engine.poll(now: 0.3)
        #expect(Self.loss(engine) == [1.0, 0.5])
        #expect(engine.snapshots[0].isWaiting)
        try dir.append("log.jsonl", "ss\": 0.25}\n")
        engine.poll(now: 0.6)
        #expect(Self.loss(engine) == [1.0, 0.5, 0.25])
        #expect(!engine.snapshots[0].isWaiting)
    }

    @Test func aLineWithoutNewlineIsReadAfterTheFileGoesQuiet() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("log.csv", "step,loss\n1,0.5\n2,0.25")
        var engine = MonitorEngine(roots: [dir.file("log.csv")])
        engine.poll(now: 0)
        #expect(Self.loss(engine) == [0.5])
        engine.poll(now: 1)
        #expect(Self.loss(engine) == [0.5], "not yet: a writer may be mid-number")
        engine.poll(now: 2.5)
        #expect(Self.loss(engine) == [0.5, 0.25])
    }

    @Test func truncatedReplacedAndRewrittenFilesAreReadAgain() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("log.jsonl", "{\"step\": 1, \"loss\": 1.0}\n{\"step\": 2, \"loss\": 0.9}\n")
        var engine = MonitorEngine(roots: [dir.file("log.jsonl")])
        engine.poll(now: 0)
        // Truncated: smaller than what was read.
        try dir.write("log.jsonl", "{\"step\": 1, \"loss\": 3.0}\n")
        engine.poll(now: 1)
        engine.poll(now: 1)
        #expect(Self.loss(engine) == [3.0])
        #expect(engine.snapshots[0].restarts == 1 && engine.snapshots[0].lastRestart?.contains("was truncated") == true)
        // Replaced: a new file renamed over the old one (log rotation, atomic rewrite).
        try dir.write("new.jsonl", "{\"step\": 1, \"loss\": 4.0}\n{\"step\": 2, \"loss\": 3.5}\n")
        _ = rename(dir.file("new.jsonl"), dir.file("log.jsonl"))
        engine.poll(now: 2)
        engine.poll(now: 2)
        #expect(Self.loss(engine) == [4.0, 3.5])
        #expect(engine.snapshots[0].lastRestart?.contains("was replaced") == true)
        // Rewritten in place, larger than before, with the same first line: only the bytes
        // read last tell.
        let handle = try #require(FileHandle(forWritingAtPath: dir.file("log.jsonl")))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data("{\"step\": 1, \"loss\": 4.0}\n{\"step\": 2, \"loss\": 2.0}\n{\"step\": 3, \"loss\": 1.0}\n".utf8))
        try handle.close()
        engine.poll(now: 3)
        engine.poll(now: 3)
        #expect(Self.loss(engine) == [4.0, 2.0, 1.0])
        #expect(engine.snapshots[0].restarts == 3)
    }

    @Test func runsThatAppearLaterArePickedUp() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var engine = MonitorEngine(roots: [dir.path])
        engine.poll(now: 0)
        #expect(engine.snapshots.isEmpty)
        try dir.write("a/events.out.tfevents.1.host", "")
        try dir.append("a/events.out.tfevents.1.host", EventBytes.file([EventBytes.event(step: 5, values: [EventBytes.simpleValue("loss", 0.5)])]))
        try dir.write("b/metrics.csv", "epoch,step,loss\n0,10,0.75\n")
        try dir.write("data.csv", "label,a,b\n1,2,3\n")  // a dataset, not a log
        try dir.write("notes.csv", "")                    // format not known yet
        engine.poll(now: 1)
        #expect(engine.snapshots.isEmpty, "rescans every 2 s")
        engine.poll(now: 2.5)
        #expect(engine.snapshots.map(\.name) == ["a", "b/metrics.csv"])
        #expect(engine.snapshots.map(\.format) == [.tensorBoard, .csv])
        #expect(Self.loss(engine, run: 0) == [0.5] && Self.loss(engine, run: 1) == [0.75])
        // A second event file of a known run (a restarted writer) joins that run.
        try dir.write("a/events.out.tfevents.2.host", "")
        try dir.append("a/events.out.tfevents.2.host", EventBytes.file([EventBytes.event(step: 6, values: [EventBytes.simpleValue("loss", 0.25)])]))
        engine.poll(now: 5)
        #expect(engine.snapshots.count == 2 && engine.snapshots[0].files.count == 2)
        #expect(Self.loss(engine, run: 0) == [0.5, 0.25])
    }

    @Test func thawRunDirectoriesAreRecognised() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("digits-1/config.yaml", "name: digits\n")
        try dir.write("digits-1/metrics.csv", "kind,step,loss\nstep,1,9\n")
        try dir.write("digits-1/metrics.jsonl", "{\"kind\":\"step\",\"step\":1,\"epoch\":0,\"loss\":0.5}\n")
        var engine = MonitorEngine(roots: [dir.path])
        engine.poll(now: 0)
        #expect(engine.snapshots.map(\.name) == ["digits-1"])
        #expect(engine.snapshots.first?.format == .thawRun && engine.snapshots.first?.files.count == 1)
        #expect(Self.loss(engine) == [0.5])
    }

    @Test func unreadablePathsGetOneLineAndTheRestKeepsGoing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("good.jsonl", "{\"step\": 1, \"loss\": 1.0}\n")
        try dir.write("binary.dat", "\u{01}\u{02}\u{03}")
        _ = mkfifo(dir.file("pipe.jsonl"), 0o600)
        var engine = MonitorEngine(roots: [dir.file("missing.jsonl"), dir.file("binary.dat"), dir.file("pipe.jsonl"), dir.file("good.jsonl")])
        engine.poll(now: 0)
        #expect(engine.rootProblems == ["\(dir.file("missing.jsonl")): no such file or directory (waiting for it to appear)",
                                        "\(dir.file("binary.dat")): not a JSONL, CSV or TensorBoard event file"])
        let snapshots = engine.snapshots
        #expect(snapshots.map(\.format) == [.jsonl, .jsonl])
        #expect(snapshots[0].files[0].notes.error == "not a regular file")
        #expect(Self.loss(engine, run: 1) == [1.0])
        // The missing file appears: it is picked up at the next scan.
        try dir.write("missing.jsonl", "{\"step\": 1, \"loss\": 2.0}\n")
        engine.poll(now: 3)
        #expect(engine.rootProblems.count == 1 && engine.snapshots.count == 3)
        #expect(Self.loss(engine, run: 2) == [2.0])
    }

    @Test func aVanishedFileKeepsWhatWasRead() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("log.jsonl", "{\"step\": 1, \"loss\": 1.0}\n")
        var engine = MonitorEngine(roots: [dir.file("log.jsonl")])
        engine.poll(now: 0)
        try FileManager.default.removeItem(atPath: dir.file("log.jsonl"))
        engine.poll(now: 1)
        #expect(Self.loss(engine) == [1.0])
        #expect(engine.snapshots[0].files[0].notes.error == "no longer exists; showing what was read")
    }

    @Test func aHugeFileIsReadInBoundedSteps() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let line = "{\"step\": 1, \"loss\": 0.5}\n"
        let lines = 200_000
        _ = FileManager.default.createFile(atPath: dir.file("big.jsonl"), contents: Data(String(repeating: line, count: lines).utf8))
        var options = MonitorOptions()
        options.pollBudget = 1 << 20
        var engine = MonitorEngine(roots: [dir.file("big.jsonl")], options: options)
        let first = engine.poll(now: 0)
        #expect(first.bytesRead == 1 << 20 && first.moreWaiting)
        var polls = 1
        while true {
            polls += 1
            if !engine.poll(now: 0).moreWaiting { break }
        }
        #expect(polls == ((line.utf8.count * lines) >> 20) + 1)
        #expect(engine.snapshots[0].data.tags["loss"]?.count == lines)
    }

    @Test(.timeLimit(.minutes(1)))
    func theWatcherThreadPublishesChangesAndStops() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("log.jsonl", "{\"step\": 1, \"loss\": 1.0}\n")
        let watcher = MonitorWatcher(roots: [dir.file("log.jsonl")], interval: .milliseconds(20))
        watcher.start()
        func waitForLoss(_ count: Int) -> Bool {
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline {
                if let run = watcher.drain().runs.last, run.data.tags["loss"]?.count == count { return true }
                usleep(10_000)
            }
            return false
        }
        #expect(waitForLoss(1))
        try dir.append("log.jsonl", "{\"step\": 2, \"loss\": 0.5}\n")
        #expect(waitForLoss(2))
        #expect(watcher.stop())
    }
}
