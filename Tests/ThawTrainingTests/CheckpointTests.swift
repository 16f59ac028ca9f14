import Foundation
import Testing
import ThawModels
import ThawNN
import ThawTensor
import ThawTrainingAPI
@testable import ThawTraining

@Suite("Checkpoints")
struct CheckpointTests {
    func adamTrainer(seed: UInt64) -> Trainer {
        var generator = SeededGenerator(seed: seed)
        let model = MLPBackbone(sizes: [8, 16, 4], generator: &generator)
        return Trainer(backbone: model, loader: BatchLoader(dataset: blobs(count: 200, seed: 2), batchSize: 32, seed: 7),
                       validation: nil, inputKind: .tabular, optimizer: Adam.adamW(), weightDecay: 0.01,
                       schedule: LRSchedule(base: 0.01, shape: .cosine(period: 40, minimumFactor: 0.1, restarts: false, periodMultiplier: 1)),
                       options: TrainerOptions(epochs: 10))
    }

    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("thaw-ckpt-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Resume at a mid-epoch step (10) and at an epoch boundary (7 batches per epoch → 14).
    @Test(arguments: [10, 14])
    func resumeReproducesTheUninterruptedRun(_ k: Int) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let reference = adamTrainer(seed: 1)
        let expected = try (0..<25).map { _ in try reference.trainStep().loss }

        let first = adamTrainer(seed: 1)
        for _ in 0..<k { try first.trainStep() }
        let url = directory.appendingPathComponent("step.safetensors")
        try Checkpoint.save(first, to: url, configuration: #"{"lr": 0.01}"#)

        let resumed = adamTrainer(seed: 99) // different initial weights: all must come from the file
        try Checkpoint.restore(resumed, from: url, configuration: #"{"lr": 0.01}"#)
        let continued = try (k..<25).map { _ in try resumed.trainStep().loss }
        #expect(continued == Array(expected[k...]))
        for (a, b) in zip(reference.backbone.namedParameters(), resumed.backbone.namedParameters()) {
            #expect(a.parameter.value.scalars == b.parameter.value.scalars)
        }
    }

    @Test func differentConfigurationIsRefusedWithTheDifferences() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("c.safetensors")
        try Checkpoint.save(adamTrainer(seed: 1), to: url, configuration: #"{"optimizer": {"lr": 0.01}, "epochs": 3}"#)
        #expect(throws: CheckpointError.configurationDiffers(file: url.path, differences: ["optimizer.lr: 0.01 → 0.02"])) {
            try Checkpoint.restore(adamTrainer(seed: 1), from: url, configuration: #"{"optimizer": {"lr": 0.02}, "epochs": 3}"#)
        }
    }

    @Test func otherArchitectureIsRefusedAndNothingChanges() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("c.safetensors")
        try Checkpoint.save(adamTrainer(seed: 1), to: url, configuration: "{}")
        var generator = SeededGenerator(seed: 3)
        let other = Trainer(backbone: MLPBackbone(sizes: [8, 32, 4], generator: &generator),
                            loader: BatchLoader(dataset: blobs(count: 64, seed: 2), batchSize: 32, seed: 7), validation: nil,
                            inputKind: .tabular, optimizer: SGD(), schedule: LRSchedule(base: 0.1), options: TrainerOptions(epochs: 1))
        let before = other.backbone.namedParameters().map { $0.parameter.value.scalars }
        #expect {
            try Checkpoint.restore(other, from: url, configuration: "{}")
        } throws: { error in
            "\(error)".contains("0.weight is [16, 8] in the file but [32, 8] in the model")
        }
        #expect(other.backbone.namedParameters().map { $0.parameter.value.scalars } == before)
        #expect(other.step == 0)
    }

    @Test func nonFiniteWeightsAreNeverWritten() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let trainer = adamTrainer(seed: 1)
        trainer.backbone.namedParameters()[1].parameter.update { $0[3] = .infinity }
        let url = directory.appendingPathComponent("bad.safetensors")
        #expect(throws: CheckpointError.nonFinite(file: url.path, key: "model/0.bias")) {
            try Checkpoint.save(trainer, to: url, configuration: "{}")
        }
        #expect(!FileManager.default.fileExists(atPath: url.path))
        #expect((try FileManager.default.contentsOfDirectory(atPath: directory.path)).isEmpty)
    }

    @Test func staleTemporaryFilesAreSwept() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("partial".utf8).write(to: directory.appendingPathComponent(".last.safetensors.thaw-tmp-123-abc"))
        try Data("keep".utf8).write(to: directory.appendingPathComponent("last.safetensors"))
        #expect(Checkpoint.sweepTemporaryFiles(in: directory) == [".last.safetensors.thaw-tmp-123-abc"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["last.safetensors"])
    }
}
