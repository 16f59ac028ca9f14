import Foundation
import ThawJSON
import ThawNN
import ThawSafeTensors
import ThawTensor
import ThawTrainingAPI

/// Checkpoints: one safetensors file with the model (`model/…`), the optimizer buffers
/// (`optimizer/<slot>/…`) and, in its metadata, the step, loader position, schedule, freeze
/// plan, generator states and the configuration. Written atomically (temporary file, fsync,
/// rename, fsync of the directory): a kill at any instant leaves the previous checkpoint or
/// the new one, never a mixture. Nothing non-finite is ever written.
public enum Checkpoint {
    public static func save(_ trainer: Trainer, to url: URL, configuration: String) throws {
        var writer = SafeTensorsWriter()
        func add(_ key: String, _ shape: [Int], _ values: [Float]) throws {
            guard values.allSatisfy(\.isFinite) else { throw CheckpointError.nonFinite(file: url.path, key: key) }
            do { try writer.add(key, shape: shape, floats: values) } catch { throw CheckpointError.writeFailed(file: url.path, reason: "\(error)") }
        }
        for tensor in trainer.backbone.namedTensors() {
            try add("model/" + tensor.key, tensor.parameter.shape, tensor.parameter.value.scalars)
        }
        let state = trainer.optimizer.state
        for (slot, buffers) in state.slots {
            for (key, values) in buffers { try add("optimizer/\(slot)/\(key)", [values.count], values) }
        }
        let metadata = CheckpointMetadata(
            step: trainer.step, position: trainer.position, schedule: trainer.schedule, freezePlan: trainer.freezePlan,
            groupScales: Dictionary(trainer.groups.map { ($0.name, $0.learningRateScale) }, uniquingKeysWith: { a, _ in a }),
            optimizerSteps: state.steps, generators: generatorStates(trainer),
            epochLoss: trainer.epochTotals.loss, epochCorrect: trainer.epochTotals.correct, epochCount: trainer.epochTotals.count,
            configuration: configuration)
        let encoded = try JSONEncoder().encode(metadata)
        writer.metadata["thaw"] = String(decoding: encoded, as: UTF8.self)
        do { try writer.write(to: url) } catch { throw CheckpointError.writeFailed(file: url.path, reason: "\(error)") }
    }

    /// Loads `url` into `trainer` after checking that it was made by the same configuration
    /// and fits the model exactly; on any mismatch nothing is changed.
    public static func restore(_ trainer: Trainer, from url: URL, configuration: String) throws {
        let file = try SafeTensorsFile(contentsOf: url)
        guard let text = file.metadata["thaw"],
              let metadata = try? JSONDecoder().decode(CheckpointMetadata.self, from: Data(text.utf8)) else {
            throw CheckpointError.notACheckpoint(file: url.path, reason: "no Thaw checkpoint metadata")
        }
        guard metadata.format == CheckpointMetadata.currentFormat else {
            throw CheckpointError.notACheckpoint(file: url.path, reason: "format \(metadata.format), expected \(CheckpointMetadata.currentFormat)")
        }
        let differences = ConfigurationDiff.differences(saved: metadata.configuration, current: configuration)
        guard differences.isEmpty else { throw CheckpointError.configurationDiffers(file: url.path, differences: differences) }

        let model = try modelFile(file, url: url)
        do { try trainer.backbone.loadStateDict(from: model) } catch { throw CheckpointError.modelDiffers(file: url.path, reason: "\(error)") }
        var state = OptimizerState()
        state.steps = metadata.optimizerSteps
        for info in file.tensors where info.name.hasPrefix("optimizer/") {
            let parts = info.name.split(separator: "/", maxSplits: 2).map(String.init)
            guard parts.count == 3 else { continue }
            state.slots[parts[1], default: [:]][parts[2]] = try file.floats(info.name)
        }
        let parameters = Dictionary(trainer.backbone.namedParameters().map { ($0.key, $0.parameter) }, uniquingKeysWith: { a, _ in a })
        try trainer.optimizer.restore(state, parameters: parameters)
        trainer.restore(metadata)
    }

    /// The `model/…` tensors as a state-dict file of their own, for strict loading.
    private static func modelFile(_ file: SafeTensorsFile, url: URL) throws -> SafeTensorsFile {
        var writer = SafeTensorsWriter()
        for info in file.tensors where info.name.hasPrefix("model/") {
            try writer.add(String(info.name.dropFirst("model/".count)), shape: info.shape, floats: try file.floats(info.name))
        }
        return try SafeTensorsFile(bytes: writer.serialized(), name: url.path)
    }

    private static func generatorStates(_ trainer: Trainer) -> [String: [UInt64]] {
        var states: [String: [UInt64]] = [:]
        for entry in trainer.backbone.namedModules() {
            if let dropout = entry.module as? Dropout { states[entry.path] = dropout.generator.state }
        }
        return states
    }

    /// Removes temporary files a killed writer left in `directory` (`.<name>.thaw-tmp-*`).
    @discardableResult
    public static func sweepTemporaryFiles(in directory: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let stale = names.filter { $0.hasPrefix(".") && $0.contains(".thaw-tmp-") }
        for name in stale { try? FileManager.default.removeItem(at: directory.appendingPathComponent(name)) }
        return stale
    }
}

extension Trainer {
    func restore(_ metadata: CheckpointMetadata) {
        step = metadata.step
        iterator = loader.makeIterator(from: metadata.position)
        schedule = metadata.schedule
        for (name, scale) in metadata.groupScales { setLearningRateScale(group: name, scale: scale) }
        setFreezePlan(metadata.freezePlan)
        epochTotals = EpochTotals(loss: metadata.epochLoss, correct: metadata.epochCorrect, count: metadata.epochCount)
        for entry in backbone.namedModules() {
            if let dropout = entry.module as? Dropout, let saved = metadata.generators[entry.path],
               let generator = SeededGenerator(state: saved) {
                dropout.generator = generator
            }
        }
    }
}
