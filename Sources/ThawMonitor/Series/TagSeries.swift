/// The points of one tag in one run, in memory bounded by `capacity` buckets however long
/// the log grows.
///
/// Every point is counted, and the last point and the smallest and largest finite values
/// are kept exactly, so a summary never depends on the downsampling. For drawing, points
/// are stored in buckets of consecutive points: one point per bucket until `capacity` is
/// reached, then neighbouring buckets are merged pairwise (doubling the points per bucket)
/// keeping each bucket's lowest and highest finite value and its first non-finite one. A
/// one-step spike therefore survives every merge, and so does a NaN (drawn as a gap).
public struct TagSeries: Equatable, Sendable {
    public static let defaultCapacity = 1024

    public let capacity: Int
    /// Points read (finite or not).
    public private(set) var count = 0
    public private(set) var nonFiniteCount = 0
    /// The point read last (TensorBoard's "last" value: by arrival, not by step).
    public private(set) var last: ScalarPoint?
    /// The first occurrence of the smallest finite value.
    public private(set) var minimum: ScalarPoint?
    /// The first occurrence of the largest finite value.
    public private(set) var maximum: ScalarPoint?
    /// True after a purge cut through a merged bucket: `count` is then estimated, and `last`
    /// is the newest point still stored rather than the newest read.
    public private(set) var isApproximate = false
    /// Points per full bucket: 1 until the first merge.
    public private(set) var pointsPerBucket = 1
    private(set) var buckets: [SeriesBucket] = []

    public init(capacity: Int = TagSeries.defaultCapacity) {
        self.capacity = Swift.max(8, capacity)
    }

    /// True while every point read is still stored as it was read.
    public var isExact: Bool { pointsPerBucket == 1 && !isApproximate }

    public mutating func append(_ point: ScalarPoint) {
        count += 1
        last = point
        if point.value.isFinite {
            if minimum.map({ point.value < $0.value }) ?? true { minimum = point }
            if maximum.map({ point.value > $0.value }) ?? true { maximum = point }
        } else {
            nonFiniteCount += 1
        }
        if let tail = buckets.indices.last, buckets[tail].count < pointsPerBucket {
            buckets[tail].add(point)
        } else {
            buckets.append(SeriesBucket(point))
        }
        if buckets.count > capacity { mergeBuckets() }
    }

    /// The stored points in arrival order, each bucket's representatives in step order; a
    /// non-finite value stands where the gap is. Ends with `last` (exact even when merged).
    public var points: [ScalarPoint] {
        var out: [ScalarPoint] = []
        out.reserveCapacity(buckets.count * 2 + 1)
        for bucket in buckets { out += bucket.representatives }
        if let last, out.last != last { out.append(last) }
        return out
    }

    /// The best point for a direction.
    public func best(_ direction: MetricDirection) -> ScalarPoint? {
        direction == .lowerIsBetter ? minimum : maximum
    }

    /// Removes every point logged at `step` or later (TensorBoard's purge after a restart).
    /// Exact while buckets hold single points; a merged bucket that straddles `step` keeps
    /// its representatives before it and an estimated share of its count.
    public mutating func removePoints(fromStep step: Double) {
        guard buckets.contains(where: { $0.maxStep >= step }) else { return }
        var kept: [SeriesBucket] = []
        kept.reserveCapacity(buckets.count)
        for bucket in buckets {
            if bucket.maxStep < step {
                kept.append(bucket)
            } else if bucket.minStep < step, let cut = bucket.truncated(before: step) {
                if cut.isEstimate { isApproximate = true }
                kept.append(cut.bucket)
            }
        }
        buckets = kept
        recomputeSummary()
    }

    /// Rebuilds the counts and extremes from the buckets, which hold every bucket's extremes.
    private mutating func recomputeSummary() {
        count = buckets.reduce(0) { $0 + $1.count }
        nonFiniteCount = buckets.reduce(0) { $0 + $1.nonFiniteCount }
        minimum = nil
        maximum = nil
        for bucket in buckets {
            if let low = bucket.low, minimum.map({ low.value < $0.value }) ?? true { minimum = low }
            if let high = bucket.high, maximum.map({ high.value > $0.value }) ?? true { maximum = high }
        }
        if pointsPerBucket > 1 { isApproximate = isApproximate || !buckets.isEmpty }
        last = buckets.last?.representatives.max { $0.step < $1.step }
    }

    private mutating func mergeBuckets() {
        var merged: [SeriesBucket] = []
        merged.reserveCapacity(buckets.count / 2 + 1)
        var index = 0
        while index < buckets.count {
            if index + 1 < buckets.count {
                merged.append(buckets[index].merged(with: buckets[index + 1]))
            } else {
                merged.append(buckets[index])
            }
            index += 2
        }
        buckets = merged
        pointsPerBucket *= 2
    }
}
