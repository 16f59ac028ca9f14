import ThawTUI

/// The seven screens, numbered as the keys that open them. The raw value is the key.
public enum Screen: Int, CaseIterable, Sendable, Hashable {
    case backbones = 1, data, layers, schedule, train, warnings, runs

    public var title: String {
        switch self {
        case .backbones: "Backbones"
        case .data: "Data"
        case .layers: "Layers"
        case .schedule: "Schedule"
        case .train: "Train"
        case .warnings: "Warnings"
        case .runs: "Runs"
        }
    }

    /// For narrow terminals, where all seven full titles do not fit beside the run state.
    public var shortTitle: String {
        switch self {
        case .backbones: "Zoo"
        case .data: "Data"
        case .layers: "Layers"
        case .schedule: "Sched"
        case .train: "Train"
        case .warnings: "Warn"
        case .runs: "Runs"
        }
    }

    /// How many panels Tab cycles through on this screen.
    public var panelCount: Int {
        switch self {
        case .backbones, .layers, .schedule, .warnings, .runs, .data: 2
        case .train: 1
        }
    }
}

/// What the status line says, and how loudly.
public struct StatusMessage: Equatable, Sendable {
    public enum Level: Equatable, Sendable { case info, success, warning, error }
    public var text: String
    public var level: Level

    public init(_ text: String, level: Level = .info) {
        self.text = text
        self.level = level
    }

    /// The message as the status line shows it: coloured by level, errors bold.
    var span: Span {
        let role: ThemeRole = switch level {
        case .info: .foreground
        case .success: .success
        case .warning: .warning
        case .error: .error
        }
        return Span(" " + text, role: role, flags: level == .error ? .bold : [])
    }
}

/// A modal question. Only one is open at a time, and while it is open it takes every key,
/// so a stray `q` cannot slip past a confirmation.
public struct DialogState: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// Quit while a run is going: stopping saves a checkpoint first.
        case quitWhileTraining
        /// Stop the run (it cannot be resumed from the workbench).
        case stopTraining
    }
    public var kind: Kind
    /// 0 = cancel (the default, so Enter on a surprise dialog is harmless), 1 = confirm.
    public var selected: Int

    public init(kind: Kind, selected: Int = 0) {
        self.kind = kind
        self.selected = selected
    }
}

/// Which value a text field is editing. The field's text lives in `AppState.input`.
public enum EditTarget: Equatable, Sendable {
    case dataPath
    case fewShot
    case scheduleField(ScheduleField)
}
