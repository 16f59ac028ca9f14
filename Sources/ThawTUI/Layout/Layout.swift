/// How much of the split axis one part asks for.
public enum Constraint: Hashable, Sendable {
    /// Exactly n cells (less when the space runs out).
    case fixed(Int)
    /// A percentage of the space left after spacing.
    case percent(Int)
    /// At least n cells, growing like `fill(1)` when there is room.
    case min(Int)
    /// At most n cells of whatever is left, shared like `fill(1)`.
    case max(Int)
    /// A share of what is left after fixed, percent and min parts, by weight.
    case fill(Int)
}

public enum Axis: Hashable, Sendable { case horizontal, vertical }

/// Splits a rectangle along one axis.
///
/// The guarantee that matters for a terminal app: the result has one rectangle per
/// constraint, all with non-negative sizes, inside the input, in order, for *any* input size
/// including 0×0. When space is short, parts are shrunk from the last one backwards, so
/// the first panels (usually the important ones) keep their size longest.
public struct Layout: Hashable, Sendable {
    public var axis: Axis
    public var constraints: [Constraint]
    public var spacing: Int
    public var margin: Margin

    public init(_ axis: Axis, _ constraints: [Constraint], spacing: Int = 0, margin: Margin = Margin(all: 0)) {
        self.axis = axis
        self.constraints = constraints
        self.spacing = Swift.max(0, spacing)
        self.margin = margin
    }

    public static func vertical(_ c: [Constraint], spacing: Int = 0) -> Layout { Layout(.vertical, c, spacing: spacing) }
    public static func horizontal(_ c: [Constraint], spacing: Int = 0) -> Layout { Layout(.horizontal, c, spacing: spacing) }

    public func split(_ rect: Rect) -> [Rect] {
        let inner = rect.inset(by: margin)
        let total = axis == .horizontal ? inner.width : inner.height
        let sizes = Layout.sizes(for: constraints, total: total, spacing: spacing)
        let gaps = sizes.count > 1 && sizes.reduce(0, +) + spacing * (sizes.count - 1) <= total ? spacing : 0
        var offset = 0
        return sizes.map { size in
            defer { offset += size + gaps }
            let start = Swift.min(offset, total)
            let length = Swift.min(size, total - start)
            switch axis {
            case .horizontal: return Rect(x: inner.x + start, y: inner.y, width: length, height: inner.height)
            case .vertical: return Rect(x: inner.x, y: inner.y + start, width: inner.width, height: length)
            }
        }
    }

    /// Lengths for each constraint along an axis of `total` cells. Pure so it can be tested
    /// for every size without building rectangles.
    public static func sizes(for constraints: [Constraint], total: Int, spacing: Int = 0) -> [Int] {
        let n = constraints.count
        guard n > 0 else { return [] }
        let totalGaps = spacing * (n - 1)
        let available = Swift.max(0, total >= totalGaps ? total - totalGaps : total)
        var sizes = constraints.map { c -> Int in
            switch c {
            case .fixed(let v): Swift.max(0, v)
            case .percent(let p): available * Swift.min(Swift.max(0, p), 100) / 100
            case .min(let v): Swift.max(0, v)
            case .max, .fill: 0
            }
        }
        // Shrink from the back until the requests fit.
        var excess = sizes.reduce(0, +) - available
        var i = n - 1
        while excess > 0, i >= 0 {
            let cut = Swift.min(excess, sizes[i])
            sizes[i] -= cut
            excess -= cut
            i -= 1
        }
        // Share what is left among the growable parts by weight; `max` parts stop at their cap.
        var left = available - sizes.reduce(0, +)
        var growable = Set(constraints.indices.filter {
            switch constraints[$0] {
            case .min, .max: true
            case .fill(let w): w > 0
            default: false
            }
        })
        while left > 0, !growable.isEmpty {
            let weights = growable.sorted().map { idx -> (Int, Int) in
                if case .fill(let w) = constraints[idx] { return (idx, w) }
                return (idx, 1)
            }
            let weightSum = weights.reduce(0) { $0 + $1.1 }
            var given = 0
            for (k, (idx, w)) in weights.enumerated() {
                // The last part takes the rounding remainder so nothing is lost.
                var share = k == weights.count - 1 ? left - given : left * w / weightSum
                if case .max(let cap) = constraints[idx] { share = Swift.min(share, Swift.max(0, cap) - sizes[idx]) }
                sizes[idx] += share
                given += share
                if case .max(let cap) = constraints[idx], sizes[idx] >= cap { growable.remove(idx) }
            }
            left -= given
            if given == 0 { break }
        }
        return sizes
    }
}

extension Rect {
    /// Splits this rectangle; shorthand for `Layout(axis, constraints).split(self)`.
    public func split(_ axis: Axis, _ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        Layout(axis, constraints, spacing: spacing).split(self)
    }
}
