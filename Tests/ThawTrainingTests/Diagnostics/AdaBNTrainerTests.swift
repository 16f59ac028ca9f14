import Foundation
import Synchronization
import Testing
import ThawModels
import ThawNN
import ThawTensor
import ThawTrainingAPI
@testable import ThawTraining

/// 1×8×8 images of three classes (a bright row band per class) plus noise, rescaled by
/// `scale` and moved by `shift`: the source is (1, 0), a shifted target e.g. (3, 2).
func bandImages(count: Int, scale: Float = 1, shift: Float = 0, seed: UInt64) -> Dataset {
    var generator = SeededGenerator(seed: seed)
    var features: [Float] = [], labels: [Int] = []
    for i in 0..<count {
        let label = i % 3
        for row in 0..<8 {
            for _ in 0..<8 { features.append(scale * ((row / 3 == label ? 1 : 0) + 0.3 * generator.nextNormal()) + shift) }
        }
        labels.append(label)
    }
    return Dataset(featureShape: [1, 8, 8], features: features, labels: labels, classNames: ["a", "b", "c"])
}

/// A ResNet-18 layout of base width 2 (CIFAR stem, 20 BatchNorm layers) whose running
/// statistics were learned on the source images, on a trainer for `data`.
func bandTrainer(_ data: Dataset, seed: UInt64 = 1, epochs: Int = 2) throws -> Trainer {
    var generator = SeededGenerator(seed: 4)
    let model = try ResNet(ResNetConfig(depth: 18, classes: 3, stem: .cifar, inputChannels: 1, baseWidth: 2), generator: &generator)
    try withNoGradient {
        model.setTraining(true)
        let source = bandImages(count: 320, seed: 9)
        for start in stride(from: 0, to: 320, by: 32) { _ = try model.logits(.dense(source.inputs(indices: Array(start..<start + 32)))) }
    }
    return Trainer(backbone: model, loader: BatchLoader(dataset: data, batchSize: 16, seed: seed), validation: nil, inputKind: .image,
                   optimizer: SGD(momentum: 0.9), schedule: LRSchedule(base: 0.02), options: TrainerOptions(epochs: epochs))
}

func runningStatistics(_ trainer: Trainer) -> [[Float]] {
    trainer.backbone.namedTensors().filter(\.isBuffer).map(\.parameter.value.scalars)
}

@Suite("AdaBN in the trainer and the engine")
struct AdaBNTrainerTests {
    @Test func recalibrateThenRestore() throws {
        let trainer = try bandTrainer(bandImages(count: 96, scale: 3, shift: 2, seed: 1))
        let weights = trainer.backbone.namedParameters().map(\.parameter.value.scalars)
        let original = runningStatistics(trainer)
        let position = trainer.position
        let result = try trainer.recalibrateBatchNorm(batches: 4)
        #expect(result.kind == .recalibrated && result.layers == 20 && result.batches == 4 && result.examples == 64)
        let (before, after) = (try #require(result.shiftBefore), try #require(result.shiftAfter))
        print("band images ×3 + 2, tiny ResNet: shift \(before) → \(after) in \(result.seconds) s")
        #expect(before > 0.5 && after < 0.05)
        #expect(trainer.backbone.namedParameters().map(\.parameter.value.scalars) == weights)
        #expect(trainer.position == position) // the training batches are untouched
        let undone = try trainer.restoreBatchNormStatistics()
        #expect(undone.kind == .restored && undone.layers == 20)
        #expect(runningStatistics(trainer) == original)
        #expect(try trainer.restoreBatchNormStatistics().layers == 0) // nothing left to undo
    }

    @Test func aModelWithoutBatchNormIsLeftAlone() throws {
        let result = try makeTrainer().recalibrateBatchNorm()
        #expect(result.layers == 0 && result.shiftBefore == nil)
        #expect(result.summary.contains("nothing to recalibrate"))
    }

    /// QUALITY G7 with AdaBN before training: the statistics it sets travel in the checkpoint,
    /// and the resumed run (which skips the start command) continues exactly.
    @Test func resumeAfterAdaBNIsExact() throws {
        let data = bandImages(count: 64, scale: 3, shift: 2, seed: 1)
        var config = RunConfig(data: DataConfig(train: "x"))
        config.freeze.recalibrateBatchNorm = true
        #expect(TrainingEngine.Session.startCommands(config, step: 0) == [.recalibrateBatchNorm(batches: BatchNormRecalibration.defaultBatches)])
        #expect(TrainingEngine.Session.startCommands(config, step: 5).isEmpty)
        #expect(TrainingEngine.Session.startCommands(RunConfig(data: DataConfig(train: "x")), step: 0).isEmpty)

        let reference = try bandTrainer(data)
        _ = try reference.recalibrateBatchNorm(batches: 2)
        let expected = try (0..<8).map { _ in try reference.trainStep().loss }

        let first = try bandTrainer(data)
        _ = try first.recalibrateBatchNorm(batches: 2)
        for _ in 0..<5 { try first.trainStep() }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("thaw-adabn-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try Checkpoint.save(first, to: url, configuration: "{}")
        let resumed = try bandTrainer(data)
        try Checkpoint.restore(resumed, from: url, configuration: "{}")
        #expect(try (5..<8).map { _ in try resumed.trainStep().loss } == Array(expected[5...]))
        #expect(runningStatistics(resumed) == runningStatistics(reference))
    }

    /// Sees the engine's BatchNorm answers on the training thread, with the statistics after each.
    final class Recorder: TrainingObserver, Sendable {
        let seen = Mutex<[(kind: BatchNormRecalibration.Kind, statistics: [[Float]])]>([])
        func trainer(_ trainer: Trainer, didRecalibrateBatchNorm result: BatchNormRecalibration) throws {
            seen.withLock { $0.append((result.kind, runningStatistics(trainer))) }
        }
    }

    @Test func engineCommandsRoundTrip() throws {
        let engine = TrainingEngine()
        let recorder = Recorder()
        let original = Mutex<[[Float]]>([])
        engine.launch {
            let trainer = try bandTrainer(bandImages(count: 64, scale: 3, shift: 2, seed: 1), epochs: 1000)
            original.withLock { $0 = runningStatistics(trainer) }
            return .init(trainer: trainer, observers: [recorder], startCommands: [.recalibrateBatchNorm(batches: 2)])
        }
        func answers() -> [BatchNormRecalibration] {
            var seen: [BatchNormRecalibration] = []
            let deadline = Date().addingTimeInterval(30)
            while seen.isEmpty && Date() < deadline {
                for case .batchNormRecalibrated(let result) in engine.events.drain() { seen.append(result) }
                usleep(1000)
            }
            return seen
        }
        let first = answers()
        #expect(first.map(\.kind) == [.recalibrated] && first.first?.step == 0 && first.first?.batches == 2)
        engine.send(.restoreBatchNormStatistics)
        let second = answers()
        #expect(second.map(\.kind) == [.restored] && second.first?.layers == 20)
        engine.send(.stop)
        #expect(engine.wait(timeout: 10))
        let seen = recorder.seen.withLock { $0 }
        #expect(seen.map(\.kind) == [.recalibrated, .restored])
        #expect(seen.first?.statistics != seen.last?.statistics && seen.last?.statistics == original.withLock { $0 })
    }
}
