/// Consecutive cells of one row that changed between two frames; what a backend writes.
public struct CellRun: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var cells: [Cell]

    public init(x: Int, y: Int, cells: [Cell]) {
        self.x = x
        self.y = y
        self.cells = cells
    }
}

extension Buffer {
    /// The runs of cells that differ from `previous`. When the sizes differ every row is
    /// returned whole. A changed half of a wide character pulls in the other half, so a
    /// backend always receives a run that starts at a character boundary.
    public func diff(from previous: Buffer) -> [CellRun] {
        guard previous.width == width, previous.height == height else { return fullRuns() }
        var runs: [CellRun] = []
        var changed = [Bool](repeating: false, count: width)
        for y in 0..<height {
            let base = y * width
            var any = false
            for x in 0..<width where cells[base + x] != previous.cells[base + x] {
                changed[x] = true
                any = true
            }
            guard any else { continue }
            for x in 0..<width where changed[x] {
                if cells[base + x].isContinuation, x > 0 { changed[x - 1] = true }
                if x + 1 < width, cells[base + x + 1].isContinuation { changed[x + 1] = true }
            }
            var x = 0
            while x < width {
                guard changed[x] else { x += 1; continue }
                let start = x
                while x < width, changed[x] { changed[x] = false; x += 1 }
                runs.append(CellRun(x: start, y: y, cells: Array(cells[(base + start)..<(base + x)])))
            }
        }
        return runs
    }

    /// Every row as one run: the first frame, after a resize, a theme change, or a resume
    /// from Ctrl-Z when the terminal's contents are unknown.
    public func fullRuns() -> [CellRun] {
        (0..<height).map { y in CellRun(x: 0, y: y, cells: Array(cells[(y * width)..<((y + 1) * width)])) }
    }

    /// Applies runs to this buffer: what a terminal shows after receiving them. Used by the
    /// test backend so its screen is built exactly the way a real one is.
    public mutating func apply(_ runs: [CellRun]) {
        for run in runs {
            for (i, cell) in run.cells.enumerated() where contains(run.x + i, run.y) {
                cells[run.y * width + run.x + i] = cell
            }
        }
    }
}
