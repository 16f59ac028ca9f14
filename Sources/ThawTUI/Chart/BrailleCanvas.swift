/// A dot grid drawn with Unicode braille: each cell holds 2×4 dots (U+2800 + a bit per
/// dot), giving a chart four times the vertical resolution of block characters. In ASCII
/// mode the same API draws one dot per cell as `*`, so charts still read under `LANG=C`.
///
/// Colour is per cell, not per dot (a terminal cell has one foreground): the series drawn
/// last into a cell colours all of its dots. Charts therefore draw faint and background
/// curves first.
public struct BrailleCanvas: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public let dotsPerCellX: Int
    public let dotsPerCellY: Int
    private var bits: [UInt8]
    private var paints: [Paint?]
    private var flags: [StyleFlags]

    /// Bit for dot (dx, dy) inside a cell, per the Unicode braille pattern numbering
    /// (dots 1-2-3 down the left column, 4-5-6 down the right, 7 and 8 on the bottom row).
    static let dotBits: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]

    public init(width: Int, height: Int, braille: Bool = true) {
        self.width = max(0, width)
        self.height = max(0, height)
        dotsPerCellX = braille ? 2 : 1
        dotsPerCellY = braille ? 4 : 1
        bits = Array(repeating: 0, count: self.width * self.height)
        paints = Array(repeating: nil, count: self.width * self.height)
        flags = Array(repeating: [], count: self.width * self.height)
    }

    public var dotWidth: Int { width * dotsPerCellX }
    public var dotHeight: Int { height * dotsPerCellY }

    /// Sets one dot; (0, 0) is the top-left dot. Out-of-range dots are ignored.
    public mutating func set(x: Int, y: Int, paint: Paint, flags extra: StyleFlags = []) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let cell = (y / dotsPerCellY) * width + x / dotsPerCellX
        bits[cell] |= dotsPerCellX == 2 ? BrailleCanvas.dotBits[y % 4][x % 2] : 1
        paints[cell] = paint
        flags[cell] = extra
    }

    public func isSet(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return false }
        let cell = (y / dotsPerCellY) * width + x / dotsPerCellX
        let mask = dotsPerCellX == 2 ? BrailleCanvas.dotBits[y % 4][x % 2] : 1
        return bits[cell] & mask != 0
    }

    /// A straight line between two dots (Bresenham), endpoints included.
    public mutating func line(from a: Point, to b: Point, paint: Paint, flags extra: StyleFlags = []) {
        var x = a.x, y = a.y
        let dx = abs(b.x - a.x), dy = -abs(b.y - a.y)
        let sx = a.x < b.x ? 1 : -1, sy = a.y < b.y ? 1 : -1
        var err = dx + dy
        // Bounded by the line's length so out-of-range endpoints cannot loop for long.
        for _ in 0...(dx - dy) {
            set(x: x, y: y, paint: paint, flags: extra)
            if x == b.x && y == b.y { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
        }
    }

    /// The character for a cell, or nil when it has no dots.
    public func symbol(cellX: Int, cellY: Int, glyphs: GlyphSet) -> String? {
        guard cellX >= 0, cellY >= 0, cellX < width, cellY < height else { return nil }
        let b = bits[cellY * width + cellX]
        guard b != 0 else { return nil }
        if dotsPerCellX == 1 { return glyphs.plotDot }
        return String(Character(Unicode.Scalar(0x2800 + UInt32(b))!))
    }

    /// Copies the cells that have dots into `buffer` at `origin`; empty cells are left
    /// alone so axis lines and markers underneath stay visible.
    public func render(at origin: Point, into buffer: inout Buffer, glyphs: GlyphSet) {
        for cy in 0..<height {
            for cx in 0..<width {
                guard let symbol = symbol(cellX: cx, cellY: cy, glyphs: glyphs) else { continue }
                let i = cy * width + cx
                buffer.set(string: symbol, x: origin.x + cx, y: origin.y + cy,
                           style: Style(fg: paints[i], flags: flags[i]))
            }
        }
    }
}
