extension Update {
    /// Screen 5's own keys only change how the loss is drawn; steering the run happens on the
    /// Layers and Schedule screens, which stay live while it trains.
    static func train(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .toggleLogScale: state.trainCharts.toggleYScale()
        case .cycleSmoothing: state.trainCharts.cycleSmoothing()
        case .cycleXAxis: state.trainCharts.cycleXAxis()
        default: return []
        }
        say(&state, state.trainCharts.description)
        return []
    }
}
