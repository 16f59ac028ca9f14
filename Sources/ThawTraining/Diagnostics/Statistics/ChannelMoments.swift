import ThawTensor

/// Per-channel mean and variance of `(N, C, *)` tensors seen one batch at a time, over every
/// value of every batch: how the BatchNorm-shift diagnostic summarises what a layer receives.
///
/// Each batch is reduced in two passes (mean, then squared deviations) and merged with Chan,
/// Golub and LeVeque's pairwise update, in Double, so the result does not depend on how the
/// data was split into batches and does not suffer the cancellation of sum-of-squares formulas.
struct ChannelMoments {
    private(set) var count = 0.0
    private(set) var mean: [Double] = []
    /// Sum of squared deviations from `mean` per channel.
    private var squares: [Double] = []

    mutating func add(_ input: Tensor) {
        guard input.rank >= 2 else { return }
        let (n, c) = (input.shape[0], input.shape[1])
        let spatial = input.shape[2...].reduce(1, *)
        let m = Double(n * spatial)
        guard m > 0 else { return }
        if mean.isEmpty {
            mean = [Double](repeating: 0, count: c)
            squares = [Double](repeating: 0, count: c)
        }
        guard mean.count == c else { return }
        input.withUnsafeBufferPointer { x in
            for ch in 0..<c {
                var total = 0.0
                for i in 0..<n { for j in 0..<spatial { total += Double(x[(i * c + ch) * spatial + j]) } }
                let batchMean = total / m
                var batchSquares = 0.0
                for i in 0..<n {
                    for j in 0..<spatial {
                        let d = Double(x[(i * c + ch) * spatial + j]) - batchMean
                        batchSquares += d * d
                    }
                }
                let delta = batchMean - mean[ch], merged = count + m
                mean[ch] += delta * m / merged
                squares[ch] += batchSquares + delta * delta * count * m / merged
            }
        }
        count += m
    }

    /// Population variance per channel (divided by the number of values).
    var variance: [Double] { count > 0 ? squares.map { $0 / count } : [] }
}
