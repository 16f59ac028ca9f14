import ThawMonitor
import ThawTUI

/// What the monitor derives from its state: the tags in display order, grouped TensorBoard
/// style by the part before the first "/", the pages of charts, and the comparison in force.
extension MonitorState {
    /// The group a tag belongs to ("train/loss" → "train"); "" for tags without a "/".
    static func group(of tag: String) -> String {
        guard let slash = tag.firstIndex(of: "/") else { return "" }
        return String(tag[..<slash])
    }

    /// Every tag of every run (hidden ones too, so pages do not shift when a run is hidden),
    /// ungrouped tags first, then by group and name.
    public var tags: [String] {
        var all = Set<String>()
        for run in runs { all.formUnion(run.data.tags.keys) }
        return all.sorted { (Self.group(of: $0), $0) < (Self.group(of: $1), $1) }
    }

    /// Pages of chart indices: each group's tags in runs of `perPage`, a new page at each group.
    func pages(_ tags: [String]) -> [Range<Int>] {
        let perPage = zoomed ? 1 : MonitorLayout.grid(self).count
        var pages: [Range<Int>] = []
        var start = 0
        while start < tags.count {
            let group = Self.group(of: tags[start])
            var end = start
            while end < tags.count, end - start < perPage, Self.group(of: tags[end]) == group { end += 1 }
            pages.append(start..<end)
            start = end
        }
        return pages
    }

    /// The page holding the selected chart.
    func currentPage(_ tags: [String]) -> (index: Int, range: Range<Int>)? {
        let pages = pages(tags)
        guard let index = pages.firstIndex(where: { $0.contains(chartCursor) }) ?? (pages.isEmpty ? nil : pages.count - 1) else { return nil }
        return (index, pages[index])
    }

    public var visibleRuns: [RunSnapshot] { runs.filter { !hidden.contains($0.id) } }

    /// The pair compared: the one the selected run belongs to, else the first.
    var comparisonPair: (pretrained: RunSnapshot, scratch: RunSnapshot)? {
        let selected = runs.indices.contains(runCursor) ? runs[runCursor].id : nil
        let pretrainedID = baselines.first { $0.key == selected || $0.value == selected }?.key ?? baselines.keys.min()
        guard let pretrainedID, let scratchID = baselines[pretrainedID],
              let pretrained = run(id: pretrainedID), let scratch = run(id: scratchID) else { return nil }
        return (pretrained, scratch)
    }

    func run(id: Int) -> RunSnapshot? { runs.first { $0.id == id } }

    /// The comparison of the pair on the chosen (or most telling) shared tag.
    var comparison: TransferComparison? {
        guard let pair = comparisonPair else { return nil }
        let shared = TransferComparison.sharedTags(pair.pretrained.data, pair.scratch.data)
        guard let tag = comparedTag.flatMap({ shared.contains($0) ? $0 : nil }) ?? shared.first else { return nil }
        return TransferComparison(tag: tag, pretrained: pair.pretrained.data.tags[tag]!, scratch: pair.scratch.data.tags[tag]!)
    }

    /// Live, waiting, failing or idle, for the runs table.
    func activity(_ run: RunSnapshot) -> (label: String, role: ThemeRole) {
        if !run.unreadableFiles.isEmpty { return ("error", .error) }
        if run.isWaiting { return ("wait", .warning) }
        if let changed = lastChange[run.id], clock - changed <= Self.liveSeconds { return ("live", .success) }
        return ("", .muted)
    }
}

/// Sizes shared by `update` (how far a page key moves) and `render` (what is drawn).
enum MonitorLayout {
    /// The frame's rows: header, body, status line, help bar.
    static func body(_ size: Size) -> Rect {
        Rect(x: 0, y: 1, width: size.width, height: size.height - 3)
    }

    static func sidebarWidth(_ size: Size) -> Int { Swift.min(36, Swift.max(24, size.width / 4 + 6)) }

    /// Height of the comparison panel under the charts (0 without a pair).
    static func comparisonHeight(_ state: MonitorState) -> Int {
        guard !state.baselines.isEmpty || state.pickingScratch != nil else { return 0 }
        return body(state.size).height >= 24 ? 9 : 7
    }

    static func chartArea(_ state: MonitorState) -> Rect {
        let body = body(state.size)
        let sidebar = sidebarWidth(state.size)
        return Rect(x: body.x + sidebar, y: body.y, width: body.width - sidebar, height: body.height - comparisonHeight(state))
    }

    /// Charts across and down the chart area at most (a page holds `count`).
    static func grid(_ state: MonitorState) -> (columns: Int, rows: Int, count: Int) {
        let area = chartArea(state)
        let columns = Swift.max(1, area.width / 40), rows = Swift.max(1, area.height / 10)
        return (columns, rows, columns * rows)
    }

    /// The grid for a page of `count` charts: as few columns and rows as hold them, so a
    /// small group gets larger charts rather than empty cells.
    static func pageGrid(_ state: MonitorState, count: Int) -> (columns: Int, rows: Int) {
        guard !state.zoomed, count > 1 else { return (1, 1) }
        let columns = Swift.min(grid(state).columns, count)
        return (columns, (count + columns - 1) / columns)
    }
}
