/// An expandable tree with guide lines (`├─`, `└─`, `│`), open/closed markers and a
/// selected row. Like `Table`, it scrolls so the selection is always visible.
public struct Tree: Widget {
    public var nodes: [TreeNode]
    public var expanded: Set<String>
    public var selected: String?
    public var offset: Int

    public init(nodes: [TreeNode], expanded: Set<String>, selected: String? = nil, offset: Int = 0) {
        self.nodes = nodes
        self.expanded = expanded
        self.selected = selected
        self.offset = offset
    }

    public func render(in area: Rect, into buffer: inout Buffer, theme: Theme) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let g = theme.glyphs
        let rows = TreeModel.visibleRows(nodes, expanded: expanded)
        let selectedIndex = selected.flatMap { id in rows.firstIndex { $0.id == id } }
        let start = Table.scrollOffset(selected: selectedIndex, offset: offset, visibleRows: area.height,
                                       rowCount: rows.count)
        let guideStyle = Style(fg: .border)
        for (dy, (index, row)) in rows.enumerated().dropFirst(start).prefix(area.height).enumerated() {
            let y = area.y + dy
            let rowRect = Rect(x: area.x, y: y, width: area.width, height: 1)
            let isSelected = index == selectedIndex
            var x = area.x
            // Guides: one column pair per ancestor level below the roots.
            for isLast in row.ancestorIsLast.dropFirst() {
                x = buffer.set(string: isLast ? "  " : g.treeVertical, x: x, y: y, style: guideStyle, clip: rowRect)
            }
            if row.depth > 0 {
                x = buffer.set(string: row.isLast ? g.treeLastBranch : g.treeBranch, x: x, y: y, style: guideStyle, clip: rowRect)
            }
            let marker = row.hasChildren ? (row.isExpanded ? g.treeExpanded : g.treeCollapsed) : g.treeLeaf
            x = buffer.set(string: marker + " ", x: x, y: y, style: Style(fg: row.hasChildren ? .primary : .muted), clip: rowRect)
            var detailWidth = 0
            if let detail = row.detail {
                detailWidth = min(detail.width, max(0, area.right - x - 2))
                let text = TextLayout.truncate(detail.text, to: detailWidth, ellipsis: g.ellipsis)
                let style = Style(fg: .muted).patched(with: detail.style)
                buffer.set(string: text, x: area.right - CharWidth.width(of: text), y: y, style: style, clip: rowRect)
            }
            let labelRoom = max(0, area.right - x - (detailWidth > 0 ? detailWidth + 1 : 0))
            let label = TextLayout.truncate(row.label.text, to: labelRoom, ellipsis: g.ellipsis)
            buffer.set(string: label, x: x, y: y, style: row.label.style, clip: rowRect)
            if isSelected {
                buffer.setStyle(Style(fg: .selectionText, bg: .selection), in: rowRect)
            }
        }
    }
}
