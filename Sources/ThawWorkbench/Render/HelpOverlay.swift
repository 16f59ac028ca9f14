import ThawTUI

/// The `?` overlay: every key of the current screen and the global ones, generated from the
/// keymap in force, in two columns when one does not fit.
enum HelpOverlay {
    static func render(_ view: ViewContext, in area: Rect, into buffer: inout Buffer) {
        render(Keymaps.keymap(for: view.state.screen), title: "Keys: \(view.state.screen.title)", theme: view.theme, in: area, into: &buffer)
    }

    /// The overlay for any keymap (the monitor's too).
    static func render(_ keymap: Keymap, title: String, theme: Theme, in area: Rect, into buffer: inout Buffer) {
        let lines = keymap.helpLines(glyphs: theme.glyphs)
        let columnWidth = Swift.max(24, lines.map(\.width).max() ?? 24) + 2
        let twoColumns = lines.count + 2 > area.height
        let columns = twoColumns ? split(lines) : [lines]
        let height = Swift.min(area.height, (columns.map(\.count).max() ?? 0) + 2)
        let width = Swift.min(area.width, columnWidth * columns.count + 3)
        let box = area.centered(width: width, height: height)
        buffer.fill(box, style: Style(fg: .foreground, bg: .surface))
        let block = Block(title: title, trailingTitle: "? closes", focused: true)
        block.render(in: box, into: &buffer, theme: theme)
        let inner = block.inner(box).inset(by: Margin(horizontal: 1, vertical: 0))
        let parts = inner.split(.horizontal, Array(repeating: .fill(1), count: columns.count))
        for (column, rect) in zip(columns, parts) { buffer.lines(column, in: rect, theme: theme) }
    }

    /// Splits at the group boundary nearest the middle, so no group is cut in two.
    static func split(_ lines: [Line]) -> [[Line]] {
        let boundaries = lines.indices.filter { lines[$0].plainText.isEmpty }
        let middle = lines.count / 2
        guard let cut = boundaries.min(by: { abs($0 - middle) < abs($1 - middle) }) else { return [lines] }
        return [Array(lines[..<cut]), Array(lines[(cut + 1)...])]
    }
}
