extension Buffer {
    /// Writes `string` on one row starting at `at`, clipped to `clip` (the whole buffer by
    /// default), and returns the column after the last cell written.
    ///
    /// Wide characters take two cells; one that would straddle the clip edge is replaced by a
    /// space, so a half-character never reaches the terminal. Control characters are shown as
    /// `?` (tabs and newlines as spaces): raw control bytes would move the terminal's cursor
    /// behind the diff's back. Zero-width graphemes with no base are dropped.
    @discardableResult
    public mutating func set(string: some StringProtocol, at point: Point, style: Style = .plain,
                             clip: Rect? = nil) -> Int {
        let bounds = (clip ?? area).intersection(area)
        var x = point.x
        guard point.y >= bounds.y, point.y < bounds.bottom else { return x }
        for grapheme in string {
            if x >= bounds.right { break }
            let symbol = Buffer.printable(grapheme)
            let w = CharWidth.width(of: Character(symbol))
            if w == 0 { continue }
            if x < bounds.x {
                x += w
                if x > bounds.x {
                    placeSymbol(" ", x: bounds.x, y: point.y, style: style)
                }
                continue
            }
            if w == 2 && x + 1 >= bounds.right {
                placeSymbol(" ", x: x, y: point.y, style: style)
                x += 1
                break
            }
            placeSymbol(symbol, x: x, y: point.y, style: style)
            x += w
        }
        return x
    }

    /// Convenience for the common case of a row inside a rectangle.
    @discardableResult
    public mutating func set(string: some StringProtocol, x: Int, y: Int, style: Style = .plain,
                             clip: Rect? = nil) -> Int {
        set(string: string, at: Point(x: x, y: y), style: style, clip: clip)
    }

    /// Writes styled spans one after another on a row.
    @discardableResult
    public mutating func set(spans: [Span], at point: Point, clip: Rect? = nil) -> Int {
        var x = point.x
        for span in spans { x = set(string: span.text, at: Point(x: x, y: point.y), style: span.style, clip: clip) }
        return x
    }

    private mutating func placeSymbol(_ symbol: String, x: Int, y: Int, style: Style) {
        var cell = self[x, y]
        cell.symbol = symbol
        cell.apply(style)
        put(cell, x: x, y: y)
    }

    static func printable(_ grapheme: Character) -> String {
        guard let first = grapheme.unicodeScalars.first else { return " " }
        let v = first.value
        if v == 0x09 || v == 0x0A || v == 0x0D { return " " }
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return "?" }
        return String(grapheme)
    }
}
