/// What to draw when the terminal is below the app's minimum size. Works for every buffer
/// size down to 0×0: it tries progressively shorter messages until one fits, wrapping
/// over several rows when there is height to spare.
public enum TooSmallNotice {
    /// The messages tried, longest first.
    public static func candidates(need: Size, have: Size, glyphs: GlyphSet) -> [String] {
        let x = glyphs.multiplication
        let needText = "\(need.width)\(x)\(need.height)"
        return [
            "terminal too small (need \(needText), have \(have.width)\(x)\(have.height))",
            "terminal too small (need \(needText))",
            "too small: need \(needText)",
            "need \(needText)",
            needText,
            "!",
        ]
    }

    public static func render(into buffer: inout Buffer, need: Size, theme: Theme) {
        buffer.clear()
        let area = buffer.area
        guard !area.isEmpty else { return }
        for text in candidates(need: need, have: area.size, glyphs: theme.glyphs) {
            let paragraph = Paragraph([Line([Span(text, role: .warning, flags: .bold)], alignment: .center)])
            let rows = paragraph.layout(width: area.width)
            // Wrapping is fine; breaking a word ("80×2" / "4") is not, so every word must fit.
            let wordsFit = text.split(separator: " ").allSatisfy { CharWidth.width(of: $0) <= area.width }
            guard rows.count <= area.height, wordsFit else { continue }
            let box = area.centered(width: area.width, height: rows.count)
            paragraph.render(in: box, into: &buffer, theme: theme)
            return
        }
    }
}
