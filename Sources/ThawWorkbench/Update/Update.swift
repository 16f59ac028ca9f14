import ThawTUI
import ThawTrainingAPI

/// The workbench's one state transition: pure, so a sequence of messages can be replayed
/// in a test and the resulting state and effects checked exactly.
public func update(_ state: inout AppState, _ msg: Msg) -> [Effect] {
    switch msg {
    case .key(let key): return Update.key(&state, key)
    case .interrupt:
        state.dialog = nil
        Update.say(&state, state.training.isActive ? "interrupted: stopping the run after this step and saving a checkpoint" : "interrupted")
        return [.quit]
    case .resize(let size):
        state.size = size
        return []
    case .tick(let now):
        state.clock = now
        // Informational messages fade; warnings and errors stay until replaced.
        if let status = state.status, status.level == .info || status.level == .success, now - state.statusSetAt > 8 {
            state.status = nil
        }
        return []
    case let .resources(cpu, memory):
        state.resources = ResourceUsage(cpuPercent: cpu, residentMB: memory)
        return []
    case .training(let event): return Update.training(&state, event)
    default: return Update.loaded(&state, msg)
    }
}

/// The parts of `update`, one concern per file (screens, events, loaded data).
enum Update {
    static func say(_ state: inout AppState, _ text: String, _ level: StatusMessage.Level = .info) {
        state.status = StatusMessage(text, level: level)
        state.statusSetAt = state.clock
    }

    static func key(_ state: inout AppState, _ key: Key) -> [Effect] {
        if key == .resize { return [] }
        if state.dialog != nil { return dialogKey(&state, key) }
        if state.showHelp {
            if [.char("?"), .escape, .char("q"), .enter, .function(1)].contains(key) { state.showHelp = false }
            return []
        }
        if state.editing != nil { return editKey(&state, key) }
        guard let name = Keymaps.keymap(for: state.screen).action(for: key), let action = Action(rawValue: name) else {
            if key == .escape { state.status = nil }
            return []
        }
        if let effects = global(&state, action) { return effects }
        let before = state.config
        let effects: [Effect]
        switch state.screen {
        case .backbones: effects = backbones(&state, action)
        case .data: effects = data(&state, action)
        case .layers: effects = layers(&state, action)
        case .schedule: effects = schedule(&state, action)
        case .train: effects = train(&state, action)
        case .warnings: effects = warnings(&state, action)
        case .runs: effects = runs(&state, action)
        }
        return effects + LiveSync.sync(&state, before: before)
    }

    /// Actions that mean the same on every screen; nil when `action` is a screen's own.
    static func global(_ state: inout AppState, _ action: Action) -> [Effect]? {
        if let screen = action.screen {
            if state.screen != screen { state.focus = 0 }
            state.screen = screen
            if screen == .warnings { state.warnings.unseen = 0 }
            return []
        }
        switch action {
        case .nextPanel, .previousPanel:
            let count = state.screen.panelCount
            state.focus = (state.focus + (action == .nextPanel ? 1 : count - 1)) % count
            return []
        case .help:
            state.showHelp = true
            return []
        case .quit:
            if state.training.isActive {
                state.dialog = DialogState(kind: .quitWhileTraining)
                return []
            }
            return [.quit]
        case .toggleTraining: return toggleTraining(&state)
        case .stopTraining:
            if state.training.isActive {
                state.dialog = DialogState(kind: .stopTraining)
            } else {
                say(&state, "no run to stop")
            }
            return []
        default: return nil
        }
    }

    static func toggleTraining(_ state: inout AppState) -> [Effect] {
        let training = state.training
        if training.launching {
            say(&state, "the run is starting")
            return []
        }
        if training.isRunning { return [.send(.pause)] }
        if training.isPaused { return [.send(.resume)] }
        return start(&state)
    }

    static func start(_ state: inout AppState) -> [Effect] {
        if state.config.data.train.isEmpty {
            say(&state, "choose the training data first (screen 2: Data)", .warning)
            return []
        }
        if state.schedule.finderRunning {
            say(&state, "the LR finder is still running; start when it is done", .warning)
            return []
        }
        var training = TrainingUI()
        training.launching = true
        training.launchedConfig = state.config
        training.liveConfig = state.config
        state.training = training
        state.warnings = WarningsUI()
        state.screen = .train
        state.focus = 0
        say(&state, "starting \(state.config.name)")
        return [.startTraining(state.config)]
    }

    static func dialogKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var dialog = state.dialog, let name = Keymaps.dialog.action(for: key), let action = Action(rawValue: name) else { return [] }
        switch action {
        case .left, .right:
            dialog.selected = 1 - dialog.selected
            state.dialog = dialog
            return []
        case .confirm:
            state.dialog = nil
            guard dialog.selected == 1 || key == .char("y") else { return [] }
            switch dialog.kind {
            case .quitWhileTraining:
                say(&state, "stopping the run and quitting")
                return [.quit]
            case .stopTraining:
                say(&state, "stopping the run (a checkpoint is saved)")
                return [.send(.stop)]
            }
        default:
            state.dialog = nil
            return []
        }
    }
}
