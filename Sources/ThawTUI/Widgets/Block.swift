/// A bordered panel with a title. Focus is shown three ways at once — colour
/// (`border_focused`), heavier border glyphs, and bold — so it survives monochrome
/// terminals and colour-blind users alike.
public struct Block: Widget {
    public var title: String?
    /// Optional text at the right end of the top border (a status or a counter).
    public var trailingTitle: String?
    public var focused: Bool
    public var borders: Bool
    /// Background role to fill the whole block with (e.g. `.surface` for dialogs).
    public var fill: ThemeRole?
    /// Space between the border and the content.
    public var padding: Margin

    public init(title: String? = nil, trailingTitle: String? = nil, focused: Bool = false,
                borders: Bool = true, fill: ThemeRole? = nil, padding: Margin = Margin(all: 0)) {
        self.title = title
        self.trailingTitle = trailingTitle
        self.focused = focused
        self.borders = borders
        self.fill = fill
        self.padding = padding
    }

    /// The content area inside border and padding. A block too small for its border draws
    /// none and gives its whole area to the content.
    public func inner(_ area: Rect) -> Rect {
        let bordered = borders && area.width >= 2 && area.height >= 2
        return (bordered ? area.inset(1) : area).inset(by: padding)
    }

    public func render(in area: Rect, into buffer: inout Buffer, theme: Theme) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        if let fill { buffer.fill(area, style: Style(fg: .role(.foreground), bg: .role(fill))) }
        guard borders, area.width >= 2, area.height >= 2 else { return }
        let glyph = focused ? theme.glyphs.focusedBorder : theme.glyphs.border
        let borderStyle = Style(fg: focused ? .borderFocused : .border)
        let horizontal = String(repeating: glyph.horizontal, count: area.width - 2)
        buffer.set(string: glyph.topLeft + horizontal + glyph.topRight, x: area.x, y: area.y, style: borderStyle)
        buffer.set(string: glyph.bottomLeft + horizontal + glyph.bottomRight, x: area.x, y: area.bottom - 1,
                   style: borderStyle)
        for y in (area.y + 1)..<(area.bottom - 1) {
            buffer.set(string: glyph.vertical, x: area.x, y: y, style: borderStyle)
            buffer.set(string: glyph.vertical, x: area.right - 1, y: y, style: borderStyle)
        }
        // Titles sit inside the top border with one border cell kept at each end.
        let titleRoom = Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: 1)
        var used = 0
        if let title, !title.isEmpty, titleRoom.width >= 3 {
            let text = TextLayout.truncate(title, to: titleRoom.width - 2, ellipsis: theme.glyphs.ellipsis)
            let style = Style(fg: focused ? .borderFocused : .title, flags: .bold)
            used = buffer.set(string: " \(text) ", x: titleRoom.x, y: area.y, style: style, clip: titleRoom) - titleRoom.x
        }
        if let trailing = trailingTitle, !trailing.isEmpty {
            let room = titleRoom.width - used - 1
            guard room >= 3 else { return }
            let text = TextLayout.truncate(trailing, to: room - 2, ellipsis: theme.glyphs.ellipsis)
            let width = CharWidth.width(of: text) + 2
            buffer.set(string: " \(text) ", x: titleRoom.right - width, y: area.y, style: Style(fg: .muted), clip: titleRoom)
        }
    }
}
