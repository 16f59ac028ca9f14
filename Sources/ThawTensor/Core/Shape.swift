/// Shape arithmetic shared by every op. Shapes are plain `[Int]` (outermost first), like
/// PyTorch's `size()`, so they print and compare without ceremony.
public enum ShapeMath {
    /// Number of elements; a scalar (`[]`) has one.
    public static func count(_ shape: [Int]) -> Int {
        var n = 1
        for d in shape { n *= d }
        return n
    }

    /// Row-major strides in elements.
    static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var s = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[i] = s
            s *= shape[i]
        }
        return strides
    }

    /// NumPy broadcasting: align trailing dimensions; sizes must match or be 1.
    static func broadcast(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = Swift.max(a.count, b.count)
        var out = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if da == db || db == 1 {
                out[i] = da
            } else if da == 1 {
                out[i] = db
            } else {
                return nil
            }
        }
        return out
    }

    /// Resolves a possibly negative axis (`-1` = last) and checks it is in range.
    static func normalize(axis: Int, rank: Int, function: StaticString = #function) -> Int {
        let a = axis < 0 ? axis + rank : axis
        precondition(a >= 0 && a < Swift.max(rank, 1), "axis \(axis) out of range for rank \(rank) in \(function)")
        return a
    }

    /// Sorted, unique, non-negative axes; `nil` means all axes.
    static func normalize(axes: [Int]?, rank: Int) -> [Int] {
        guard let axes else { return Array(0..<rank) }
        let resolved = Set(axes.map { normalize(axis: $0, rank: rank) })
        precondition(resolved.count == axes.count, "repeated axis in \(axes)")
        return resolved.sorted()
    }

    /// The shape after reducing `axes`, keeping them as size 1 or dropping them.
    static func reduced(_ shape: [Int], axes: [Int], keepingDims: Bool) -> [Int] {
        var out: [Int] = []
        for (i, d) in shape.enumerated() {
            if axes.contains(i) {
                if keepingDims { out.append(1) }
            } else {
                out.append(d)
            }
        }
        return out
    }
}
