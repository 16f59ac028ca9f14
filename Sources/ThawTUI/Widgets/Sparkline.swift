/// A compact trend line: one column per value, block heights ▁…█ in 1/8 steps, over one
/// or more rows. The newest values are kept when there are more values than columns.
/// Non-finite values leave an empty column, so a NaN is visible as a gap, not as a zero.
public struct Sparkline: Widget {
    public var values: [Double]
    /// Fixed scale; by default the finite values' min…max.
    public var range: ClosedRange<Double>?
    public var role: ThemeRole

    public init(values: [Double], range: ClosedRange<Double>? = nil, role: ThemeRole = .chartSeries1) {
        self.values = values
        self.range = range
        self.role = role
    }

    /// Height of each column in eighths of a cell (0…rows*8), nil for a gap.
    public static func levels(_ values: [Double], rows: Int, range: ClosedRange<Double>?) -> [Int?] {
        let finite = values.filter(\.isFinite)
        guard let lo = range?.lowerBound ?? finite.min(), let hi = range?.upperBound ?? finite.max() else {
            return values.map { _ in nil }
        }
        let steps = rows * 8
        return values.map { v in
            guard v.isFinite else { return nil }
            // A flat series sits at mid-height rather than vanishing at zero.
            guard hi > lo else { return max(1, steps / 2) }
            let t = min(max((v - lo) / (hi - lo), 0), 1)
            return max(1, Int((t * Double(steps - 1)).rounded()) + 1)
        }
    }

    public func render(in area: Rect, into buffer: inout Buffer, theme: Theme) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let shown = Array(values.suffix(area.width))
        let levels = Sparkline.levels(shown, rows: area.height, range: range)
        let glyphs = theme.glyphs.sparkLevels
        let x0 = area.right - shown.count
        for (i, level) in levels.enumerated() {
            guard let level else { continue }
            for row in 0..<area.height {
                let filled = level - row * 8  // eighths in this row, counting from the bottom
                guard filled > 0 else { break }
                let symbol = glyphs[min(filled, 8) - 1]
                buffer.set(string: symbol, x: x0 + i, y: area.bottom - 1 - row, style: Style(fg: .role(role)))
            }
        }
    }
}
