import Foundation
import Testing
import ThawTestSupport

/// `thaw train` driven as a user drives it, on a small generated dataset.
@Suite("thaw train", .serialized)
struct TrainCommandTests {
    /// Two well-separated classes in four features, written as `label,f1..f4` rows.
    static func makeExperiment(epochs: Int = 3, extra: String = "") throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thaw-train-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var rows = ["label,a,b,c,d"]
        for i in 0..<200 {
            let label = i % 2
            let base = label == 0 ? 0.0 : 3.0
            let v = (0..<4).map { String(format: "%.3f", base + Double((i * 37 + $0 * 11) % 17) / 17.0) }
            rows.append("\(label == 0 ? "low" : "high")," + v.joined(separator: ","))
        }
        try rows.joined(separator: "\n").write(to: directory.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
        let config = """
        name: tiny
        seed: 3
        data:
          train: data.csv
        backbone:
          hidden: [8]
        optimizer:
          kind: sgd
          lr: 0.1
        training:
          epochs: \(epochs)
          batch_size: 16
        output:
          runs: \(directory.appendingPathComponent("runs").path)
        \(extra)
        """
        let url = directory.appendingPathComponent("tiny.yaml")
        try config.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static func runDirectory(_ experiment: URL) throws -> URL {
        let runs = experiment.deletingLastPathComponent().appendingPathComponent("runs")
        let names = try FileManager.default.contentsOfDirectory(atPath: runs.path).sorted()
        return runs.appendingPathComponent(try #require(names.last))
    }

    @Test func finishesAndWritesTheRunDirectory() throws {
        let experiment = try Self.makeExperiment()
        defer { try? FileManager.default.removeItem(at: experiment.deletingLastPathComponent()) }
        let run = try ThawBinary.run(["train", experiment.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let directory = try Self.runDirectory(experiment)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        for name in ["config.yaml", "metrics.jsonl", "metrics.csv", "summary.json", "model.safetensors", "model.json", "checkpoints"] {
            #expect(files.contains(name), "\(name) missing")
        }
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("summary.json"))) as? [String: Any]
        #expect(summary?["state"] as? String == "finished")
        #expect((summary?["test_accuracy"] as? Double ?? 0) > 0.9)
        #expect(summary?["steps"] as? Int == 27) // 140 training rows / 16 = 9 batches × 3 epochs
        let lines = try String(contentsOf: directory.appendingPathComponent("metrics.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.filter { $0.contains(#""kind":"step""#) || $0.contains(#""kind":"epoch""#) }.count == 27 + 3)
        for line in lines { #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil) }
    }

    @Test func badConfigIsOneLineAndStatusOne() throws {
        let experiment = try Self.makeExperiment(extra: "optimiser:\n  lr: 1")
        defer { try? FileManager.default.removeItem(at: experiment.deletingLastPathComponent()) }
        let run = try ThawBinary.run(["train", experiment.path])
        #expect(run.status == 1)
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(run.stderr.contains(#"optimiser: unknown key; did you mean "optimizer"?"#))
    }

    @Test func missingDataFileNamesIt() throws {
        let experiment = try Self.makeExperiment(extra: "")
        defer { try? FileManager.default.removeItem(at: experiment.deletingLastPathComponent()) }
        let run = try ThawBinary.run(["train", experiment.path, "--set", "data.train=nothing.csv"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("nothing.csv"), "\(run.stderr)")
    }

    /// Ctrl-C mid-run saves a checkpoint; `--resume` then continues so that the log holds
    /// every step once, with the losses of an uninterrupted run.
    @Test func interruptedRunResumesExactly() throws {
        let experiment = try Self.makeExperiment(epochs: 150)
        defer { try? FileManager.default.removeItem(at: experiment.deletingLastPathComponent()) }
        #expect(try ThawBinary.run(["train", experiment.path, "--quiet", "--threads", "1"]).status == 0)
        let expected = try Self.losses(try Self.runDirectory(experiment))
        #expect(expected.count == 150 * 9)

        let process = Process()
        process.executableURL = ThawBinary.url
        process.arguments = ["train", experiment.path, "--quiet", "--threads", "1"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(250_000)
        process.interrupt()
        process.waitUntilExit()
        let partial = try Self.runDirectory(experiment)
        let before = try Self.losses(partial)
        guard process.terminationStatus == 130, before.count < expected.count else {
            // The run finished its steps before the signal arrived; nothing to resume.
            #expect(before == expected)
            return
        }
        let resumed = try ThawBinary.run(["train", experiment.path, "--quiet", "--threads", "1", "--resume", partial.path])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try Self.losses(partial) == expected)
    }

    @Test func resumeWithAnotherConfigurationIsRefused() throws {
        let experiment = try Self.makeExperiment(epochs: 2)
        defer { try? FileManager.default.removeItem(at: experiment.deletingLastPathComponent()) }
        #expect(try ThawBinary.run(["train", experiment.path, "--quiet"]).status == 0)
        let refused = try ThawBinary.run(["train", experiment.path, "--set", "optimizer.lr=0.2", "--resume", try Self.runDirectory(experiment).path])
        #expect(refused.status == 1 && refused.stderr.contains("optimizer.lr: 0.1 → 0.2"), "\(refused.stderr)")
    }

    @Test func learningRateFinderSuggestsARate() throws {
        let experiment = try Self.makeExperiment()
        defer { try? FileManager.default.removeItem(at: experiment.deletingLastPathComponent()) }
        let run = try ThawBinary.run(["lr-find", experiment.path, "--steps", "40"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("valley (suggested): ") && run.stdout.contains("steepest: "))
    }

    static func losses(_ directory: URL) throws -> [Double] {
        try String(contentsOf: directory.appendingPathComponent("metrics.jsonl"), encoding: .utf8).split(separator: "\n").compactMap {
            let object = try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            return object?["kind"] as? String == "step" ? object?["loss"] as? Double : nil
        }
    }
}
