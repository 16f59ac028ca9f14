import ThawTUI
import ThawTrainingAPI

/// The whole workbench as one value: what every screen shows and edits. `update` changes it,
/// `render` draws it, and nothing else holds UI state — so any screen can be reproduced in
/// a test from a state literal.
public struct AppState: Equatable, Sendable {
    /// Below this the screens cannot lay out; the too-small notice is drawn instead.
    public static let minimumSize = Size(width: 60, height: 18)

    public var size: Size
    public var screen: Screen = .backbones
    /// Index of the focused panel on the current screen (Tab cycles).
    public var focus = 0
    /// The experiment being edited; what `s` trains.
    public var config: RunConfig
    /// The experiment file it came from, for the title (nil for the built-in default).
    public var experimentPath: String?

    public var zoo: [BackboneSummary] = []
    public var zooLoading = true
    public var zooProblems: [String] = []
    public var dataset: DatasetSummary?
    public var datasetLoading = false
    public var datasetError: String?
    public var runs: [RunRecord] = []

    public var backbones = BackbonesUI()
    /// Transferability of the zoo to the loaded data, as it is scored.
    public var transfer = TransferabilityUI()
    public var data = DataUI()
    public var layers = LayersUI()
    public var schedule = ScheduleUI()
    public var training = TrainingUI()
    public var trainCharts = TrainChartOptions()
    public var warnings = WarningsUI()
    public var runsUI = RunsUI()

    public var status: StatusMessage?
    /// When the status message was set (seconds, from `tick`), so it can expire.
    public var statusSetAt: Double = 0
    public var dialog: DialogState?
    public var showHelp = false
    /// A text field has the keyboard; keys edit `input` until Enter or Esc.
    public var editing: EditTarget?
    public var input = TextInputState()
    public var clock: Double = 0
    /// Latest process CPU (% of a core) and resident memory (MB), for the monitor.
    public var resources: ResourceUsage?

    public init(config: RunConfig, experimentPath: String? = nil, size: Size = Size(width: 80, height: 24)) {
        self.config = config
        self.experimentPath = experimentPath
        self.size = size
        data.pathInput = TextInputState(config.data.train)
    }

    /// The experiment's backbone in the zoo: by name, or for a `backbone.path` the entry
    /// whose card is at that path (the program adds the path's directory to the zoo).
    public var selectedBackbone: BackboneSummary? {
        if let name = config.backbone.name { return zoo.first { $0.name == name } }
        guard let path = config.backbone.path, !path.isEmpty else { return nil }
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        let candidates = [trimmed, trimmed + "/config.json",
                          trimmed.hasSuffix(".safetensors") ? String(trimmed.dropLast(12)) + ".json" : trimmed]
        return zoo.first { entry in candidates.contains { entry.origin.hasSuffix($0) } }
    }

    public var freezePlan: FreezePlan { config.freeze.plan }

    /// Training examples per epoch after few-shot, from the dataset summary.
    public var trainingExamples: Int? {
        guard let dataset else { return nil }
        guard let n = config.data.fewShot else { return dataset.trainCounts.reduce(0, +) }
        return dataset.trainCounts.reduce(0) { $0 + Swift.min($1, n) }
    }

    /// Steps per epoch: as observed once a run has finished an epoch, else estimated from the
    /// data and batch size (nil without a dataset summary).
    public var stepsPerEpoch: Int? {
        if training.isActive, let observed = training.history.observedStepsPerEpoch { return observed }
        guard let examples = trainingExamples else { return nil }
        let batch = Swift.max(1, config.training.batchSize)
        return Swift.max(1, (examples + batch - 1) / batch)
    }

    /// Total optimizer steps of the run (with a stand-in of 100 steps per epoch when the data
    /// is unknown, so the schedule preview still has a shape).
    public var totalSteps: Int {
        let epochs = (training.isActive ? training.launchedConfig?.training.epochs : nil) ?? config.training.epochs
        return Swift.max(2, epochs * (stepsPerEpoch ?? 100))
    }
}

public struct ResourceUsage: Equatable, Sendable {
    public var cpuPercent: Double
    public var residentMB: Double

    public init(cpuPercent: Double, residentMB: Double) {
        self.cpuPercent = cpuPercent
        self.residentMB = residentMB
    }
}

public struct BackbonesUI: Equatable, Sendable {
    /// Position in the listed (sorted) zoo, `AppState.listedBackbones`.
    public var cursor = 0
    public var detailScroll = 0
}

public struct DataUI: Equatable, Sendable {
    public var cursor = 0
    /// The path being typed; loaded (and copied to the config) on Enter.
    public var pathInput = TextInputState()
    public var classScroll = 0
}

public struct LayersUI: Equatable, Sendable {
    public var expanded: Set<String> = []
    public var selected: String?
    public var detailScroll = 0
}

public struct ScheduleUI: Equatable, Sendable {
    public var cursor = 0
    public var finderCurve: LearningRateCurve?
    public var finderRunning = false
}

public struct WarningsUI: Equatable, Sendable {
    /// Report ids in order of first appearance; a repeated report updates its card in place.
    public var order: [String] = []
    public var cards: [String: DiagnosticsReport] = [:]
    public var cursor = 0
    /// Applied actions, newest last, for `u`.
    public var applied: [AppliedAction] = []
    /// Cards not yet looked at (the tab shows the count).
    public var unseen = 0
}

/// An action applied from a warning card, with what is needed to take it back.
public struct AppliedAction: Equatable, Sendable {
    public var reportID: String
    public var action: SuggestedAction
    public var previousConfig: RunConfig
}

public struct RunsUI: Equatable, Sendable {
    public var cursor = 0
    /// The run whose validation curve is drawn on the Train screen's accuracy chart.
    public var overlay: String?
}

public struct TrainingUI: Equatable, Sendable {
    public var state: TrainingState = .idle
    /// `s` was pressed and the start effect issued; no state event has arrived yet.
    public var launching = false
    public var history = MetricHistory()
    /// The configuration the current (or last) run started with: live changes are sent as
    /// commands relative to it, and it says which groups the engine knows.
    public var launchedConfig: RunConfig?
    /// The configuration as the engine has it now: the launch configuration plus every live
    /// change sent since (see `LiveSync`).
    public var liveConfig: RunConfig?
    public var runDirectory: String?
    /// The newest log lines from the engine.
    public var logs: [String] = []
    public static let maximumLogLines = 50

    public var isRunning: Bool { state == .running }
    public var isPaused: Bool {
        if case .paused = state { return true }
        return false
    }
    /// A run exists that can still train: starting, running or paused.
    public var isActive: Bool { launching || isRunning || isPaused }
}
