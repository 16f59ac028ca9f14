import ArgumentParser
import Foundation
import ThawTensor
import ThawTraining

struct LRFindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lr-find",
        abstract: "Sweep the learning rate over an experiment's first batches and suggest one.",
        discussion: "The model, optimizer and data position are restored afterwards; nothing is written."
    )

    @Argument(help: "Experiment file (YAML).")
    var config: String

    @Option(name: .customLong("set"), help: "Override a key, e.g. --set freeze.frozen=[features].")
    var overrides: [String] = []

    @Option(help: "Lowest rate of the sweep.")
    var start = 1e-7

    @Option(help: "Highest rate of the sweep.")
    var end = 10.0

    @Option(help: "Steps in the sweep.")
    var steps = 100

    func run() throws {
        do {
            let experiment = try ExperimentFile.load(URL(fileURLWithPath: config), overrides: overrides)
            let threads = experiment.config.training.threads ?? ProcessInfo.processInfo.activeProcessorCount
            let sweep = try withComputeThreads(threads) {
                let prepared = try RunBuilder.prepare(experiment)
                return try LearningRateFinder.sweep(prepared.trainer, from: start, to: end, steps: steps)
            }
            print("rate        smoothed loss")
            let stride = Swift.max(1, sweep.rates.count / 20)
            for i in Swift.stride(from: 0, to: sweep.rates.count, by: stride) {
                print(String(format: "%-10.3g  %.4f", sweep.rates[i], sweep.losses[i]))
            }
            func show(_ name: String, _ value: Double?) { print("\(name): " + (value.map { String(format: "%.3g", $0) } ?? "-")) }
            show("valley (suggested)", sweep.valley)
            show("steepest", sweep.steepest)
            show("minimum / 10", sweep.minimum)
        } catch {
            FileHandle.standardError.write(Data("thaw lr-find: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
