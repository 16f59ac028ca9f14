import Foundation
import ThawTrainingAPI
import Yams

/// A run's directory: the configuration as run, step and epoch logs, checkpoints, the final
/// model as a zoo backbone and `summary.json`. Observes the trainer on its own thread, so the
/// files are complete whatever the UI does.
public final class RunRecorder: TrainingObserver {
    public let directory: URL
    let prepared: PreparedRun
    let log: MetricsLog
    let command: String
    /// Where `thaw pretrain` wants the finished model as a zoo backbone, and its name.
    public var export: (directory: URL, name: String)?
    var bestValidationAccuracy: Double?
    var lastEpoch: EpochMetrics?
    let started = Date()
    var lastCheckpoint = Date.distantPast
    /// Epoch-end checkpoints are skipped when the last one is this recent: an fsync per epoch
    /// of a fast run costs more than the run; stop and finish always write one.
    let minimumCheckpointInterval: TimeInterval = 30

    public var checkpointURL: URL { directory.appendingPathComponent("checkpoints/last.safetensors") }

    /// Creates `<output.runs>/<name>-<timestamp>`, or reuses `existing` when resuming from a
    /// checkpoint of step `resumedStep` (its logs are cut back to that step).
    public init(_ prepared: PreparedRun, command: String, existing: URL? = nil, resumedStep: Int? = nil) throws {
        self.prepared = prepared
        self.command = command
        let config = prepared.experiment.config
        if let existing {
            directory = existing
        } else {
            let runs = URL(fileURLWithPath: ExperimentData.resolve(config.output.runs, base: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)))
            directory = try Self.makeDirectory(in: runs, name: config.name)
            let yaml = try YAMLEncoder().encode(config)
            try ("# as run by: \(command)\n" + yaml).write(to: directory.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("checkpoints"), withIntermediateDirectories: true)
        Checkpoint.sweepTemporaryFiles(in: directory.appendingPathComponent("checkpoints"))
        Checkpoint.sweepTemporaryFiles(in: directory)
        log = try MetricsLog(directory: directory, resumingAfter: resumedStep)
        if log.repaired.later > 0 || log.repaired.torn > 0 {
            log.writeEvent("resumed", "removed \(log.repaired.later) log lines after the checkpoint and \(log.repaired.torn) torn line(s)",
                           step: resumedStep ?? 0)
        }
    }

    /// What resuming removed from the logs: (lines after the checkpoint, torn lines).
    public var logRepairs: (later: Int, torn: Int) { log.repaired }

    static func makeDirectory(in runs: URL, name: String) throws -> URL {
        let stamp = DateFormatter()
        stamp.dateFormat = "yyyyMMdd-HHmmss"
        stamp.locale = Locale(identifier: "en_US_POSIX")
        var candidate = runs.appendingPathComponent("\(name)-\(stamp.string(from: Date()))")
        var suffix = 2
        while FileManager.default.fileExists(atPath: candidate.path) {
            candidate = runs.appendingPathComponent("\(name)-\(stamp.string(from: Date()))-\(suffix)")
            suffix += 1
        }
        try FileManager.default.createDirectory(at: candidate, withIntermediateDirectories: true)
        return candidate
    }

    public func trainer(_ trainer: Trainer, didStep metrics: StepMetrics) throws {
        log.write(metrics)
        if let every = prepared.experiment.config.training.checkpointEvery, trainer.step % every == 0 { try checkpoint(trainer) }
    }

    public func trainer(_ trainer: Trainer, didFinishEpoch metrics: EpochMetrics) throws {
        log.write(metrics)
        lastEpoch = metrics
        if let accuracy = metrics.validationAccuracy, accuracy > (bestValidationAccuracy ?? -1) { bestValidationAccuracy = accuracy }
        if trainer.isFinished || Date().timeIntervalSince(lastCheckpoint) >= minimumCheckpointInterval { try checkpoint(trainer) }
    }

    public func trainer(_ trainer: Trainer, didChangeState state: TrainingState) throws {
        switch state {
        case .paused(let reason?):
            log.writeEvent("paused", reason, step: trainer.step)
        case .stopped:
            try? checkpoint(trainer)
            try writeSummary(trainer, state: "stopped", test: nil)
        case .finished:
            let test = prepared.data.test.count > 0 ? try trainer.evaluate(prepared.data.test) : nil
            _ = try ModelExport.write(prepared, name: "model", to: directory, accuracy: test?.accuracy, command: command)
            if let export {
                try FileManager.default.createDirectory(at: export.directory, withIntermediateDirectories: true)
                _ = try ModelExport.write(prepared, name: export.name, to: export.directory, accuracy: test?.accuracy, command: command)
            }
            try writeSummary(trainer, state: "finished", test: test)
        case .failed(let reason):
            log.writeEvent("failed", reason, step: trainer.step)
            try writeSummary(trainer, state: "failed", test: nil)
        default:
            break
        }
    }

    public func trainer(_ trainer: Trainer, didRecalibrateBatchNorm result: BatchNormRecalibration) throws {
        log.writeRecalibration(result)
    }

    /// Logs a diagnostic finding in `metrics.jsonl` (kind "diagnostic").
    public func record(_ report: DiagnosticsReport) {
        log.writeDiagnostic(report)
    }

    func checkpoint(_ trainer: Trainer) throws {
        try Checkpoint.save(trainer, to: checkpointURL, configuration: prepared.experiment.canonicalJSON)
        lastCheckpoint = Date()
    }

    func writeSummary(_ trainer: Trainer, state: String, test: (loss: Double, accuracy: Double)?) throws {
        func number(_ value: Double?) -> Any { value.flatMap { $0.isFinite ? $0 : nil } ?? NSNull() }
        let summary: [String: Any] = [
            "state": state,
            "name": prepared.experiment.config.name,
            "backbone": prepared.sourceCard?.name ?? "mlp (scratch)",
            "best_val_accuracy": number(bestValidationAccuracy),
            "final_val_accuracy": number(lastEpoch?.validationAccuracy),
            "final_val_loss": number(lastEpoch?.validationLoss),
            "final_train_loss": number(lastEpoch?.trainLoss),
            "test_accuracy": number(test?.accuracy),
            "test_loss": number(test?.loss),
            "steps": trainer.step,
            "epochs": lastEpoch.map { $0.epoch + 1 } ?? 0,
            "wall_s": Date().timeIntervalSince(started),
            "train_examples": prepared.data.train.count,
            "validation_examples": prepared.data.validation.count,
            "test_examples": prepared.data.test.count,
        ]
        let data = try JSONSerialization.data(withJSONObject: summary, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: directory.appendingPathComponent("summary.json"), options: .atomic)
    }
}
