import ThawTUI

/// Draws the whole workbench for `state`. Pure: the same state, theme and buffer size always
/// give the same cells, which is what the snapshot tests rely on.
public func render(_ state: AppState, theme: Theme, into buffer: inout Buffer) {
    buffer.clear()
    let area = buffer.area
    guard area.size.fits(AppState.minimumSize) else {
        TooSmallNotice.render(into: &buffer, need: AppState.minimumSize, theme: theme)
        return
    }
    let rows = area.split(.vertical, [.fixed(1), .fill(1), .fixed(1), .fixed(1)])
    let view = ViewContext(state: state, theme: theme)
    Chrome.tabs(view, in: rows[0], into: &buffer)
    switch state.screen {
    case .backbones: BackbonesView.render(view, in: rows[1], into: &buffer)
    case .data: DataView.render(view, in: rows[1], into: &buffer)
    case .layers: LayersView.render(view, in: rows[1], into: &buffer)
    case .schedule: ScheduleView.render(view, in: rows[1], into: &buffer)
    case .train: TrainView.render(view, in: rows[1], into: &buffer)
    case .warnings: WarningsView.render(view, in: rows[1], into: &buffer)
    case .runs: RunsView.render(view, in: rows[1], into: &buffer)
    }
    Chrome.statusLine(view, in: rows[2], into: &buffer)
    Chrome.helpBar(view, in: rows[3], into: &buffer)
    if state.showHelp { HelpOverlay.render(view, in: rows[1], into: &buffer) }
    if let dialog = state.dialog { Chrome.dialog(dialog, view, in: area, into: &buffer) }
    if !theme.glyphs.isUnicode { buffer.foldToASCII() }
}

/// What every view needs: the state, the theme and the symbols its glyph set allows.
struct ViewContext {
    let state: AppState
    let theme: Theme
    let symbols: Symbols

    init(state: AppState, theme: Theme) {
        self.state = state
        self.theme = theme
        symbols = Symbols(theme.glyphs)
    }

    var glyphs: GlyphSet { theme.glyphs }

    /// A panel's frame, focused when it is the screen's current panel.
    func block(_ title: String, panel: Int, trailing: String? = nil) -> Block {
        Block(title: title, trailingTitle: trailing, focused: state.focus == panel)
    }
}

/// Text symbols in Unicode and their ASCII stand-ins, so no view writes a character the
/// C locale cannot show.
struct Symbols {
    let check: String, arrow: String, times: String, dot: String, bullet: String, dash: String
    /// Marks the most transferable backbone.
    let best: String

    init(_ glyphs: GlyphSet) {
        if glyphs.isUnicode {
            (check, arrow, times, dot, bullet, dash, best) = ("✓", "→", "×", "·", "•", "–", "★")
        } else {
            (check, arrow, times, dot, bullet, dash, best) = ("*", "->", "x", "|", "*", "-", "*")
        }
    }
}

extension Buffer {
    /// Styled lines in a rectangle from row `scroll` (clamped so the end stays in view),
    /// truncated or word-wrapped.
    mutating func lines(_ lines: [Line], in area: Rect, theme: Theme, scroll: Int = 0, wrap: Bool = false) {
        var paragraph = Paragraph(lines, overflow: wrap ? .wrap : .truncate)
        let total = paragraph.layout(width: area.width, ellipsis: theme.glyphs.ellipsis).count
        paragraph.scroll = Swift.max(0, Swift.min(scroll, total - area.height))
        paragraph.render(in: area, into: &self, theme: theme)
    }
}
