import Foundation

/// The numeric side of charts, separate from drawing so each rule has its own test.
public enum ChartMath {
    /// TensorBoard's debiased exponential moving average:
    /// `s_t = β·s_{t−1} + (1−β)·x_t`, shown as `s_t / (1 − β^t)`, with `s_0 = 0` and `t`
    /// counting finite values only. Without the division, early points are pulled towards
    /// zero. Non-finite inputs pass through unchanged (drawn as gaps) and leave the average
    /// untouched, so one NaN does not poison the rest of the curve.
    public static func ema(_ values: [Double], beta: Double) -> [Double] {
        let beta = min(max(beta, 0), 0.999)
        guard beta > 0 else { return values }
        var s = 0.0, t = 0.0
        return values.map { x in
            guard x.isFinite else { return x }
            s = beta * s + (1 - beta) * x
            t += 1
            return s / (1 - pow(beta, t))
        }
    }

    /// Linear-interpolated percentile (0…100) of already sorted values.
    public static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let rank = min(max(p, 0), 100) / 100 * Double(sorted.count - 1)
        let lo = Int(rank.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - Double(lo))
    }

    /// A y range that ignores outliers: the 1st–99th percentile of the finite values (full
    /// min–max below 50 values, where trimming would cut real points), widened by `padding`
    /// of its span on each side. A single spike of 1e6 in a loss curve then no longer
    /// flattens the rest of the curve into one row. Flat data gets a unit-wide range.
    public static func robustRange(_ values: [Double], lowerPercentile: Double = 1, upperPercentile: Double = 99,
                                   padding: Double = 0.05) -> ClosedRange<Double>? {
        let sorted = values.filter(\.isFinite).sorted()
        guard let first = sorted.first, let last = sorted.last else { return nil }
        var lo = first, hi = last
        if sorted.count >= 50 {
            lo = percentile(sorted, lowerPercentile)
            hi = percentile(sorted, upperPercentile)
        }
        if hi - lo <= Swift.max(abs(hi), abs(lo)) * 1e-12 {
            let half = Swift.max(abs(lo) * 0.1, 0.5)
            return (lo - half)...(hi + half)
        }
        let pad = (hi - lo) * padding
        return (lo - pad)...(hi + pad)
    }

    /// What one column of a downsampled series holds: its extremes (so a one-step spike is
    /// never averaged away), its first and last values (to join neighbouring columns), and
    /// whether a non-finite value came between this column and the previous finite point.
    public struct ColumnSample: Hashable, Sendable {
        public var min: Double, max: Double, first: Double, last: Double
        public var gapBefore: Bool
    }

    /// Buckets points into `columns` equal x intervals over `xRange`; empty columns are nil.
    /// Non-finite y values mark a gap; points with non-finite x are skipped.
    public static func downsample(xs: [Double], ys: [Double], xRange: ClosedRange<Double>,
                                  columns: Int) -> [ColumnSample?] {
        guard columns > 0 else { return [] }
        var out = [ColumnSample?](repeating: nil, count: columns)
        let span = xRange.upperBound - xRange.lowerBound
        var pendingGap = false
        for (x, y) in zip(xs, ys) {
            guard x.isFinite else { continue }
            guard y.isFinite else { pendingGap = true; continue }
            let t = span > 0 ? (x - xRange.lowerBound) / span : 0
            guard t >= 0, t <= 1 else { continue }
            let c = Swift.min(columns - 1, Int(t * Double(columns)))
            if var s = out[c] {
                if pendingGap {
                    // A gap inside one column: keep the later part, marked as a new start.
                    s = ColumnSample(min: y, max: y, first: y, last: y, gapBefore: true)
                } else {
                    s.min = Swift.min(s.min, y)
                    s.max = Swift.max(s.max, y)
                    s.last = y
                }
                out[c] = s
            } else {
                out[c] = ColumnSample(min: y, max: y, first: y, last: y, gapBefore: pendingGap)
            }
            pendingGap = false
        }
        return out
    }
}
