/// A centred modal box: title, wrapped message, a row of buttons with one selected.
/// It clears what is beneath it, so it reads clearly over any panel.
public struct Dialog: Widget {
    public var title: String
    public var message: [Line]
    public var buttons: [String]
    public var selectedButton: Int
    /// Preferred outer width; the dialog shrinks to fit small terminals.
    public var preferredWidth: Int

    public init(title: String, message: [Line], buttons: [String] = ["OK"], selectedButton: Int = 0,
                preferredWidth: Int = 50) {
        self.title = title
        self.message = message
        self.buttons = buttons
        self.selectedButton = selectedButton
        self.preferredWidth = preferredWidth
    }

    public init(title: String, message: String, buttons: [String] = ["OK"], selectedButton: Int = 0) {
        self.init(title: title, message: Paragraph(message).lines, buttons: buttons, selectedButton: selectedButton)
    }

    var buttonLabels: [String] { buttons.map { "[ \($0) ]" } }

    /// The button row for `width` columns: padded labels, else tight ones, else only the
    /// selected button (truncated as a last resort) — never a half-visible label.
    func buttonRow(width: Int, ellipsis: String) -> [(label: String, index: Int)] {
        func total(_ labels: [String], gap: Int) -> Int {
            labels.reduce(0) { $0 + CharWidth.width(of: $1) } + gap * max(0, labels.count - 1)
        }
        if total(buttonLabels, gap: 2) <= width { return Array(zip(buttonLabels, buttons.indices)) }
        let tight = buttons.map { "[\($0)]" }
        if total(tight, gap: 1) <= width { return Array(zip(tight, buttons.indices)) }
        guard buttons.indices.contains(selectedButton) else { return [] }
        return [(TextLayout.truncate(tight[selectedButton], to: width, ellipsis: ellipsis), selectedButton)]
    }

    /// The box the dialog occupies inside `area`.
    public func frame(in area: Rect) -> Rect {
        let buttonsWidth = buttonLabels.reduce(0) { $0 + CharWidth.width(of: $1) } + 2 * max(0, buttons.count - 1)
        let width = min(area.width, max(preferredWidth, buttonsWidth + 4, CharWidth.width(of: title) + 6))
        let textRows = Paragraph(message).layout(width: max(1, width - 4)).count
        let height = min(area.height, textRows + (buttons.isEmpty ? 2 : 4))
        return area.centered(width: width, height: height)
    }

    public func render(in area: Rect, into buffer: inout Buffer, theme: Theme) {
        let box = frame(in: area.intersection(buffer.area))
        guard !box.isEmpty else { return }
        buffer.fill(box, style: Style(fg: .role(.foreground), bg: .role(.surface)))
        let block = Block(title: title, focused: true)
        block.render(in: box, into: &buffer, theme: theme)
        let inner = block.inner(box).inset(by: Margin(horizontal: 1, vertical: 0))
        guard !inner.isEmpty else { return }
        let textArea = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - (buttons.isEmpty ? 0 : 2))
        Paragraph(message).render(in: textArea, into: &buffer, theme: theme)
        guard !buttons.isEmpty, inner.height >= 1 else { return }
        let row = buttonRow(width: inner.width, ellipsis: theme.glyphs.ellipsis)
        let gap = row.count > 1 && row[0].label.hasPrefix("[ ") ? 2 : 1
        let total = row.reduce(0) { $0 + CharWidth.width(of: $1.label) } + gap * max(0, row.count - 1)
        var x = inner.x + Alignment.center.offset(contentWidth: total, in: inner.width)
        let y = inner.bottom - 1
        for (label, index) in row {
            let style = index == selectedButton ? Style(fg: .selectionText, bg: .selection, flags: .bold) : Style(fg: .foreground)
            x = buffer.set(string: label, x: x, y: y, style: style, clip: inner) + gap
        }
    }
}
