/// A cell position.
public struct Point: Hashable, Sendable {
    public var x: Int, y: Int
    public init(x: Int, y: Int) { self.x = x; self.y = y }
}

/// The frame being drawn: a width×height grid of cells. Everything renders into a buffer;
/// only the difference between two consecutive buffers reaches the terminal, and tests
/// compare buffers (or their text dumps) instead of screens.
///
/// All writes clip silently: drawing outside the grid is a no-op, never a crash, because
/// layout on a 1×1 terminal routinely yields rectangles that do not fit.
public struct Buffer: Equatable, Sendable {
    public internal(set) var width: Int
    public internal(set) var height: Int
    /// Row-major cells, `width * height` of them.
    public internal(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: fill, count: self.width * self.height)
    }

    public init(size: Size, fill: Cell = .blank) { self.init(width: size.width, height: size.height, fill: fill) }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }
    public var size: Size { Size(width: width, height: height) }

    public func contains(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// Reads a cell; out-of-range positions read as blank.
    public subscript(x: Int, y: Int) -> Cell {
        contains(x, y) ? cells[y * width + x] : .blank
    }

    /// Writes one cell, keeping wide characters whole: overwriting either half of a wide
    /// character turns the other half into a space, so no orphan half ever reaches the
    /// terminal (where it would shift the rest of the row).
    public mutating func put(_ cell: Cell, x: Int, y: Int) {
        guard contains(x, y) else { return }
        let i = y * width + x
        let old = cells[i]
        if old.isContinuation, x > 0 { cells[i - 1].symbol = " " }
        if !old.isContinuation, old.width == 2, x + 1 < width, cells[i + 1].isContinuation,
           !(cell.width == 2) {
            cells[i + 1].symbol = " "
        }
        cells[i] = cell
        if cell.width == 2 {
            guard x + 1 < width else { cells[i].symbol = " "; return }
            let next = cells[i + 1]
            if !next.isContinuation, next.width == 2, x + 2 < width, cells[i + 2].isContinuation {
                cells[i + 2].symbol = " "
            }
            var cont = cell
            cont.symbol = ""
            cells[i + 1] = cont
        }
    }

    /// Applies a style patch to every cell in `rect` without touching the symbols.
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.y..<r.bottom {
            for x in r.x..<r.right { cells[y * width + x].apply(style) }
        }
    }

    /// Fills `rect` with a symbol (a space by default) in `style` over the existing colours.
    public mutating func fill(_ rect: Rect, symbol: String = " ", style: Style = .plain) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.y..<r.bottom {
            for x in r.x..<r.right {
                var cell = self[x, y]
                cell.symbol = symbol
                cell.apply(style)
                put(cell, x: x, y: y)
            }
        }
    }

    /// Sets every cell back to `fill`.
    public mutating func clear(to fill: Cell = .blank) {
        for i in cells.indices { cells[i] = fill }
    }

    /// Changes the size, keeping the top-left content that still fits.
    public mutating func resize(to size: Size, fill: Cell = .blank) {
        guard size != self.size else { return }
        var next = Buffer(size: size, fill: fill)
        for y in 0..<min(height, next.height) {
            for x in 0..<min(width, next.width) { next.cells[y * next.width + x] = cells[y * width + x] }
        }
        self = next
    }
}
