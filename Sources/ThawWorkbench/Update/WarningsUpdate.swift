import ThawTrainingAPI

extension Update {
    static func warnings(_ state: inout AppState, _ action: Action) -> [Effect] {
        let ids = state.warnings.order
        if let cursor = Navigation.moved(state.warnings.cursor, action, count: ids.count, page: Navigation.page(state)) {
            state.warnings.cursor = cursor
            return []
        }
        switch action {
        case .applyAction:
            guard ids.indices.contains(state.warnings.cursor), let card = state.warnings.cards[ids[state.warnings.cursor]] else {
                say(&state, "no warning selected")
                return []
            }
            guard let action = card.actions.first else {
                say(&state, "this card suggests no action")
                return []
            }
            let backbone = state.selectedBackbone
            let outcome = WarningActions.apply(action, to: state.config, tree: freezeTree(state), blocks: backbone?.blocks ?? [],
                                               heads: backbone?.headPrefixes ?? [], live: state.training.isActive)
            state.warnings.applied.append(AppliedAction(reportID: card.id, action: action, previousConfig: state.config,
                                                        undoCommands: outcome.undoCommands))
            state.config = outcome.config
            say(&state, outcome.note + " (u undoes)", .success)
            return outcome.commands.map { .send($0) }
        case .undoAction:
            guard let last = state.warnings.applied.popLast() else {
                say(&state, "nothing to undo")
                return []
            }
            state.config = WarningActions.undo(last, in: state.config)
            if !last.undoCommands.isEmpty && !state.training.isActive {
                say(&state, "the run has ended; what \(last.action.label) did to it stays", .warning)
                return []
            }
            say(&state, last.action == .stop ? "a stopped run cannot be resumed" : "undid: \(last.action.label)")
            return last.undoCommands.map { .send($0) }
        default:
            return []
        }
    }
}
