import ThawTUI

/// The keymaps, as data. The dispatcher, the help bar and the `?` overlay all read these
/// tables, so what the screen says a key does is what it does.
public enum Keymaps {
    static func bind(_ keys: [Key], _ action: Action, _ description: String, _ group: String) -> KeyBinding {
        KeyBinding(keys: keys, action: action.rawValue, description: description, group: group)
    }

    static func chars(_ text: String) -> [Key] { text.map { Key.char($0) } }

    /// Keys that work on every screen (when no text field or dialog has the keyboard).
    public static let global: [KeyBinding] = [
        bind([.char("1")], .screen1, "Backbones", "Screens"),
        bind([.char("2")], .screen2, "Data", "Screens"),
        bind([.char("3")], .screen3, "Layers", "Screens"),
        bind([.char("4")], .screen4, "Schedule", "Screens"),
        bind([.char("5")], .screen5, "Train", "Screens"),
        bind([.char("6")], .screen6, "Warnings", "Screens"),
        bind([.char("7")], .screen7, "Runs", "Screens"),
        bind([.tab], .nextPanel, "Next panel", "Screens"),
        bind([.backTab], .previousPanel, "Previous panel", "Screens"),
        bind([.char("s")], .toggleTraining, "Start/pause", "Training"),
        bind([.char("x")], .stopTraining, "Stop run", "Training"),
        bind([.char("?"), .function(1)], .help, "Help", "General"),
        bind([.char("q")], .quit, "Quit", "General"),
    ]

    static let listNavigation: [KeyBinding] = [
        bind([.char("k"), .up], .up, "Up", "Move"),
        bind([.char("j"), .down], .down, "Down", "Move"),
        bind([.char("g"), .home], .top, "First", "Move"),
        bind([.char("G"), .end], .bottom, "Last", "Move"),
        bind([.pageUp, .ctrl("b")], .pageUp, "Page up", "Move"),
        bind([.pageDown, .ctrl("f")], .pageDown, "Page down", "Move"),
    ]

    static let backbones: [KeyBinding] = listNavigation + [
        bind([.enter, .char("l"), .right], .selectBackbone, "Use backbone", "Backbones"),
        bind([.char("o")], .sortBackbones, "Sort", "Backbones"),
        bind([.char("r")], .refreshZoo, "Refresh zoo", "Backbones"),
    ]

    static let data: [KeyBinding] = listNavigation + [
        bind([.char("h"), .left], .left, "Decrease", "Edit"),
        bind([.char("l"), .right], .right, "Increase", "Edit"),
        bind([.enter, .char("e")], .editField, "Edit/load", "Edit"),
    ]

    static let layers: [KeyBinding] = listNavigation + [
        bind([.enter, .char("l"), .right], .expand, "Expand", "Tree"),
        bind([.char("h"), .left], .collapse, "Collapse", "Tree"),
        bind([.char(" ")], .toggleFrozen, "Freeze/thaw", "Freezing"),
        bind([.char("b")], .freezeBelow, "Freeze below", "Freezing"),
        bind([.char("n")], .cycleBatchNorm, "BN policy", "Freezing"),
        bind([.char("+"), .char("=")], .raiseRate, "Raise group LR", "Freezing"),
        bind([.char("-"), .char("_")], .lowerRate, "Lower group LR", "Freezing"),
    ]

    static let schedule: [KeyBinding] = listNavigation + [
        bind([.char("h"), .left], .left, "Decrease", "Edit"),
        bind([.char("l"), .right], .right, "Increase", "Edit"),
        bind([.enter, .char("e")], .editField, "Type value", "Edit"),
        bind([.char("f")], .runFinder, "LR finder", "Learning rate"),
        bind([.char("a")], .applyValley, "Use valley", "Learning rate"),
    ]

    static let train: [KeyBinding] = [
        bind([.char("y")], .toggleLogScale, "Log y", "Chart"),
        bind([.char("m")], .cycleSmoothing, "Smooth", "Chart"),
        bind([.char("t")], .cycleXAxis, "x axis: step/epoch/time", "Chart"),
    ]

    static let warnings: [KeyBinding] = listNavigation + [
        bind([.enter, .char("a")], .applyAction, "Apply action", "Warnings"),
        bind([.char("u")], .undoAction, "Undo", "Warnings"),
    ]

    static let runs: [KeyBinding] = listNavigation + [
        bind([.char("o")], .overlayRun, "Overlay on Train", "Runs"),
        bind([.char("e")], .exportRuns, "Export CSV", "Runs"),
        bind([.char("r")], .refreshRuns, "Refresh", "Runs"),
    ]

    /// What a dialog listens to; everything else is swallowed while it is open.
    public static let dialog = Keymap([
        bind([.left, .char("h"), .backTab], .left, "Previous button", "Dialog"),
        bind([.right, .char("l"), .tab], .right, "Next button", "Dialog"),
        bind([.enter], .confirm, "Choose", "Dialog"),
        bind([.char("y")], .confirm, "Yes", "Dialog"),
        bind([.escape, .char("n"), .char("q")], .cancel, "Cancel", "Dialog"),
    ])

    /// The screen's own bindings first, then the global ones: the complete keymap in force.
    public static func keymap(for screen: Screen) -> Keymap {
        let own: [KeyBinding] = switch screen {
        case .backbones: backbones
        case .data: data
        case .layers: layers
        case .schedule: schedule
        case .train: train
        case .warnings: warnings
        case .runs: runs
        }
        return Keymap(own + global)
    }

    /// The few actions worth a place in the one-line help bar, per screen.
    public static func barActions(for screen: Screen) -> [Action] {
        let own: [Action] = switch screen {
        case .backbones: [.selectBackbone, .sortBackbones, .refreshZoo]
        case .data: [.editField, .left, .right]
        case .layers: [.toggleFrozen, .freezeBelow, .cycleBatchNorm, .raiseRate, .lowerRate]
        case .schedule: [.left, .right, .editField, .runFinder, .applyValley]
        case .train: [.stopTraining, .toggleLogScale, .cycleSmoothing]
        case .warnings: [.applyAction, .undoAction]
        case .runs: [.overlayRun, .exportRuns]
        }
        return own + [.toggleTraining, .nextPanel, .help, .quit]
    }
}
