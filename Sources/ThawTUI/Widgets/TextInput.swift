/// A one-line text field. The cursor is drawn as a reversed cell rather than the terminal
/// cursor, which stays hidden: one less piece of terminal state to restore on exit.
public struct TextInput: Widget {
    public var state: TextInputState
    public var placeholder: String
    public var focused: Bool

    public init(state: TextInputState, placeholder: String = "", focused: Bool = true) {
        self.state = state
        self.placeholder = placeholder
        self.focused = focused
    }

    public func render(in area: Rect, into buffer: inout Buffer, theme: Theme) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        buffer.fill(row, style: Style(bg: .role(.surface)))
        if state.characters.isEmpty, !placeholder.isEmpty {
            let text = TextLayout.truncate(placeholder, to: max(0, area.width - 1), ellipsis: theme.glyphs.ellipsis)
            buffer.set(string: text, x: area.x + 1, y: area.y, style: Style(fg: .muted, flags: .italic), clip: row)
        }
        let start = state.scrollStart(width: area.width)
        var x = area.x
        for (i, ch) in state.characters.enumerated().dropFirst(start) {
            guard x < row.right else { break }
            let isCursor = focused && i == state.cursor
            x = buffer.set(string: String(ch), x: x, y: area.y,
                           style: Style(fg: .foreground, flags: isCursor ? .reverse : []), clip: row)
        }
        if focused, state.cursor == state.characters.count {
            let cursorX = min(x, row.right - 1)
            // The placeholder starts one column in, so the cursor cell is always a space.
            buffer.set(string: " ", x: cursorX, y: area.y, style: Style(fg: .foreground, flags: .reverse), clip: row)
        }
    }
}
