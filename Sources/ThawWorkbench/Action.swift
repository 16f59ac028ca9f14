/// Everything a key can ask for. Keymaps bind keys to these (by raw value, since `Keymap`
/// is plain data) and `update` switches on them, so a key's meaning is written once.
public enum Action: String, CaseIterable, Sendable {
    // Anywhere
    case quit, help, nextPanel, previousPanel, toggleTraining, stopTraining
    case screen1, screen2, screen3, screen4, screen5, screen6, screen7
    // Lists and trees
    case up, down, left, right, top, bottom, pageUp, pageDown
    // Backbones
    case selectBackbone, refreshZoo, sortBackbones
    // Data
    case editField
    // Layers
    case expand, collapse, toggleFrozen, freezeBelow, cycleBatchNorm, raiseRate, lowerRate
    // Schedule
    case runFinder, applyValley
    // Train
    case toggleLogScale, cycleSmoothing, cycleXAxis
    // Warnings
    case applyAction, undoAction
    // Runs
    case overlayRun, exportRuns, refreshRuns
    // Dialogs
    case confirm, cancel

    /// The screen a number key opens.
    var screen: Screen? {
        switch self {
        case .screen1: .backbones
        case .screen2: .data
        case .screen3: .layers
        case .screen4: .schedule
        case .screen5: .train
        case .screen6: .warnings
        case .screen7: .runs
        default: nil
        }
    }
}
