import ThawMonitor
import ThawTUI

/// Everything that can happen to the monitor: keys, the terminal, the clock, and what the
/// watcher thread read.
public enum MonitorMsg: Equatable, Sendable {
    case key(Key)
    case resize(Size)
    /// Seconds since the monitor opened.
    case tick(Double)
    case changes(MonitorChanges)
    case exported(path: String)
    case failed(String)
}

/// Work `MonitorApp.update` asks the run loop to do.
public enum MonitorEffect: Equatable, Sendable {
    /// Write these runs' stored points as CSV.
    case export([RunSnapshot])
    /// Search the watched directories for new runs now.
    case rescan
    case quit
}

/// What the monitor's keys ask for. The list movements share their names (and bindings)
/// with the workbench's, so `j`, `g`, PgDn… mean the same everywhere.
public enum MonitorAction: String, CaseIterable, Sendable {
    case up, down, top, bottom, pageUp, pageDown, left, right
    case nextPanel, previousPanel, zoom, toggleRun, baseline, compareTag, smoothing, logScale, export, rescan, help, quit, cancel

    /// The workbench's movement of the same name, for `Navigation`.
    var movement: Action? {
        switch self {
        case .up: .up
        case .down: .down
        case .top: .top
        case .bottom: .bottom
        case .pageUp: .pageUp
        case .pageDown: .pageDown
        default: nil
        }
    }
}

/// The monitor's keymap, as data: the dispatcher, the help bar and the `?` overlay read it.
/// Chart keys match the workbench's Train screen: `y` log y, `m` smoothing, `e` export.
public enum MonitorKeymap {
    static func bind(_ keys: [Key], _ action: MonitorAction, _ description: String, _ group: String) -> KeyBinding {
        KeyBinding(keys: keys, action: action.rawValue, description: description, group: group)
    }

    public static let keymap = Keymap(Keymaps.listNavigation + [
        bind([.char("h"), .left], .left, "Previous chart", "Move"),
        bind([.char("l"), .right], .right, "Next chart", "Move"),
        bind([.tab], .nextPanel, "Runs/charts", "Move"),
        bind([.backTab], .previousPanel, "Charts/runs", "Move"),
        bind([.enter, .char("z")], .zoom, "Zoom chart", "Charts"),
        bind([.char("m")], .smoothing, "Smoothing", "Charts"),
        bind([.char("y")], .logScale, "Log y", "Charts"),
        bind([.char(" ")], .toggleRun, "Show/hide run", "Runs"),
        bind([.char("b")], .baseline, "Scratch baseline", "Runs"),
        bind([.char("c")], .compareTag, "Compared tag", "Runs"),
        bind([.char("e")], .export, "Export CSV", "Runs"),
        bind([.char("r")], .rescan, "Rescan", "Runs"),
        bind([.escape], .cancel, "Cancel", "General"),
        bind([.char("?"), .function(1)], .help, "Help", "General"),
        bind([.char("q")], .quit, "Quit", "General"),
    ])

    /// The hints worth the one-line help bar.
    static let barActions: [MonitorAction] = [.nextPanel, .zoom, .smoothing, .logScale, .toggleRun, .baseline, .export, .help, .quit]
}
