import ThawMonitor
import ThawTUI

/// The left column: every run with its colour, points and activity, and under it what the
/// selected run is made of and what reading it ran into — each problem naming its file.
enum MonitorRunsPanel {
    static func render(_ view: MonitorView, in area: Rect, into buffer: inout Buffer) {
        let state = view.state
        let picking = state.pickingScratch != nil
        let block = Block(title: picking ? "Pick the pretrained run" : "Runs", trailingTitle: "\(state.runs.count)",
                          focused: state.focus == .runs || picking)
        block.render(in: area, into: &buffer, theme: view.theme)
        let inner = block.inner(area)
        guard !state.runs.isEmpty else {
            let lines = [Line([Span("waiting for runs in", role: .muted)])] + state.roots.map { Line([Span($0, role: .accent)]) }
            buffer.lines(lines, in: inner.inset(by: Margin(horizontal: 1, vertical: 0)), theme: view.theme, wrap: true)
            return
        }
        let tableHeight = Swift.min(state.runs.count + 1, Swift.max(3, inner.height / 2))
        let parts = inner.split(.vertical, [.fixed(tableHeight), .fill(1)])
        table(view).render(in: parts[0], into: &buffer, theme: view.theme)
        if state.runs.indices.contains(state.runCursor) {
            buffer.lines(details(state.runs[state.runCursor], view), in: parts[1].inset(by: Margin(top: 1, right: 0, bottom: 0, left: 1)),
                         theme: view.theme, wrap: true)
        }
    }

    static func table(_ view: MonitorView) -> Table {
        let state = view.state
        let columns = [TableColumn("", width: .fixed(1)), TableColumn("", width: .fixed(1)), TableColumn("Run", width: .fill(1)),
                       TableColumn("Points", width: .fixed(6), alignment: .right), TableColumn("", width: .fixed(5))]
        let rows = state.runs.map { run -> TableRow in
            let hidden = state.hidden.contains(run.id)
            let swatch = Span(hidden ? view.symbols.dot : view.symbols.bullet, role: hidden ? .muted : .chartSeries(run.id))
            let role = state.baselines[run.id] != nil ? "P" : (state.baselines.values.contains(run.id) || state.pickingScratch == run.id ? "S" : "")
            let activity = state.activity(run)
            return TableRow([swatch, Span(role, role: .accent, flags: .bold), Span(run.name, role: hidden ? .muted : .foreground),
                             Span(Format.count(run.data.pointCount), role: .muted), Span(activity.label, role: activity.role)])
        }
        return Table(columns: columns, rows: rows, selected: state.runCursor)
    }

    /// The selected run: where it is, its format and files, and every note about them.
    static func details(_ run: RunSnapshot, _ view: MonitorView) -> [Line] {
        let files = run.files.count == 1 ? "1 file" : "\(run.files.count) files"
        let bytes = run.files.reduce(0) { $0 + $1.bytesRead }
        var lines = [Line([Span(run.path, role: .muted)]),
                     Line([Span("\(run.format.rawValue) \(view.symbols.dot) \(files) \(view.symbols.dot) \(Format.count(bytes))B read", role: .muted)])]
        if let restart = run.lastRestart { lines.append(Line([Span(restart, role: .warning)])) }
        if !run.data.ignoredTags.isEmpty {
            lines.append(Line([Span("\(run.data.ignoredTags.count) tags over the limit of \(RunData.maximumTags) not kept", role: .warning)]))
        }
        for file in run.files {
            let name = String(file.path.split(separator: "/").last ?? "")
            if let error = file.notes.error { lines.append(Line([Span("\(name): \(error)", role: .error, flags: .bold)])) }
            for warning in file.notes.warnings { lines.append(Line([Span("\(name): \(warning.text)", role: .warning)])) }
            if let pending = file.notes.pending { lines.append(Line([Span("\(name): \(pending)", role: .muted)])) }
        }
        return lines
    }
}
