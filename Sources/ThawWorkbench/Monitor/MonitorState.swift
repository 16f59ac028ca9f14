import ThawMonitor
import ThawTUI

/// `thaw monitor` as one value: the runs as last read, and what the user has chosen to see.
/// `MonitorApp.update` changes it and `MonitorApp.render` draws it, like the workbench's
/// `AppState`; the files are read elsewhere (`MonitorWatcher`) and arrive as messages.
public struct MonitorState: Equatable, Sendable {
    /// Below this the panels cannot lay out; the too-small notice is drawn instead.
    public static let minimumSize = Size(width: 60, height: 16)
    /// What `m` steps through: off, then TensorBoard's default and two heavier weights.
    public static let smoothingSteps: [Double] = [0, 0.6, 0.9, 0.99]
    /// A run that brought data this recently (seconds) is shown as live.
    public static let liveSeconds = 5.0

    public enum Focus: Equatable, Sendable { case charts, runs }

    /// A comparison asked for on the command line by run names, applied once both exist.
    public struct BaselineNames: Equatable, Sendable {
        public var pretrained: String
        public var scratch: String

        public init(pretrained: String, scratch: String) {
            self.pretrained = pretrained
            self.scratch = scratch
        }
    }

    public var size: Size
    /// The paths being watched, for the empty screen.
    public var roots: [String]
    /// Every run found, in discovery order (`id` is the index).
    public var runs: [RunSnapshot] = []
    public var rootProblems: [String] = []
    public var focus = Focus.charts
    public var runCursor = 0
    /// Run ids not drawn.
    public var hidden: Set<Int> = []
    /// Index of the selected chart in `tags`.
    public var chartCursor = 0
    /// Only the selected chart, over the whole chart area.
    public var zoomed = false
    public var smoothing = 0.0
    public var logScale = false
    /// Pretrained run id → its scratch baseline's id.
    public var baselines: [Int: Int] = [:]
    public var pendingBaselines: [BaselineNames] = []
    /// The scratch run chosen with `b`, while the user picks the run it is the baseline of.
    public var pickingScratch: Int?
    /// The tag compared; nil picks the most telling one both runs logged.
    public var comparedTag: String?
    public var status: StatusMessage?
    public var statusSetAt = 0.0
    public var showHelp = false
    /// Seconds since the monitor opened (from `tick`).
    public var clock = 0.0
    /// When each run last brought something new, in `clock` seconds.
    public var lastChange: [Int: Double] = [:]

    public init(roots: [String], size: Size = Size(width: 80, height: 24), baselines: [BaselineNames] = []) {
        self.roots = roots
        self.size = size
        pendingBaselines = baselines
    }
}
