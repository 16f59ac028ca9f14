import Foundation
import Testing
import ThawSafeTensors
import ThawTrainingAPI
@testable import ThawTraining

/// `diagnostics.source_probe`: read from the experiment file, checked before training, and
/// refused with the file and the key when it cannot measure the source task.
@Suite("Diagnostics: the source probe's configuration", .serialized)
struct SourceProbeConfigTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let mnist = "sample-data/mnist/"

    /// Digits 5–9 on the bundled SmallCNN pretrained on digits 0–4, with a probe of the MNIST
    /// test images of digits 0–4.
    static func config(probe: DataConfig? = DataConfig(train: mnist + "t10k-images-idx3-ubyte.gz", labels: mnist + "t10k-labels-idx1-ubyte.gz",
                                                       limit: 200),
                       backbone: String = "sample-data/backbones/smallcnn-mnist04.json") -> RunConfig {
        RunConfig(seed: 1, data: DataConfig(train: mnist + "train-images-idx3-ubyte.gz", labels: mnist + "train-labels-idx1-ubyte.gz",
                                            limit: 200, classes: ["5", "6", "7", "8", "9"]),
                  backbone: BackboneConfig(path: backbone), training: TrainingConfig(epochs: 1, batchSize: 32),
                  diagnostics: DiagnosticsConfig(sourceProbe: probe))
    }

    func prepare(_ config: RunConfig) throws -> PreparedRun {
        try RunBuilder.prepare(Experiment(config: config, baseDirectory: Self.repository))
    }

    func refusal(_ config: RunConfig) -> ConfigError? {
        do { _ = try prepare(config) } catch let error as ConfigError { return error } catch { Issue.record("not a ConfigError: \(error)") }
        return nil
    }

    @Test func theKeyIsReadAndLeftOutWhenAbsent() throws {
        let text = """
        name: probe
        data: {train: digits.csv, shape: [1, 8, 8], scale: 16}
        backbone: {name: smallcnn-mnist04}
        diagnostics:
          source_probe:
            train: t10k-images.gz
            labels: t10k-labels.gz
            classes: ["0", "1", "2", "3", "4"]
        """
        let experiment = try ExperimentFile.parse(text, file: "exp.yaml")
        let probe = try #require(experiment.config.diagnostics.sourceProbe)
        #expect(probe.train == "t10k-images.gz" && probe.labels == "t10k-labels.gz" && probe.classes?.count == 5)
        #expect(experiment.canonicalJSON.contains(#""source_probe":{"#))
        #expect(!(try ExperimentFile.parse("data: {train: d.csv}", file: "exp.yaml").canonicalJSON.contains("source_probe")))
    }

    @Test func fileErrorsNameTheLineAndKey() {
        func error(_ text: String) -> String {
            do { _ = try ExperimentFile.parse(text, file: "exp.yaml"); return "accepted" } catch { return "\(error)" }
        }
        let scratch = "data: {train: d.csv}\nbackbone: {name: smallcnn-mnist04, scratch: true}\ndiagnostics:\n  source_probe: {train: p.csv}"
        #expect(error(scratch) == "exp.yaml:4: diagnostics.source_probe: " + SourceProbe.scratchMessage)
        #expect(error("data: {train: d.csv}\ndiagnostics:\n  source_probe: {train: p.csv}").hasPrefix("exp.yaml:3: diagnostics.source_probe: a run without"))
        #expect(error("data: {train: d.csv}\nbackbone: {name: b}\ndiagnostics:\n  source_probe: {train: p.csv, label: l.gz}")
            .hasPrefix("exp.yaml:4: diagnostics.source_probe.label: unknown key"))
        #expect(error("data: {train: d.csv}\nbackbone: {name: b}\ndiagnostics:\n  source_probe: {labels: l.gz}")
            .contains("diagnostics.source_probe.train"))
    }

    @Test func theProbeReadsTheSourceTask() throws {
        let run = try prepare(Self.config())
        let probe = try #require(run.sourceProbe)
        #expect(probe.data.classNames == ["0", "1", "2", "3", "4"] && probe.data.count > 80)
        let accuracy = try probe.accuracy(of: run.trainer.backbone, batchSize: 64, batch: run.trainer.backboneBatch)
        print("smallcnn-mnist04 on its source probe (\(probe.data.count) MNIST test digits 0–4): accuracy \(accuracy)")
        #expect(accuracy > 0.95)
        #expect(try prepare(Self.config(probe: nil)).sourceProbe == nil)
    }

    @Test func aMissingFileIsNamed() throws {
        let error = try #require(refusal(Self.config(probe: DataConfig(train: Self.mnist + "nope.gz", labels: Self.mnist + "t10k-labels-idx1-ubyte.gz"))))
        #expect(error.path == "diagnostics.source_probe.train" && error.file.hasSuffix("nope.gz") && error.message.hasPrefix("no such file"))
        let labels = try #require(refusal(Self.config(probe: DataConfig(train: Self.mnist + "t10k-images-idx3-ubyte.gz"))))
        #expect(labels.path == "diagnostics.source_probe.labels", "\(labels)")
    }

    @Test func theClassesMustBeTheSourceHeads() throws {
        var probe = try #require(Self.config().diagnostics.sourceProbe)
        probe.classes = ["0", "1", "2"]
        let count = try #require(refusal(Self.config(probe: probe)))
        #expect(count.path == "diagnostics.source_probe.classes" && count.file.hasSuffix("t10k-images-idx3-ubyte.gz"))
        #expect(count.message.hasPrefix("3 classes (0, 1, 2), but the source head of smallcnn-mnist04 has 5 (0, 1, 2, 3, 4)"), "\(count)")
        probe.classes = ["0", "1", "2", "3", "x"]
        let unknown = try #require(refusal(Self.config(probe: probe)))
        #expect(unknown.path == "diagnostics.source_probe.classes" && unknown.message.hasPrefix(#"no class "x""#), "\(unknown)")
    }

    @Test func weightsWithoutTheirSourceHeadAreRefused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thaw-headless-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let backbones = Self.repository.appendingPathComponent("sample-data/backbones")
        try FileManager.default.copyItem(at: backbones.appendingPathComponent("smallcnn-mnist04.json"),
                                         to: directory.appendingPathComponent("smallcnn-mnist04.json"))
        let weights = try SafeTensorsFile(contentsOf: backbones.appendingPathComponent("smallcnn-mnist04.safetensors"))
        var writer = SafeTensorsWriter()
        for tensor in weights.tensors where !tensor.name.hasPrefix("classifier.2.") {
            try writer.add(tensor.name, shape: tensor.shape, floats: try weights.floats(tensor.name))
        }
        try writer.write(to: directory.appendingPathComponent("smallcnn-mnist04.safetensors"))
        let card = directory.appendingPathComponent("smallcnn-mnist04.json").path
        #expect(try prepare(Self.config(probe: nil, backbone: card)).loadReport != nil) // usable for transfer without a probe
        let error = try #require(refusal(Self.config(backbone: card)))
        #expect(error.path == "diagnostics.source_probe" && error.file.hasSuffix("smallcnn-mnist04.safetensors"))
        #expect(error.message.contains("have no source head (classifier.2."), "\(error)")
    }

    @Test func probeImagesMustFitTheBackbone() throws {
        let error = try #require(refusal(Self.config(probe: DataConfig(train: "sample-data/digits/digits.csv", shape: [1, 8, 8], scale: 16))))
        #expect(error.path == "diagnostics.source_probe.shape" && error.file.hasSuffix("digits.csv"), "\(error)")
        #expect(error.message == "the backbone reads examples of shape [1, 28, 28], the data has [1, 8, 8]", "\(error)")
    }
}
