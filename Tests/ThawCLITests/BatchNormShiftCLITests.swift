import Foundation
import Testing
import ThawTestSupport

/// The BatchNorm-shift warning and AdaBN through the real binary: the bundled ResNet
/// pretrained on Fashion-MNIST, fine-tuned on MNIST digits (a new domain). `thaw train`
/// prints the warning before step 1 and logs it; with `freeze.recalibrate_batch_norm` it
/// runs AdaBN first, prints and logs what it did, and the warning does not come.
@Suite("BatchNorm shift and AdaBN through thaw train", .serialized)
struct BatchNormShiftCLITests {
    static let repository = ThawBinary.fixtures.deletingLastPathComponent().deletingLastPathComponent()

    func train(_ extra: [String]) throws -> (stderr: String, log: [[String: Any]]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thaw-adabn-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("mnist-on-fashion.yaml")
        let sample = Self.repository.appendingPathComponent("sample-data")
        try """
        name: mnist-on-fashion
        seed: 1
        data:
          train: \(sample.appendingPathComponent("mnist/train-images-idx3-ubyte.gz").path)
          labels: \(sample.appendingPathComponent("mnist/train-labels-idx1-ubyte.gz").path)
          limit: 400
        backbone: {path: \(sample.appendingPathComponent("backbones/resnet18w8-fashion.json").path)}
        freeze: {frozen: [conv1, bn1, layer1, layer2, layer3, layer4]}
        training: {epochs: 1, batch_size: 64}
        output: {runs: \(directory.appendingPathComponent("runs").path)}
        """.write(to: config, atomically: true, encoding: .utf8)
        let result = try ThawBinary.run(["train", config.path, "--quiet"] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        let runs = directory.appendingPathComponent("runs")
        let run = try #require(try FileManager.default.contentsOfDirectory(atPath: runs.path).first)
        let log = try String(contentsOf: runs.appendingPathComponent(run).appendingPathComponent("metrics.jsonl"), encoding: .utf8)
        return (result.stderr, log.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
    }

    @Test func theShiftIsReportedBeforeStepOne() throws {
        let (stderr, log) = try train([])
        #expect(stderr.contains("warning: BatchNorm statistics do not fit the target data"))
        let warning = try #require(log.first { $0["diagnostic"] as? String == "batchnorm-shift" })
        #expect(warning["step"] as? Int == 0 && warning["severity"] as? String == "warning")
        #expect((warning["actions"] as? String) == "recalibrate BatchNorm on target data")
    }

    @Test func adaBNFirstRemovesIt() throws {
        let (stderr, log) = try train(["--set", "freeze.recalibrate_batch_norm=true"])
        #expect(stderr.contains("AdaBN: re-estimated 20 BatchNorm layers"))
        let line = try #require(log.first { $0["kind"] as? String == "batchnorm-recalibration" })
        #expect(line["step"] as? Int == 0 && line["action"] as? String == "recalibrated")
        #expect((line["shift_before"] as? Double ?? 0) > 0.1 && (line["shift_after"] as? Double ?? 1) < 0.01)
        #expect(!log.contains { $0["diagnostic"] as? String == "batchnorm-shift" })
    }
}
