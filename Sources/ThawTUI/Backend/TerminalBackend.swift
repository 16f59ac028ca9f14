/// What the run loop needs from a terminal. The curses implementation lives in ThawCurses;
/// `TestBackend` implements it in memory so whole screens are tested without a tty.
///
/// Class-bound because a backend is a handle on one terminal: copying it would not copy
/// the terminal.
public protocol TerminalBackend: AnyObject {
    /// The current size in cells; changes after `readKey` returns `.resize`.
    var size: Size { get }
    /// What colours the terminal can show; the resolver maps themes down to it.
    var colorDepth: ColorDepth { get }
    /// Writes changed cells (see `Buffer.diff`); nothing is visible before `flush`.
    func draw(_ runs: [CellRun], theme: Theme)
    /// Makes everything drawn since the last flush visible.
    func flush()
    /// Waits up to `timeout` for a key (`.zero` polls, nil waits forever).
    func readKey(timeout: Duration?) -> Key?
}

/// Keeps the previous frame so only differences are sent, and knows when a full redraw is
/// due: the first frame, a size change, a theme change, or `invalidate()` (after the
/// terminal's contents were lost, e.g. on resume from Ctrl-Z).
public struct FramePresenter: Sendable {
    private var previous: Buffer?
    private var previousTheme: Theme?
    /// Cells written by the last `present`, for measuring.
    public private(set) var lastRunCells = 0

    public init() {}

    public mutating func invalidate() { previous = nil }

    public mutating func present(_ frame: Buffer, theme: Theme, on backend: some TerminalBackend) {
        let runs: [CellRun]
        if let previous, previousTheme == theme {
            runs = frame.diff(from: previous)
        } else {
            runs = frame.fullRuns()
        }
        lastRunCells = runs.reduce(0) { $0 + $1.cells.count }
        if !runs.isEmpty { backend.draw(runs, theme: theme) }
        backend.flush()
        previous = frame
        previousTheme = theme
    }
}
