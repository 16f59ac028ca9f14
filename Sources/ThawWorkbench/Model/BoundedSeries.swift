/// An (x, y) series whose memory is bounded however long the run: when it reaches
/// `capacity` points, runs of four neighbouring points are replaced by their lowest and
/// highest (in x order), so old parts get coarser while spikes — the points a user must see
/// — survive every compaction. A non-finite value in a run is kept too, as the gap marker
/// the chart draws.
public struct BoundedSeries: Equatable, Sendable {
    public private(set) var xs: [Double] = []
    public private(set) var ys: [Double] = []
    public let capacity: Int

    public init(capacity: Int = 20_000) {
        self.capacity = Swift.max(8, capacity)
    }

    public var count: Int { xs.count }
    public var isEmpty: Bool { xs.isEmpty }
    public var lastY: Double? { ys.last }

    public mutating func append(x: Double, y: Double) {
        xs.append(x)
        ys.append(y)
        if xs.count >= capacity { compact() }
    }

    /// Halves (at least quarters) the points; the newest point is always kept as it is.
    mutating func compact() {
        var newXs: [Double] = [], newYs: [Double] = []
        newXs.reserveCapacity(capacity / 2 + 4)
        newYs.reserveCapacity(capacity / 2 + 4)
        let body = xs.count - 1
        var start = 0
        while start < body {
            let end = Swift.min(start + 4, body)
            var keep: [Int] = []
            var lo: Int?, hi: Int?
            for i in start..<end {
                if !ys[i].isFinite {
                    if !keep.contains(where: { !ys[$0].isFinite }) { keep.append(i) }
                    continue
                }
                if lo.map({ ys[i] < ys[$0] }) ?? true { lo = i }
                if hi.map({ ys[i] > ys[$0] }) ?? true { hi = i }
            }
            for index in [lo, hi].compactMap({ $0 }) where !keep.contains(index) { keep.append(index) }
            for i in keep.sorted() {
                newXs.append(xs[i])
                newYs.append(ys[i])
            }
            start = end
        }
        newXs.append(xs[body])
        newYs.append(ys[body])
        xs = newXs
        ys = newYs
    }
}

/// The newest `capacity` values of a stream (a learning-rate sparkline keeps no more
/// than it can show).
public struct RecentValues: Equatable, Sendable {
    public private(set) var values: [Double] = []
    public let capacity: Int

    public init(capacity: Int = 512) { self.capacity = Swift.max(1, capacity) }

    public mutating func append(_ value: Double) {
        values.append(value)
        // Trimming in bulk keeps appends amortised O(1).
        if values.count >= capacity * 2 { values.removeFirst(values.count - capacity) }
    }

    public var recent: ArraySlice<Double> { values.suffix(capacity) }
}
