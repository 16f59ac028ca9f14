/// A column of a table: its header, how wide it may be, and how its cells align
/// (numbers read best right-aligned).
public struct TableColumn: Hashable, Sendable {
    public var title: String
    public var width: Constraint
    public var alignment: Alignment

    public init(_ title: String, width: Constraint = .fill(1), alignment: Alignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}

public struct TableRow: Hashable, Sendable {
    public var cells: [Span]
    /// Applied to the whole row under the cell styles (e.g. `muted` for a frozen layer).
    public var style: Style

    public init(_ cells: [Span], style: Style = .plain) {
        self.cells = cells
        self.style = style
    }

    public init(_ texts: [String], style: Style = .plain) {
        self.init(texts.map { Span($0) }, style: style)
    }
}

/// Rows and columns with a header, a selected row and vertical scrolling. The scroll
/// position is state the caller keeps; `Table.scrollOffset` computes the next one so the
/// selection stays visible, and `render` applies the same rule, so a stale offset can
/// never hide the selection.
public struct Table: Widget {
    public var columns: [TableColumn]
    public var rows: [TableRow]
    public var selected: Int?
    public var offset: Int
    public var showHeader: Bool
    public var columnSpacing: Int

    public init(columns: [TableColumn], rows: [TableRow], selected: Int? = nil, offset: Int = 0,
                showHeader: Bool = true, columnSpacing: Int = 1) {
        self.columns = columns
        self.rows = rows
        self.selected = selected
        self.offset = offset
        self.showHeader = showHeader
        self.columnSpacing = columnSpacing
    }

    /// The first row to show so that `selected` is within `visibleRows` rows, moving the
    /// window as little as possible from `offset`.
    public static func scrollOffset(selected: Int?, offset: Int, visibleRows: Int, rowCount: Int) -> Int {
        guard visibleRows > 0, rowCount > 0 else { return 0 }
        var start = min(max(0, offset), max(0, rowCount - visibleRows))
        if let s = selected.map({ min(max(0, $0), rowCount - 1) }) {
            if s < start { start = s }
            if s >= start + visibleRows { start = s - visibleRows + 1 }
        }
        return start
    }

    /// Rows of data that fit in `area` (below the header).
    public func visibleRows(in area: Rect) -> Int { max(0, area.height - (showHeader ? 1 : 0)) }

    public func render(in area: Rect, into buffer: inout Buffer, theme: Theme) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty, !columns.isEmpty else { return }
        let columnRects = Layout(.horizontal, columns.map(\.width), spacing: columnSpacing)
            .split(Rect(x: area.x, y: 0, width: area.width, height: 1))
        let ellipsis = theme.glyphs.ellipsis
        var y = area.y
        if showHeader {
            for (column, rect) in zip(columns, columnRects) {
                let text = TextLayout.truncate(column.title, to: rect.width, ellipsis: ellipsis)
                let x = rect.x + column.alignment.offset(contentWidth: CharWidth.width(of: text), in: rect.width)
                buffer.set(string: text, x: x, y: y, style: Style(fg: .muted, flags: .bold),
                           clip: Rect(x: rect.x, y: y, width: rect.width, height: 1))
            }
            y += 1
        }
        let visible = visibleRows(in: area)
        let start = Table.scrollOffset(selected: selected, offset: offset, visibleRows: visible, rowCount: rows.count)
        for (i, row) in rows.enumerated().dropFirst(start).prefix(visible) {
            let rowRect = Rect(x: area.x, y: y, width: area.width, height: 1)
            if row.style != .plain { buffer.setStyle(row.style, in: rowRect) }
            if i == selected {
                buffer.setStyle(Style(fg: .selectionText, bg: .selection), in: rowRect)
            }
            for (column, (cell, rect)) in zip(columns, zip(row.cells, columnRects)) {
                var spans = TextLayout.truncate([cell], to: rect.width, ellipsis: ellipsis)
                if i == selected { spans = spans.map { Span($0.text, style: Style(flags: $0.style.flags)) } }
                let width = spans.reduce(0) { $0 + $1.width }
                let x = rect.x + column.alignment.offset(contentWidth: width, in: rect.width)
                buffer.set(spans: spans, at: Point(x: x, y: y), clip: Rect(x: rect.x, y: y, width: rect.width, height: 1))
            }
            y += 1
        }
        // Scroll hints in the last column: more rows above / below the window.
        let hintStyle = Style(fg: .muted)
        if start > 0, visible > 0 {
            buffer.set(string: theme.glyphs.scrollUp, x: area.right - 1, y: area.y + (showHeader ? 1 : 0), style: hintStyle)
        }
        if start + visible < rows.count, visible > 0 {
            buffer.set(string: theme.glyphs.scrollDown, x: area.right - 1, y: y - 1, style: hintStyle)
        }
    }
}
