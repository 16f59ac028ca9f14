import ThawMonitor
import ThawTUI

/// The chart grid: one line chart per tag of the current page, every visible run overlaid in
/// its own colour (the run's id picks it, so hiding a run recolours nothing), with the
/// state's smoothing and y scale.
enum MonitorCharts {
    static func render(_ view: MonitorView, in area: Rect, into buffer: inout Buffer) {
        let state = view.state
        guard let page = state.currentPage(view.tags) else {
            let block = Block(title: "Charts", focused: state.focus == .charts)
            block.render(in: area, into: &buffer, theme: view.theme)
            let text = state.runs.isEmpty ? "no runs yet: the watched paths are searched every 2 s" : "no scalars yet"
            buffer.lines([Line([Span(text, role: .muted)])], in: block.inner(area).inset(by: Margin(horizontal: 1, vertical: 0)),
                         theme: view.theme, wrap: true)
            return
        }
        let grid = MonitorLayout.pageGrid(state, count: page.range.count)
        let rows = area.split(.vertical, Array(repeating: .fill(1), count: grid.rows))
        let cells = rows.flatMap { $0.split(.horizontal, Array(repeating: .fill(1), count: grid.columns)) }
        for (cell, index) in zip(cells, page.range) {
            chart(view.tags[index], selected: index == state.chartCursor, view, in: cell, into: &buffer)
        }
    }

    static func chart(_ tag: String, selected: Bool, _ view: MonitorView, in area: Rect, into buffer: inout Buffer) {
        let state = view.state
        var series: [ChartSeries] = []
        var nonFinite = 0
        for run in state.visibleRuns {
            guard let data = run.data.tags[tag] else { continue }
            let points = data.points
            nonFinite += data.nonFiniteCount
            series.append(ChartSeries(name: run.name, xs: points.map(\.step), ys: points.map(\.value), colorIndex: run.id))
        }
        let block = Block(title: tag, trailingTitle: nonFinite > 0 ? "\(nonFinite) NaN/inf" : nil,
                          focused: selected && state.focus == .charts)
        block.render(in: area, into: &buffer, theme: view.theme)
        let inner = block.inner(area)
        guard !series.isEmpty else {
            buffer.lines([Line([Span("no visible run logs this tag", role: .muted)])], in: inner.inset(by: Margin(horizontal: 1, vertical: 0)),
                         theme: view.theme)
            return
        }
        LineChart(series: series, xAxis: .step, yScale: state.logScale ? .log : .linear, smoothing: state.smoothing)
            .render(in: inner, into: &buffer, theme: view.theme)
    }
}
