import Foundation
import Testing
import ThawTestSupport

/// Issue 5's scenarios on the bundled sample data, through the real binary: the related
/// backbone raises no negative-transfer warning, the unrelated one does, `thaw rank` orders
/// them correctly, and a ×100 learning rate is called divergent within 20 steps.
@Suite("Transfer diagnostics scenarios", .serialized)
struct DiagnosticsScenarioTests {
    static let repository = ThawBinary.fixtures.deletingLastPathComponent().deletingLastPathComponent()
    static let experiments = repository.appendingPathComponent("sample-data/experiments")

    func run(_ experiment: String, _ extra: [String] = []) throws -> [[String: Any]] {
        let runs = FileManager.default.temporaryDirectory.appendingPathComponent("thaw-scenario-\(UUID())")
        defer { try? FileManager.default.removeItem(at: runs) }
        let result = try ThawBinary.run(["train", Self.experiments.appendingPathComponent(experiment).path, "--quiet",
                                         "--set", "output.runs=\(runs.path)", "--set", "training.epochs=12"] + extra,
                                        workingDirectory: Self.repository)
        #expect(result.status == 0, "\(result.stderr)")
        let directory = try #require(try FileManager.default.contentsOfDirectory(atPath: runs.path).first)
        let log = try String(contentsOf: runs.appendingPathComponent(directory).appendingPathComponent("metrics.jsonl"), encoding: .utf8)
        return log.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    func diagnostics(_ lines: [[String: Any]], _ kind: String) -> [[String: Any]] {
        lines.filter { $0["kind"] as? String == "diagnostic" && $0["diagnostic"] as? String == kind }
    }

    @Test func relatedBackboneHelps() throws {
        let lines = try run("transfer-digits59.yaml")
        let ntg = diagnostics(lines, "negative-transfer")
        #expect(!ntg.isEmpty)
        #expect(!ntg.contains { $0["severity"] as? String == "warning" })
        #expect(ntg.last?["title"] as? String == "Pretrained backbone is helping")
        #expect(diagnostics(lines, "divergence").isEmpty)
    }

    @Test func unrelatedBackboneRaisesTheWarning() throws {
        let lines = try run("negative-digits59.yaml")
        let warning = try #require(diagnostics(lines, "negative-transfer").first { $0["severity"] as? String == "warning" })
        #expect((warning["actions"] as? String ?? "").contains("switch to training from scratch"))
        #expect(diagnostics(lines, "divergence").isEmpty)
    }

    /// QUALITY G16 on the digits: an MLP trained with SGD at 0.05 is healthy; at ×100 the
    /// divergence warning (or the non-finite guard) comes within 20 steps.
    @Test(arguments: [0.05, 5.0])
    func divergenceWarningsAreTimelyAndQuiet(_ lr: Double) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thaw-g16-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("digits.yaml")
        try """
        name: digits-sgd
        seed: 1
        data: {train: \(Self.repository.appendingPathComponent("sample-data/digits/digits.csv").path), scale: 16}
        backbone: {hidden: [128]}
        optimizer: {kind: sgd, lr: \(lr), momentum: 0.9}
        training: {epochs: 5, batch_size: 32}
        output: {runs: \(directory.appendingPathComponent("runs").path)}
        """.write(to: config, atomically: true, encoding: .utf8)
        let result = try ThawBinary.run(["train", config.path, "--quiet"])
        let runs = directory.appendingPathComponent("runs")
        let run = try #require(try FileManager.default.contentsOfDirectory(atPath: runs.path).first)
        let lines = try String(contentsOf: runs.appendingPathComponent(run).appendingPathComponent("metrics.jsonl"), encoding: .utf8)
            .split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let alarms = lines.filter { ($0["kind"] as? String == "diagnostic" && $0["diagnostic"] as? String == "divergence")
            || $0["kind"] as? String == "paused" }
        if lr < 1 {
            #expect(result.status == 0 && alarms.isEmpty, "healthy run raised \(alarms)")
            #expect(diagnostics(lines, "weight-drift").isEmpty) // a run from scratch has no pretrained weights to drift from
        } else {
            let first = try #require(alarms.first, "the divergent run raised nothing")
            #expect((first["step"] as? Int ?? .max) <= 20)
        }
    }

    @Test func rankOrdersTheRelatedBackboneFirst() throws {
        let mnist = Self.repository.appendingPathComponent("sample-data/mnist")
        let result = try ThawBinary.run(["rank", "--data", mnist.appendingPathComponent("t10k-images-idx3-ubyte.gz").path,
                                         "--labels", mnist.appendingPathComponent("t10k-labels-idx1-ubyte.gz").path,
                                         "--classes", "5,6,7,8,9", "--limit", "400",
                                         "--backbones", "smallcnn-permuted", "smallcnn-mnist04"], workingDirectory: Self.repository)
        #expect(result.status == 0, "\(result.stderr)")
        let first = result.stdout.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("1 ") }
        #expect(first?.contains("smallcnn-mnist04") == true, "\(result.stdout)")
    }
}
