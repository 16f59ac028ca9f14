/// Multi-line styled text, either word-wrapped or truncated with an ellipsis per line.
public struct Paragraph: Widget {
    public enum Overflow: Hashable, Sendable {
        /// Greedy word wrap; long words are broken.
        case wrap
        /// One row per line, cut with the glyph set's ellipsis.
        case truncate
    }

    public var lines: [Line]
    public var overflow: Overflow
    /// Rows skipped at the top (after wrapping), for scrolling long text.
    public var scroll: Int
    /// Applied to the whole area first, e.g. a background role.
    public var style: Style

    public init(_ lines: [Line], overflow: Overflow = .wrap, scroll: Int = 0, style: Style = .plain) {
        self.lines = lines
        self.overflow = overflow
        self.scroll = scroll
        self.style = style
    }

    public init(_ text: String, style: Style = .plain, overflow: Overflow = .wrap, alignment: Alignment = .left) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { Line(String($0), alignment: alignment) }
        self.init(lines, overflow: overflow, style: style)
    }

    /// The rows this text occupies at `width`, after wrapping or truncation; lets callers
    /// size a dialog or clamp a scroll position.
    public func layout(width: Int, ellipsis: String = "…") -> [Line] {
        guard width > 0 else { return [] }
        var rows: [Line] = []
        for line in lines {
            switch overflow {
            case .wrap:
                let wrapped = TextLayout.wrap(line.spans, width: width)
                rows += (wrapped.isEmpty ? [[]] : wrapped).map { Line($0, alignment: line.alignment) }
            case .truncate:
                rows.append(Line(TextLayout.truncate(line.spans, to: width, ellipsis: ellipsis), alignment: line.alignment))
            }
        }
        return rows
    }

    public func render(in area: Rect, into buffer: inout Buffer, theme: Theme) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        if style != .plain { buffer.setStyle(style, in: area) }
        let rows = layout(width: area.width, ellipsis: theme.glyphs.ellipsis)
        let first = min(max(0, scroll), rows.count)
        for (dy, row) in rows[first...].prefix(area.height).enumerated() {
            let x = area.x + row.alignment.offset(contentWidth: row.width, in: area.width)
            buffer.set(spans: row.spans, at: Point(x: x, y: area.y + dy), clip: area)
        }
    }
}
