/// A one-line list of key hints ("q Quit  ? Help"), generated from keymap data.
/// Hints are dropped whole from the right when space runs out (a half-shown hint is
/// misleading); an ellipsis marks that some were dropped.
public struct HelpBar: Widget {
    public var hints: [KeyHint]

    public init(hints: [KeyHint]) { self.hints = hints }

    public init(keymap: Keymap, actions: [String]? = nil, glyphs: GlyphSet = .unicode) {
        self.hints = keymap.hints(for: actions, glyphs: glyphs)
    }

    /// The spans that fit in `width` columns.
    public func spans(width: Int, ellipsis: String) -> [Span] {
        guard width > 0 else { return [] }
        var spans: [Span] = []
        var used = 0
        let ellipsisWidth = CharWidth.width(of: ellipsis)
        for (i, hint) in hints.enumerated() {
            let separator = i == 0 ? "" : "  "
            let item = [Span(separator), Span(hint.key, role: .primary, flags: .bold), Span(" " + hint.description, role: .muted)]
            let itemWidth = item.reduce(0) { $0 + $1.width }
            let isLast = i == hints.count - 1
            let reserve = isLast ? 0 : ellipsisWidth + 1
            if used + itemWidth + reserve <= width || (isLast && used + itemWidth <= width) {
                spans += item
                used += itemWidth
                continue
            }
            if i == 0 { return TextLayout.truncate(Array(item.dropFirst()), to: width, ellipsis: ellipsis) }
            if used + 1 + ellipsisWidth <= width { spans.append(Span(" " + ellipsis, role: .muted)) }
            break
        }
        return spans
    }

    public func render(in area: Rect, into buffer: inout Buffer, theme: Theme) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        buffer.set(spans: spans(width: area.width, ellipsis: theme.glyphs.ellipsis),
                   at: Point(x: area.x, y: area.y), clip: area)
    }
}
