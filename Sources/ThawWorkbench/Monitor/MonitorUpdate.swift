import ThawMonitor
import ThawTUI

/// The monitor's pure core: `update` and `render`, as for the workbench.
public enum MonitorApp {
    /// The one state transition: pure, so message sequences replay exactly in tests.
    public static func update(_ state: inout MonitorState, _ msg: MonitorMsg) -> [MonitorEffect] {
        switch msg {
        case .key(let key): return self.key(&state, key)
        case .resize(let size):
            state.size = size
        case .tick(let now):
            state.clock = now
            if let status = state.status, status.level == .info || status.level == .success, now - state.statusSetAt > 8 {
                state.status = nil
            }
        case .changes(let changes):
            receive(&state, changes)
        case .exported(let path):
            say(&state, "exported to \(path)", .success)
        case .failed(let message):
            say(&state, message, .error)
        }
        return []
    }

    static func say(_ state: inout MonitorState, _ text: String, _ level: StatusMessage.Level = .info) {
        state.status = StatusMessage(text, level: level)
        state.statusSetAt = state.clock
    }

    /// New snapshots replace the old ones of the same run; new runs are added in id order.
    static func receive(_ state: inout MonitorState, _ changes: MonitorChanges) {
        for run in changes.runs {
            if let index = state.runs.firstIndex(where: { $0.id == run.id }) {
                if state.runs[index].data != run.data { state.lastChange[run.id] = state.clock }
                state.runs[index] = run
            } else {
                state.runs.append(run)
                state.runs.sort { $0.id < $1.id }
                if run.data.pointCount > 0 { state.lastChange[run.id] = state.clock }
            }
        }
        if let problems = changes.rootProblems { state.rootProblems = problems }
        MonitorBaselines.applyPending(&state)
        state.chartCursor = Swift.min(state.chartCursor, Swift.max(0, state.tags.count - 1))
    }

    static func key(_ state: inout MonitorState, _ key: Key) -> [MonitorEffect] {
        if key == .resize { return [] }
        if state.showHelp {
            if [.char("?"), .escape, .char("q"), .enter, .function(1)].contains(key) { state.showHelp = false }
            return []
        }
        guard let name = MonitorKeymap.keymap.action(for: key), let action = MonitorAction(rawValue: name) else { return [] }
        if state.pickingScratch != nil, let effects = MonitorBaselines.picking(&state, action) { return effects }
        switch action {
        case .quit: return [.quit]
        case .help: state.showHelp = true
        case .cancel:
            if state.zoomed { state.zoomed = false } else { state.status = nil }
        case .nextPanel, .previousPanel: state.focus = state.focus == .charts ? .runs : .charts
        case .smoothing:
            let steps = MonitorState.smoothingSteps
            state.smoothing = steps[((steps.firstIndex(of: state.smoothing) ?? 0) + 1) % steps.count]
            say(&state, state.smoothing == 0 ? "smoothing off" : "smoothing \(ValueText.short(state.smoothing)) (debiased EMA, raw curve faint)")
        case .logScale:
            state.logScale.toggle()
            say(&state, state.logScale ? "log y axis (values ≤ 0 are not drawn)" : "linear y axis")
        case .zoom:
            if state.focus == .runs { return MonitorBaselines.confirm(&state) }
            state.zoomed.toggle()
        case .toggleRun: toggleRun(&state)
        case .baseline: MonitorBaselines.start(&state)
        case .compareTag: MonitorBaselines.cycleTag(&state)
        case .export:
            guard !state.visibleRuns.isEmpty else {
                say(&state, "no runs to export")
                return []
            }
            return [.export(state.visibleRuns)]
        case .rescan:
            say(&state, "searching the watched paths again")
            return [.rescan]
        case .up, .down, .top, .bottom, .pageUp, .pageDown, .left, .right:
            move(&state, action)
        }
        return []
    }

    static func toggleRun(_ state: inout MonitorState) {
        guard state.runs.indices.contains(state.runCursor) else { return }
        let run = state.runs[state.runCursor]
        if state.hidden.remove(run.id) == nil { state.hidden.insert(run.id) }
        say(&state, "\(run.name) \(state.hidden.contains(run.id) ? "hidden" : "shown")")
    }

    /// Moves the run cursor or the chart cursor, by the focused panel.
    static func move(_ state: inout MonitorState, _ action: MonitorAction) {
        if state.focus == .runs {
            guard let movement = action.movement else { return }
            let page = Swift.max(1, MonitorLayout.body(state.size).height - 3)
            state.runCursor = Navigation.moved(state.runCursor, movement, count: state.runs.count, page: page) ?? state.runCursor
            return
        }
        let tags = state.tags
        guard !tags.isEmpty, let (index, range) = state.currentPage(tags) else { return }
        let pages = state.pages(tags)
        let columns = MonitorLayout.pageGrid(state, count: range.count).columns
        let last = tags.count - 1
        let next: Int = switch action {
        case .left: state.chartCursor - 1
        case .right: state.chartCursor + 1
        case .up: state.chartCursor - columns
        case .down: state.chartCursor + columns
        case .top: 0
        case .bottom: last
        case .pageUp: index > 0 ? pages[index - 1].lowerBound : range.lowerBound
        case .pageDown: index + 1 < pages.count ? pages[index + 1].lowerBound : range.lowerBound
        default: state.chartCursor
        }
        state.chartCursor = Swift.min(Swift.max(0, next), last)
    }
}
