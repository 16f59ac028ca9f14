import ThawTensor

/// A percentile bootstrap confidence interval for the mean of paired differences (Efron &
/// Tibshirani, "An Introduction to the Bootstrap", 1993, ch. 13).
///
/// The pretrained and scratch models are scored on the same validation examples, so the
/// per-example differences are resampled together: the example-to-example difficulty cancels
/// and the interval is much narrower than comparing two independent accuracies. Seeded, so
/// the same evaluation always gives the same interval (and the same warning).
struct PairedBootstrap: Sendable {
    var resamples: Int
    var seed: UInt64
    /// Two-sided coverage, e.g. 0.95.
    var confidence: Double

    struct Interval: Sendable, Equatable {
        var mean: Double
        var lower: Double
        var upper: Double
    }

    func interval(_ differences: [Double]) -> Interval {
        let n = differences.count
        guard n > 0 else { return Interval(mean: 0, lower: 0, upper: 0) }
        let mean = differences.reduce(0, +) / Double(n)
        guard n > 1, resamples > 0 else { return Interval(mean: mean, lower: mean, upper: mean) }
        var generator = SeededGenerator(seed: seed)
        var means = [Double](repeating: 0, count: resamples)
        for r in 0..<resamples {
            var sum = 0.0
            for _ in 0..<n { sum += differences[Self.below(n, using: &generator)] }
            means[r] = sum / Double(n)
        }
        means.sort()
        let tail = (1 - confidence) / 2
        return Interval(mean: mean, lower: Self.quantile(means, tail), upper: Self.quantile(means, 1 - tail))
    }

    /// Linear interpolation between order statistics (the "type 7" sample quantile).
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let position = p * Double(sorted.count - 1)
        let low = Int(position.rounded(.down)), high = Swift.min(low + 1, sorted.count - 1)
        let fraction = position - Double(low)
        return sorted[low] + fraction * (sorted[high] - sorted[low])
    }

    /// Uniform in `0..<bound` without modulo bias (multiply-and-reject), written out so the
    /// draws do not depend on the standard library's unspecified algorithm.
    static func below(_ bound: Int, using generator: inout SeededGenerator) -> Int {
        let range = UInt64(bound)
        var product = generator.next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = generator.next().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }
}
