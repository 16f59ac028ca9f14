/// A loss measured at an optimizer step.
public struct LossPoint: Sendable, Equatable, Codable {
    public var step: Int
    public var loss: Double
    public init(step: Int, loss: Double) { (self.step, self.loss) = (step, loss) }
}

/// Smoothers for per-step losses, which are noisy (one mini-batch each) and heavy-tailed (one
/// hard batch can cost ten times the typical loss). The detectors compare smoothed levels,
/// never raw steps.
enum LossSmoothing {
    /// The median; the mean of the two middle values for an even count. nil when empty.
    static func median(_ values: some Collection<Double>) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Median absolute deviation from the median, scaled by 1.4826 to estimate the standard
    /// deviation of Gaussian noise while ignoring outliers.
    static func robustSpread(_ values: some Collection<Double>) -> Double {
        guard let centre = median(values) else { return 0 }
        return 1.4826 * (median(values.map { abs($0 - centre) }) ?? 0)
    }

    /// `result[i]` is the median of `values[max(0, i − window + 1) ... i]`: a running median that
    /// looks only backwards, so a detector never uses steps it has not seen yet.
    static func trailingMedians(_ values: [Double], window: Int) -> [Double] {
        values.indices.map { i in median(values[Swift.max(0, i - window + 1)...i])! }
    }

    /// Exponential moving average with weight `weight` on the newest value, corrected for its
    /// zero start (as in Adam, Kingma & Ba 2015) so early values are not biased toward 0.
    static func exponentialAverages(_ values: [Double], weight: Double) -> [Double] {
        var average = 0.0, decay = 1.0
        return values.map { value in
            average = (1 - weight) * average + weight * value
            decay *= 1 - weight
            return average / (1 - decay)
        }
    }
}
