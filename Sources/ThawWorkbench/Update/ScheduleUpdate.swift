import ThawTUI
import ThawTrainingAPI

extension Update {
    static func schedule(_ state: inout AppState, _ action: Action) -> [Effect] {
        let fields = ScheduleField.visible(for: state.config)
        state.schedule.cursor = Swift.min(state.schedule.cursor, fields.count - 1)
        switch action {
        case .runFinder: return runFinder(&state)
        case .applyValley:
            guard let valley = state.schedule.finderCurve?.valley else {
                say(&state, "run the LR finder first (f)", .warning)
                return []
            }
            state.config.optimizer.lr = valley
            say(&state, "learning rate set to the valley suggestion, \(Format.number(valley))", .success)
            return []
        default: break
        }
        guard state.focus == 0 else { return [] }
        if let cursor = Navigation.moved(state.schedule.cursor, action, count: fields.count, page: Navigation.page(state)) {
            state.schedule.cursor = cursor
            return []
        }
        let field = fields[state.schedule.cursor]
        switch action {
        case .left, .right:
            field.adjust(&state.config, by: action == .right ? 1 : -1, totalSteps: state.totalSteps)
            // Changing the kind can hide the row the cursor was on.
            state.schedule.cursor = ScheduleField.visible(for: state.config).firstIndex(of: field) ?? state.schedule.cursor
        case .editField:
            state.editing = .scheduleField(field)
            state.input = TextInputState(field.value(in: state.config))
        default:
            break
        }
        return []
    }

    static func runFinder(_ state: inout AppState) -> [Effect] {
        if state.training.isActive {
            say(&state, "the LR finder trains the same model; stop the run first (x)", .warning)
            return []
        }
        if state.schedule.finderRunning {
            say(&state, "the LR finder is already running")
            return []
        }
        if state.config.data.train.isEmpty {
            say(&state, "choose the training data first (screen 2: Data)", .warning)
            return []
        }
        state.schedule.finderRunning = true
        say(&state, "LR finder: sweeping 1e-7 to 10 on the first batches")
        return [.runLearningRateFinder(state.config)]
    }
}
