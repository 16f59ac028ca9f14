extension Update {
    static func runs(_ state: inout AppState, _ action: Action) -> [Effect] {
        if let cursor = Navigation.moved(state.runsUI.cursor, action, count: state.runs.count, page: Navigation.page(state)) {
            state.runsUI.cursor = cursor
            return []
        }
        switch action {
        case .overlayRun:
            guard state.runs.indices.contains(state.runsUI.cursor) else { return [] }
            let run = state.runs[state.runsUI.cursor]
            if state.runsUI.overlay == run.directory {
                state.runsUI.overlay = nil
                say(&state, "overlay removed")
            } else {
                state.runsUI.overlay = run.directory
                say(&state, "\(run.name): validation accuracy drawn on the Train screen (5)")
            }
            return []
        case .exportRuns:
            guard !state.runs.isEmpty else {
                say(&state, "no runs to export")
                return []
            }
            return [.exportRuns(state.runs, directory: state.config.output.runs)]
        case .refreshRuns:
            return [.refreshRuns(directory: state.config.output.runs)]
        default:
            return []
        }
    }
}
