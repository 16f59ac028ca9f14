import Foundation
import Testing
import ThawSafeTensors
import ThawTestSupport

/// `kill -9` at random instants while `thaw train` checkpoints after every step: the
/// checkpoint path must always hold a complete file (the old one or the new one), and the
/// temporary files a kill leaves are swept by the next start (QUALITY G6).
@Suite("Checkpoints under kill -9", .serialized)
struct CheckpointKillTests {
    static let arguments = ["--quiet", "--threads", "1", "--set", "training.checkpoint_every=1", "--set", "backbone.hidden=[256, 256]"]

    func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = ThawBinary.url
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test func everyKillLeavesACompleteCheckpoint() throws {
        let experiment = try TrainCommandTests.makeExperiment(epochs: 100_000)
        defer { try? FileManager.default.removeItem(at: experiment.deletingLastPathComponent()) }
        var generator = SystemRandomNumberGenerator()
        var checked = 0
        var runDirectory: URL?
        for round in 0..<20 {
            let resume = runDirectory.map { ["--resume", $0.path] } ?? []
            let process = try start(["train", experiment.path] + Self.arguments + resume)
            usleep(UInt32.random(in: 200_000...500_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            guard let directory = runDirectory ?? (try? TrainCommandTests.runDirectory(experiment)) else { continue }
            let checkpoint = directory.appendingPathComponent("checkpoints/last.safetensors")
            guard FileManager.default.fileExists(atPath: checkpoint.path) else { continue } // killed before the first save
            runDirectory = directory // later rounds resume here, so kills also land in resumed runs
            let file = try SafeTensorsFile(contentsOf: checkpoint) // throws on a torn or partial file
            #expect(file.metadata["thaw"] != nil, "round \(round)")
            checked += 1
        }
        #expect(checked >= 10)

        // A stale temporary file, as a kill between write and rename leaves it, is swept by the next start.
        let directory = try #require(runDirectory)
        let stale = directory.appendingPathComponent("checkpoints/.last.safetensors.thaw-tmp-1-x")
        try Data("partial".utf8).write(to: stale)
        let process = try start(["train", experiment.path] + Self.arguments + ["--resume", directory.path])
        usleep(300_000)
        process.interrupt()
        process.waitUntilExit()
        #expect(!FileManager.default.fileExists(atPath: stale.path))

        // G9: after all the kills and resumes, the log holds every step exactly once, each line whole.
        let lines = try String(contentsOf: directory.appendingPathComponent("metrics.jsonl"), encoding: .utf8).split(separator: "\n")
        let objects = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.count == lines.count)
        let steps = objects.filter { $0["kind"] as? String == "step" }.compactMap { $0["step"] as? Int }
        #expect(!steps.isEmpty && steps == Array(1...steps.count))
        #expect(try SafeTensorsFile(contentsOf: directory.appendingPathComponent("checkpoints/last.safetensors")).metadata["thaw"] != nil)
    }
}
