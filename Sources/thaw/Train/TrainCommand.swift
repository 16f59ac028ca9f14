import ArgumentParser
import Dispatch
import Foundation
import ThawTraining
import ThawTrainingAPI

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Run an experiment file without the workbench.",
        discussion: """
        Progress and live loss go to stderr; the run directory (printed at the start) holds \
        config.yaml, metrics.jsonl, metrics.csv, checkpoints/last.safetensors, the final model \
        (model.safetensors + model.json) and summary.json.

        Exit status: 0 finished; 1 the experiment, data or backbone could not be used, or \
        training failed; 2 bad command-line arguments; 3 stopped because a step produced NaN \
        or infinite values (the last good checkpoint is kept); 130 interrupted by Ctrl-C and \
        143 by SIGTERM, after saving a checkpoint.
        """
    )

    @Argument(help: "Experiment file (YAML).")
    var config: String

    @Option(name: .customLong("set"), help: "Override a key, e.g. --set optimizer.lr=0.01 (repeatable).")
    var overrides: [String] = []

    @Option(help: "Continue the run in this directory from its last checkpoint.")
    var resume: String?

    @Option(help: "Kernel threads (default: the experiment's training.threads, else every core).")
    var threads: Int?

    @Flag(help: "Print only the final summary.")
    var quiet = false

    func run() throws {
        signal(SIGPIPE, SIG_IGN) // `thaw train … | head -1` must end cleanly, not die mid-checkpoint
        let experiment: Experiment
        do {
            experiment = try ExperimentFile.load(URL(fileURLWithPath: config), overrides: overrides)
        } catch {
            HeadlessOutput.error("\(error)")
            throw ExitCode(1)
        }
        let threads = self.threads ?? experiment.config.training.threads ?? ProcessInfo.processInfo.activeProcessorCount
        let command = (["thaw", "train", config] + overrides.flatMap { ["--set", $0] }).joined(separator: " ")
        let resumeDirectory = resume.map { URL(fileURLWithPath: $0) }
        let engine = TrainingEngine()
        let runDirectory = RunDirectoryBox()
        engine.launch(startImmediately: true, threads: threads) {
            let prepared = try RunBuilder.prepare(experiment)
            if let resumeDirectory {
                try Checkpoint.restore(prepared.trainer, from: resumeDirectory.appendingPathComponent("checkpoints/last.safetensors"),
                                       configuration: experiment.canonicalJSON)
            }
            let recorder = try RunRecorder(prepared, command: command, existing: resumeDirectory,
                                           resumedStep: resumeDirectory == nil ? nil : prepared.trainer.step)
            var note = prepared.loadReport.map { "\($0)" }
            if recorder.logRepairs.torn > 0 { note = (note.map { $0 + "\n" } ?? "") + "metrics.jsonl: dropped \(recorder.logRepairs.torn) torn line(s) left by the interruption" }
            runDirectory.set(recorder.directory, report: note)
            return .recorded(prepared, recorder: recorder, events: engine.events)
        }
        let status = HeadlessRun(engine: engine, runDirectory: runDirectory, quiet: quiet).wait()
        if status != 0 { throw ExitCode(status) }
    }
}
