import Foundation
import Testing
import ThawTensor
import ThawTrainingAPI
@testable import ThawTraining

/// The BatchNorm-shift signal on the bundled ResNet pretrained on Fashion-MNIST, prepared as
/// `thaw train` prepares it (the card's own input normalisation), measured before step 1 by
/// the diagnostics monitor: quiet when the target is the source's kind of image, a warning
/// when the same images arrive inverted or rescaled, and gone after AdaBN.
@Suite("Diagnostics: BatchNorm shift on the bundled ResNet", .serialized)
struct DiagnosticsBatchNormScenarioTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func config(_ folder: String = "fashion-mnist", limit: Int = 600) -> RunConfig {
        RunConfig(seed: 1, data: DataConfig(train: "sample-data/\(folder)/train-images-idx3-ubyte.gz",
                                            labels: "sample-data/\(folder)/train-labels-idx1-ubyte.gz", limit: limit),
                  backbone: BackboneConfig(path: "sample-data/backbones/resnet18w8-fashion.json"), training: TrainingConfig(epochs: 1, batchSize: 64))
    }

    static func prepared(_ config: RunConfig = config()) throws -> PreparedRun {
        try RunBuilder.prepare(Experiment(config: config, baseDirectory: repository))
    }

    /// A trainer on the prepared run's training images after `transform` (pixels in [0, 1]).
    static func trainer(_ run: PreparedRun, _ transform: (Float) -> Float) -> Trainer {
        let train = run.data.train
        let data = Dataset(featureShape: train.featureShape, features: train.features.map(transform), labels: train.labels,
                           classNames: train.classNames)
        return Trainer(backbone: run.trainer.backbone, loader: BatchLoader(dataset: data, batchSize: 64, seed: 1, normalization: run.normalization),
                       validation: nil, inputKind: .image, optimizer: SGD(), schedule: LRSchedule(base: 0.01), options: TrainerOptions(epochs: 1))
    }

    /// What the monitor posts when the run starts, and the monitor (to feed it more).
    static func start(_ trainer: Trainer) throws -> (DiagnosticsMonitor, () -> [DiagnosticsReport]) {
        final class Box { var reports: [DiagnosticsReport] = [] }
        let box = Box()
        let monitor = DiagnosticsMonitor(trainer: trainer, isTransfer: true) { box.reports.append($0) }
        try monitor.trainer(trainer, didChangeState: .running)
        return (monitor, { box.reports })
    }

    /// Same images (quiet), a subset of their classes (label shift only: quiet), inverted or
    /// halved pixels (warning), and MNIST digits instead of clothes (a new domain: warning).
    @Test(arguments: [("source-like", false), ("classes 5-9", false), ("inverted", true), ("rescaled ×0.5", true), ("MNIST", true)])
    func shiftedTargetsWarnBeforeStepOne(_ scenario: String, _ warns: Bool) throws {
        var config = Self.config(scenario == "MNIST" ? "mnist" : "fashion-mnist")
        if scenario == "classes 5-9" { config.data.classes = ["5", "6", "7", "8", "9"] }
        let run = try Self.prepared(config)
        let trainer = Self.trainer(run, scenario == "inverted" ? { 1 - $0 } : scenario == "rescaled ×0.5" ? { 0.5 * $0 } : { $0 })
        let shift = try #require(BatchNormShiftDetector().meanShift(try trainer.batchNormStatistics()))
        let (_, reports) = try Self.start(trainer)
        let warning = reports().first { $0.kind == .batchNormShift && $0.severity == .warning }
        print("resnet18w8-fashion, target \(scenario): BatchNorm shift \(shift)")
        #expect((warning != nil) == warns, "shift \(shift)")
        if warns { #expect(warning?.actions == [.recalibrateBatchNorm]) }
    }

    @Test func adaBNClearsTheWarning() throws {
        let trainer = Self.trainer(try Self.prepared(Self.config(limit: 900)), { 1 - $0 })
        let (monitor, reports) = try Self.start(trainer)
        #expect(reports().last?.severity == .warning)
        let result = try trainer.recalibrateBatchNorm(batches: 8)
        print("AdaBN on resnet18w8-fashion, inverted target: \(result.summary)")
        #expect(result.batches == 8 && result.layers == 20)
        #expect(try #require(result.shiftAfter) < 0.01 && (result.shiftBefore ?? 0) > 0.1)
        try monitor.trainer(trainer, didRecalibrateBatchNorm: result)
        let card = try #require(reports().last)
        #expect(card.kind == .batchNormShift && card.severity == .info && card.id == "batchnorm-shift")
    }
}
