import ThawTUI
import ThawTrainingAPI

/// Everything that can happen to the workbench: keys, the terminal, the clock, the training
/// thread, and the results of background work the program ran for an `Effect`.
public enum Msg: Equatable, Sendable {
    case key(Key)
    /// Ctrl-C: stop any run cleanly (it saves a checkpoint) and quit, whatever is on screen.
    case interrupt
    case resize(Size)
    /// Seconds since the workbench opened; lets status messages expire without a clock in `update`.
    case tick(Double)
    /// The process's CPU use (percent of one core, all threads) and resident memory, sampled
    /// by the loop about once a second for the monitor.
    case resources(cpuPercent: Double, residentMB: Double)
    case training(TrainingEvent)
    /// The run could not start (invalid experiment, missing data…), before any event.
    case trainingLaunchFailed(String)
    /// Where the running run writes its files.
    case runDirectory(String)
    /// The zoo as discovered. Layer trees may still be empty (built later, see `backboneUpdated`).
    case zooLoaded([BackboneSummary], problems: [String])
    /// One backbone with its layer tree filled in.
    case backboneUpdated(BackboneSummary)
    /// How scoring the zoo on the target data is going (see `Effect.scoreBackbones`).
    case transferability(TransferabilityProgress)
    case datasetLoaded(DatasetSummary)
    case datasetFailed(path: String, message: String)
    case runsLoaded([RunRecord])
    case learningRateCurveLoaded(LearningRateCurve)
    case learningRateFinderFailed(String)
    case exported(path: String)
    /// Background work failed in a way worth a line on the status bar.
    case failed(String)
}

/// Work `update` asks the program to do. The pure core never performs it: the run loop
/// does, and reports back with a `Msg`.
public enum Effect: Equatable, Sendable {
    /// Build the experiment and start a run on the training thread.
    case startTraining(RunConfig)
    case send(TrainingCommand)
    /// Sweep learning rates on the experiment's first batches (never while a run trains).
    case runLearningRateFinder(RunConfig)
    /// Read the data the experiment names and summarise it (class counts, split sizes).
    case loadDataset(DataConfig, seed: UInt64)
    /// Score every backbone that can read the data on a sample of its training split, on a
    /// background thread, one backbone at a time; replaces any scoring still going.
    case scoreBackbones(TransferabilityRequest)
    /// Stop scoring (the data changed and no new request is due yet).
    case stopScoring
    /// Discover the zoo again.
    case refreshZoo
    /// Read the past runs under the experiment's output directory.
    case refreshRuns(directory: String)
    /// Write a comparison of these runs as CSV into `directory`.
    case exportRuns([RunRecord], directory: String)
    /// Stop any run (it finishes its step and saves a checkpoint), give the terminal back and exit.
    case quit
}
