import ThawMonitor
import ThawTUI

extension MonitorApp {
    /// Draws the monitor for `state`. Pure: the same state, theme and size give the same
    /// cells, which the snapshot tests rely on.
    public static func render(_ state: MonitorState, theme: Theme, into buffer: inout Buffer) {
        buffer.clear()
        guard buffer.size.fits(MonitorState.minimumSize) else {
            TooSmallNotice.render(into: &buffer, need: MonitorState.minimumSize, theme: theme)
            return
        }
        var state = state
        state.size = buffer.size
        let view = MonitorView(state: state, theme: theme)
        let area = buffer.area
        header(view, in: area.row(0), into: &buffer)
        let body = MonitorLayout.body(state.size)
        let columns = body.split(.horizontal, [.fixed(MonitorLayout.sidebarWidth(state.size)), .fill(1)])
        MonitorRunsPanel.render(view, in: columns[0], into: &buffer)
        MonitorCharts.render(view, in: MonitorLayout.chartArea(state), into: &buffer)
        let comparisonHeight = MonitorLayout.comparisonHeight(state)
        if comparisonHeight > 0 {
            MonitorComparisonPanel.render(view, in: Rect(x: columns[1].x, y: body.bottom - comparisonHeight, width: columns[1].width,
                                                         height: comparisonHeight), into: &buffer)
        }
        statusLine(view, in: area.row(area.height - 2), into: &buffer)
        let hints = state.showHelp ? [KeyHint(key: "?", description: "Close help")]
            : MonitorKeymap.keymap.hints(for: MonitorKeymap.barActions.map(\.rawValue), glyphs: theme.glyphs)
        HelpBar(hints: hints).render(in: area.row(area.height - 1).inset(by: Margin(top: 0, right: 0, bottom: 0, left: 1)),
                                     into: &buffer, theme: theme)
        if state.showHelp { HelpOverlay.render(MonitorKeymap.keymap, title: "Keys: Monitor", theme: theme, in: body, into: &buffer) }
        if !theme.glyphs.isUnicode { buffer.foldToASCII() }
    }

    /// The title, the tag groups (the current one highlighted) and the page.
    static func header(_ view: MonitorView, in row: Rect, into buffer: inout Buffer) {
        var x = buffer.set(string: " Thaw monitor ", x: row.x, y: row.y, style: Style(fg: .primary, flags: .bold), clip: row)
        let tags = view.tags
        guard let page = view.state.currentPage(tags) else { return }
        let pageCount = view.state.pages(tags).count
        let right = " page \(page.index + 1)/\(pageCount) "
        let room = Rect(x: row.x, y: row.y, width: row.width - CharWidth.width(of: right), height: 1)
        var groups: [(name: String, count: Int)] = []
        for tag in tags {
            let group = MonitorState.group(of: tag)
            if groups.last?.name == group { groups[groups.count - 1].count += 1 } else { groups.append((group, 1)) }
        }
        let current = MonitorState.group(of: tags[page.range.lowerBound])
        for group in groups {
            let label = " \(group.name.isEmpty ? "scalars" : group.name) \(group.count) "
            let style = group.name == current ? Style(fg: .selectionText, bg: .selection, flags: .bold) : Style(fg: .muted)
            x = buffer.set(string: label, x: x, y: row.y, style: style, clip: room)
        }
        buffer.set(string: right, x: row.right - CharWidth.width(of: right), y: row.y, style: Style(fg: .muted), clip: row)
    }

    /// The newest message, else the most urgent problem, else a summary.
    static func statusLine(_ view: MonitorView, in row: Rect, into buffer: inout Buffer) {
        let state = view.state
        buffer.fill(row, style: Style(bg: .surface))
        let span: Span
        if let status = state.status {
            span = status.span
        } else if let problem = state.rootProblems.first {
            span = Span(" " + problem, role: .warning)
        } else if let run = state.runs.first(where: { !$0.unreadableFiles.isEmpty }), let file = run.unreadableFiles.first {
            span = Span(" \(file.path): \(file.notes.error ?? "")", role: .error, flags: .bold)
        } else {
            var parts = ["\(state.runs.count) run\(state.runs.count == 1 ? "" : "s")", "\(view.tags.count) tags"]
            if !state.hidden.isEmpty { parts.append("\(state.hidden.count) hidden") }
            parts.append(state.smoothing > 0 ? "smoothing \(ValueText.short(state.smoothing))" : "no smoothing")
            if state.logScale { parts.append("log y") }
            let problems = state.runs.reduce(0) { $0 + $1.files.reduce(0) { $0 + $1.notes.lines.count } }
            if problems > 0 { parts.append("\(problems) note\(problems == 1 ? "" : "s") (Tab, then a run)") }
            span = Span(" " + parts.joined(separator: " \(view.symbols.dot) "), role: .muted)
        }
        buffer.set(spans: TextLayout.truncate([span], to: row.width, ellipsis: view.theme.glyphs.ellipsis), at: Point(x: row.x, y: row.y),
                   clip: row)
    }
}

/// What every monitor panel needs: the state, the theme, the symbols its glyphs allow, and
/// the tags in display order (computed once per frame).
struct MonitorView {
    let state: MonitorState
    let theme: Theme
    let symbols: Symbols
    let tags: [String]

    init(state: MonitorState, theme: Theme) {
        self.state = state
        self.theme = theme
        symbols = Symbols(theme.glyphs)
        tags = state.tags
    }
}
