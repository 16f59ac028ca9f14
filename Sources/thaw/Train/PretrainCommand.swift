import ArgumentParser
import Foundation
import ThawTraining
import ThawTrainingAPI

struct PretrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pretrain",
        abstract: "Train a backbone on a source task and export it to the zoo (safetensors + card).",
        discussion: """
        Runs the experiment like `thaw train` (same run directory and exit statuses), then writes \
        NAME.safetensors and NAME.json into --out. The card records the architecture, the \
        input normalisation, the source task and its classes, the data, seed, epochs, test \
        accuracy and this command line.
        """
    )

    @Argument(help: "Experiment file (YAML) describing the source task.")
    var config: String

    @Option(help: "Backbone name (default: the experiment's name).")
    var name: String?

    @Option(help: "Directory to write the backbone into.")
    var out: String = "backbones"

    @Option(name: .customLong("set"), help: "Override a key, e.g. --set training.epochs=3 (repeatable).")
    var overrides: [String] = []

    @Option(help: "Kernel threads (default: the experiment's training.threads, else every core).")
    var threads: Int?

    @Flag(help: "Print only the final summary.")
    var quiet = false

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let experiment: Experiment
        do {
            experiment = try ExperimentFile.load(URL(fileURLWithPath: config), overrides: overrides)
        } catch {
            HeadlessOutput.error("\(error)")
            throw ExitCode(1)
        }
        let backboneName = name ?? experiment.config.name
        let destination = URL(fileURLWithPath: out)
        let command = (["thaw", "pretrain", config, "--name", backboneName, "--out", out] + overrides.flatMap { ["--set", $0] })
            .joined(separator: " ")
        let threads = self.threads ?? experiment.config.training.threads ?? ProcessInfo.processInfo.activeProcessorCount
        let engine = TrainingEngine()
        let runDirectory = RunDirectoryBox()
        engine.launch(startImmediately: true, threads: threads) {
            let prepared = try RunBuilder.prepare(experiment)
            let recorder = try RunRecorder(prepared, command: command)
            recorder.export = (destination, backboneName)
            runDirectory.set(recorder.directory, report: prepared.loadReport.map { "\($0)" })
            return .recorded(prepared, recorder: recorder, events: engine.events)
        }
        let status = HeadlessRun(engine: engine, runDirectory: runDirectory, quiet: quiet).wait()
        if status == 0 {
            HeadlessOutput.note("backbone: \(destination.appendingPathComponent(backboneName + ".json").path)")
        }
        if status != 0 { throw ExitCode(status) }
    }
}
