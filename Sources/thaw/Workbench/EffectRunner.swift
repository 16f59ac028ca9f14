import Dispatch
import Foundation
import ThawThreads
import Synchronization
import ThawTensor
import ThawTraining
import ThawTrainingAPI
import ThawWorkbench

/// Performs the effects `update` asks for. Training runs on the engine's own thread; data,
/// zoo, transferability and LR-finder work on background queues and threads. Every result comes back as a
/// `Msg` through the inbox or the engine's event queue; nothing here touches the terminal.
final class EffectRunner {
    let inbox = Inbox<Msg>()
    let zoo: ZooCatalog
    /// Relative paths in the experiment resolve against this (the experiment file's directory).
    let baseDirectory: URL
    let computeThreads: Int
    private(set) var engine: TrainingEngine?
    private var runDirectory: RunDirectoryBox?
    private(set) var quitRequested = false
    private let dataQueue = DispatchQueue(label: "thaw.workbench.data", qos: .utility)
    private let flags = WorkFlags()
    private let scorer: BackboneScorer

    init(zoo: ZooCatalog, baseDirectory: URL, computeThreads: Int, scorer: BackboneScorer = BackboneScorer()) {
        self.zoo = zoo
        self.baseDirectory = baseDirectory
        self.computeThreads = computeThreads
        self.scorer = scorer
    }

    /// Everything that arrived since the last call: engine events first, then background results.
    func drain() -> [Msg] {
        var messages: [Msg] = []
        if let box = runDirectory, let url = box.current.url {
            messages.append(.runDirectory(url.path))
            runDirectory = nil
        }
        if let engine { messages += engine.events.drain().map { .training($0) } }
        return messages + inbox.drain()
    }

    func perform(_ effects: [Effect]) {
        for effect in effects { perform(effect) }
    }

    func perform(_ effect: Effect) {
        switch effect {
        case .startTraining(let config): start(config)
        case .send(let command): engine?.send(command)
        case .runLearningRateFinder(let config): findLearningRate(config)
        case let .loadDataset(config, seed): loadDataset(config, seed: seed)
        case .scoreBackbones(let request): scorer.start(request, zoo: zoo, base: baseDirectory, threads: computeThreads, inbox: inbox)
        case .stopScoring: scorer.stop()
        case .refreshZoo: zoo.refresh(into: inbox)
        case .refreshRuns(let directory): refreshRuns(directory)
        case let .exportRuns(runs, directory): export(runs, directory: directory)
        case .quit: quitRequested = true
        }
    }

    private func start(_ config: RunConfig) {
        if let engine, engine.isRunning {
            inbox.post(.trainingLaunchFailed("a run is still going"))
            return
        }
        let experiment: Experiment
        do {
            experiment = try Experiment(config: resolved(config), baseDirectory: baseDirectory)
        } catch {
            inbox.post(.trainingLaunchFailed("\(error)"))
            return
        }
        let engine = TrainingEngine()
        let box = RunDirectoryBox()
        let events = engine.events
        engine.launch(startImmediately: true, threads: computeThreads) {
            let prepared = try RunBuilder.prepare(experiment)
            let recorder = try RunRecorder(prepared, command: "thaw workbench")
            box.set(recorder.directory, report: prepared.loadReport.map { "\($0)" })
            // The detectors run on the training thread; their cards reach the Warnings screen
            // through the engine's own event queue and are kept in the run's log.
            return .recorded(prepared, recorder: recorder, events: events)
        }
        self.engine = engine
        runDirectory = box
    }

    private func findLearningRate(_ config: RunConfig) {
        guard !(engine?.isRunning ?? false) else {
            inbox.post(.learningRateFinderFailed("a run is training; the finder would compete with it"))
            return
        }
        guard flags.finderRunning.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        let (inbox, base, threads, flags, config) = (inbox, baseDirectory, computeThreads, flags, resolved(config))
        NamedThread.start("thaw-lr-finder", stackSize: 8 << 20) {
            defer { flags.finderRunning.store(false, ordering: .releasing) }
            do {
                let experiment = try Experiment(config: config, baseDirectory: base)
                let sweep = try withComputeThreads(threads) {
                    let prepared = try RunBuilder.prepare(experiment)
                    return try LearningRateFinder.sweep(prepared.trainer)
                }
                inbox.post(.learningRateCurveLoaded(LearningRateCurve(rates: sweep.rates, losses: sweep.losses, valley: sweep.valley,
                                                                      steepest: sweep.steepest, minimum: sweep.minimum)))
            } catch {
                inbox.post(.learningRateFinderFailed("\(error)"))
            }
        }
    }

    private func loadDataset(_ config: DataConfig, seed: UInt64) {
        let generation = flags.dataGeneration.add(1, ordering: .acquiringAndReleasing).newValue
        let (inbox, base, zoo, flags) = (inbox, baseDirectory, zoo, flags)
        let backbone = currentBackboneName
        dataQueue.async {
            guard flags.dataGeneration.load(ordering: .acquiring) == generation else { return }
            do {
                let tokenizer = DatasetSummaries.tokenizer(for: backbone, in: zoo.discover())
                let summary = try DatasetSummaries.summarize(config, seed: seed, base: base, tokenizer: tokenizer)
                if flags.dataGeneration.load(ordering: .acquiring) == generation { inbox.post(.datasetLoaded(summary)) }
            } catch {
                if flags.dataGeneration.load(ordering: .acquiring) == generation { inbox.post(.datasetFailed(path: config.train, message: "\(error)")) }
            }
        }
    }

    /// Set by the loop before effects run: text data is read with the chosen backbone's vocabulary.
    var currentBackboneName: String?

    private func refreshRuns(_ directory: String) {
        let inbox = inbox
        let url = URL(fileURLWithPath: ExperimentData.resolve(directory, base: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)))
        dataQueue.async { inbox.post(.runsLoaded(RunHistory.load(url))) }
    }

    private func export(_ runs: [RunRecord], directory: String) {
        let inbox = inbox
        let url = URL(fileURLWithPath: ExperimentData.resolve(directory, base: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)))
        dataQueue.async {
            do { inbox.post(.exported(path: try RunHistory.export(runs, to: url).path)) } catch {
                inbox.post(.failed("export failed: \(error)"))
            }
        }
    }

    /// The configuration as a run needs it: a backbone chosen by name from a `--backbones`
    /// directory is only found by the run if that directory is in `backbone.directories`.
    func resolved(_ config: RunConfig) -> RunConfig {
        guard config.backbone.name != nil, config.backbone.path == nil else { return config }
        var result = config
        for (url, origin) in zoo.directories where origin == .explicit && !result.backbone.directories.contains(url.path) {
            result.backbone.directories.append(url.path)
        }
        return result
    }

    /// Stops a run for quitting: asks for a stop (the engine saves a checkpoint) and waits
    /// up to `timeout` seconds for the thread to end.
    func shutdown(timeout: Double = 2) {
        guard let engine, engine.isRunning else { return }
        engine.send(.stop)
        _ = engine.wait(timeout: timeout)
    }
}

/// State the UI thread shares with background work, as atomics only.
final class WorkFlags: Sendable {
    /// Newest dataset request; older ones still queued are skipped.
    let dataGeneration = Atomic<Int>(0)
    /// One LR sweep at a time.
    let finderRunning = Atomic<Bool>(false)
}
