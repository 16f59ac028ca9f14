/// A run of consecutive points of a `TagSeries`, reduced to what a chart and a summary need:
/// its lowest and highest finite values (first occurrences) and its first non-finite value.
struct SeriesBucket: Equatable, Sendable {
    var count: Int
    var nonFiniteCount: Int
    var minStep: Double
    var maxStep: Double
    var low: ScalarPoint?
    var high: ScalarPoint?
    var nonFinite: ScalarPoint?

    init(_ point: ScalarPoint) {
        count = 1
        minStep = point.step
        maxStep = point.step
        if point.value.isFinite {
            nonFiniteCount = 0
            low = point
            high = point
        } else {
            nonFiniteCount = 1
            nonFinite = point
        }
    }

    mutating func add(_ point: ScalarPoint) {
        count += 1
        minStep = Swift.min(minStep, point.step)
        maxStep = Swift.max(maxStep, point.step)
        if point.value.isFinite {
            if low.map({ point.value < $0.value }) ?? true { low = point }
            if high.map({ point.value > $0.value }) ?? true { high = point }
        } else {
            nonFiniteCount += 1
            if nonFinite == nil { nonFinite = point }
        }
    }

    /// This bucket followed by `next`, as one.
    func merged(with next: SeriesBucket) -> SeriesBucket {
        var out = self
        out.count += next.count
        out.nonFiniteCount += next.nonFiniteCount
        out.minStep = Swift.min(minStep, next.minStep)
        out.maxStep = Swift.max(maxStep, next.maxStep)
        if let l = next.low, low.map({ l.value < $0.value }) ?? true { out.low = l }
        if let h = next.high, high.map({ h.value > $0.value }) ?? true { out.high = h }
        if out.nonFinite == nil { out.nonFinite = next.nonFinite }
        return out
    }

    /// The distinct stored points, in step order.
    var representatives: [ScalarPoint] {
        var out: [ScalarPoint] = []
        for point in [low, high, nonFinite].compactMap({ $0 }) where !out.contains(point) { out.append(point) }
        return out.count > 1 ? out.sorted { $0.step < $1.step } : out
    }

    /// The part before `step`, or nil when nothing of it is stored. `isEstimate` is true
    /// when the bucket held points that are not stored, so its count had to be apportioned.
    func truncated(before step: Double) -> (bucket: SeriesBucket, isEstimate: Bool)? {
        let kept = representatives.filter { $0.step < step }
        guard var out = kept.first.map(SeriesBucket.init) else { return nil }
        for point in kept.dropFirst() { out.add(point) }
        let stored = representatives.count
        guard count > stored else { return (out, false) }
        // Apportion the unstored points by the share of the step range that is kept.
        let fraction = maxStep > minStep ? (step - minStep) / (maxStep - minStep) : 1
        out.count = Swift.max(kept.count, Int((Double(count) * Swift.min(Swift.max(fraction, 0), 1)).rounded()))
        return (out, true)
    }
}
