import ThawTUI
import ThawTrainingAPI

/// Screen 7: past runs with their results, and how the selected run's configuration
/// differs from the experiment being edited.
enum RunsView {
    static func render(_ view: ViewContext, in area: Rect, into buffer: inout Buffer) {
        let state = view.state
        let parts = area.split(.vertical, [.fill(3), .fill(2)])
        let listBlock = view.block("Runs in \(state.config.output.runs)", panel: 0, trailing: "\(state.runs.count)")
        listBlock.render(in: parts[0], into: &buffer, theme: view.theme)
        let listArea = listBlock.inner(parts[0]).inset(by: Margin(horizontal: 1, vertical: 0))
        let diffBlock = view.block("Differences from the current experiment", panel: 1)
        diffBlock.render(in: parts[1], into: &buffer, theme: view.theme)
        let diffArea = diffBlock.inner(parts[1]).inset(by: Margin(horizontal: 1, vertical: 0))
        guard !state.runs.isEmpty else {
            buffer.render(Paragraph([Line([Span("No runs yet. Each run (s) writes a directory here with its metrics, checkpoint and summary.",
                                                 role: .muted)])]), in: listArea, theme: view.theme)
            return
        }
        table(view).render(in: listArea, into: &buffer, theme: view.theme)
        let run = state.runs[Swift.min(state.runsUI.cursor, state.runs.count - 1)]
        buffer.lines(differences(run, view), in: diffArea, theme: view.theme)
    }

    static func table(_ view: ViewContext) -> Table {
        let state = view.state
        let wide = view.state.size.width >= 100
        var columns = [TableColumn("", width: .fixed(1)), TableColumn("Run", width: .fill(3)), TableColumn("Backbone", width: .fill(2)),
                       TableColumn("State", width: .fixed(8)), TableColumn("Best val", width: .fixed(8), alignment: .right),
                       TableColumn("Final", width: .fixed(7), alignment: .right), TableColumn("Test", width: .fixed(7), alignment: .right)]
        if wide { columns += [TableColumn("Steps", width: .fixed(7), alignment: .right), TableColumn("Wall", width: .fixed(7), alignment: .right)] }
        let rows = state.runs.map { run -> TableRow in
            let stateRole: ThemeRole = run.state == "finished" ? .success : (run.state == "failed" ? .error : .muted)
            var cells = [Span(run.directory == state.runsUI.overlay ? view.symbols.bullet : " ", role: .accent), Span(run.name),
                         Span(run.backbone, role: .muted), Span(run.state, role: stateRole),
                         Span(Format.percent(run.bestValidationAccuracy), role: .success), Span(Format.percent(run.finalValidationAccuracy)),
                         Span(Format.percent(run.testAccuracy), role: .accent)]
            if wide { cells += [Span("\(run.steps)"), Span(Format.duration(run.wallSeconds), role: .muted)] }
            return TableRow(cells)
        }
        return Table(columns: columns, rows: rows, selected: state.runsUI.cursor)
    }

    static func differences(_ run: RunRecord, _ view: ViewContext) -> [Line] {
        guard let config = run.config else { return [Line([Span("\(run.directory): config.yaml could not be read", role: .warning)])] }
        // Where backbones were searched for is not part of what was trained.
        let changes = ConfigDiff.changes(from: config, to: view.state.config).filter { $0.key != "backbone.directories" }
        guard !changes.isEmpty else { return [Line([Span(view.symbols.check + " same configuration as the current experiment", role: .success)])] }
        let keyWidth = Swift.min(28, changes.map { CharWidth.width(of: $0.key) }.max() ?? 10) + 1
        return [Line([Span("key".padding(keyWidth), role: .muted), Span("this run ", role: .muted), Span(view.symbols.arrow, role: .muted),
                       Span(" now", role: .muted)])]
            + changes.map { change in
                Line([Span(change.key.padding(keyWidth), role: .accent), Span(change.old + " "), Span(view.symbols.arrow, role: .muted),
                      Span(" " + change.new, role: .primary)])
            }
    }
}
