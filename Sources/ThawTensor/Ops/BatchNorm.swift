/// What batch norm's backward pass needs: the per-channel statistics it normalised with.
struct BatchNormSaved {
    let mean: [Float]
    let invStd: [Float]
    /// True when batch statistics were used (training mode): the gradient then also flows
    /// through the mean and variance.
    let usedBatchStatistics: Bool
}

/// Batch normalisation over `input (N, C, *)` per channel C, as `F.batch_norm`.
///
/// Training mode normalises with the batch statistics and, when running statistics are
/// given, moves them by `momentum` (the variance with Bessel's correction, as PyTorch does).
/// Evaluation mode normalises with the running statistics, which must then be given.
public func batchNorm(_ input: Tensor, weight: Tensor?, bias: Tensor?,
                      runningMean: Parameter?, runningVariance: Parameter?,
                      training: Bool, momentum: Float = 0.1, epsilon: Float = 1e-5) -> Tensor {
    precondition(input.rank >= 2, "batch norm input must be (N, C, …), got \(input.shape)")
    let n = input.shape[0], c = input.shape[1], spatial = input.shape[2...].reduce(1, *)
    for t in [weight, bias].compactMap({ $0 }) {
        precondition(t.shape == [c], "batch norm weight/bias must be [\(c)], got \(t.shape)")
    }
    let m = n * spatial
    let threads = ComputeContext.current.threads
    var mean = [Float](repeating: 0, count: c), invStd = [Float](repeating: 0, count: c)
    let x = input.pointer
    if training {
        precondition(m > 1, "batch norm in training mode needs more than one value per channel, got input \(input.shape)")
        var variance = [Float](repeating: 0, count: c)
        mean.withUnsafeMutableBufferPointer { meanOut in
            variance.withUnsafeMutableBufferPointer { varianceOut in
                invStd.withUnsafeMutableBufferPointer { invOut in
                    forEachChunk(of: c, threads: threads, work: 2 * input.count) { channels in
                        for ch in channels {
                            var total: Double = 0
                            for i in 0..<n { total += Double(ReductionKernels.sum(x + (i * c + ch) * spatial, count: spatial)) }
                            let mu = Float(total / Double(m))
                            var squares: Double = 0
                            for i in 0..<n {
                                squares += Double(ReductionKernels.sumOfSquaredDeviations(x + (i * c + ch) * spatial, count: spatial, center: mu))
                            }
                            meanOut[ch] = mu
                            varianceOut[ch] = Float(squares / Double(m))
                            invOut[ch] = 1 / (varianceOut[ch] + epsilon).squareRoot()
                        }
                    }
                }
            }
        }
        if let runningMean, let runningVariance {
            let unbiased = Float(m) / Float(m - 1)
            runningMean.update { rm in for ch in 0..<c { rm[ch] = (1 - momentum) * rm[ch] + momentum * mean[ch] } }
            runningVariance.update { rv in
                for ch in 0..<c { rv[ch] = (1 - momentum) * rv[ch] + momentum * variance[ch] * unbiased }
            }
        }
    } else {
        guard let runningMean, let runningVariance else {
            preconditionFailure("batch norm in evaluation mode needs running statistics")
        }
        mean = runningMean.value.scalars
        invStd = runningVariance.value.scalars.map { 1 / ($0 + epsilon).squareRoot() }
    }
    let w = weight?.scalars, b = bias?.scalars
    let out = Tensor.filling(input.shape) { dst in
        forEachChunk(of: n * c, threads: threads, work: input.count) { segments in
            for segment in segments {
                let ch = segment % c
                let scale = invStd[ch] * (w?[ch] ?? 1)
                let shift = (b?[ch] ?? 0) - mean[ch] * scale
                let src = x + segment * spatial, out = dst + segment * spatial
                for j in 0..<spatial { out[j] = src[j] * scale + shift }
            }
        }
    }
    let saved = BatchNormSaved(mean: mean, invStd: invStd, usedBatchStatistics: training)
    return Tensor.record(out, .batchNorm(input, weight: weight, bias: bias, saved),
                         inputList: [input] + [weight, bias].compactMap { $0 })
}

enum BatchNormGradients {
    /// Returns (dInput, dWeight, dBias), computing only what is asked for.
    static func backward(_ g: Tensor, input: Tensor, weight: Tensor?, saved: BatchNormSaved,
                         needInput: Bool, needWeight: Bool, needBias: Bool) -> (Tensor?, Tensor?, Tensor?) {
        let n = input.shape[0], c = input.shape[1], spatial = input.shape[2...].reduce(1, *)
        let m = Float(n * spatial)
        let x = input.pointer, gp = g.pointer
        let threads = ComputeContext.current.threads
        var sumG = [Float](repeating: 0, count: c), sumGX = [Float](repeating: 0, count: c)
        sumG.withUnsafeMutableBufferPointer { sumGOut in
            sumGX.withUnsafeMutableBufferPointer { sumGXOut in
                forEachChunk(of: c, threads: threads, work: 2 * input.count) { channels in
                    for ch in channels {
                        var sg: Double = 0, sgx: Double = 0
                        for i in 0..<n {
                            let base = (i * c + ch) * spatial
                            let (a, b) = ReductionKernels.sumAndCenteredDot(gp + base, x + base, count: spatial, center: saved.mean[ch])
                            sg += Double(a)
                            sgx += Double(b)
                        }
                        sumGOut[ch] = Float(sg)
                        sumGXOut[ch] = Float(sgx) * saved.invStd[ch]
                    }
                }
            }
        }
        let dWeight = needWeight ? Tensor(shape: [c], scalars: sumGX) : nil
        let dBias = needBias ? Tensor(shape: [c], scalars: sumG) : nil
        guard needInput else { return (nil, dWeight, dBias) }
        let w = weight?.scalars
        let dInput = Tensor.filling(input.shape) { dst in
            forEachChunk(of: n * c, threads: threads, work: 2 * input.count) { segments in
                for segment in segments {
                    let ch = segment % c
                    let inv = saved.invStd[ch], mu = saved.mean[ch], scale = inv * (w?[ch] ?? 1)
                    let base = segment * spatial
                    if saved.usedBatchStatistics {
                        // dx = scale·(g − mean(g) − x̂·mean(g·x̂)), folded into one multiply-add per element.
                        let slope = scale * sumGX[ch] / m * inv
                        let offset = scale * (sumG[ch] / m) - slope * mu
                        for j in 0..<spatial { dst[base + j] = scale * gp[base + j] - slope * x[base + j] - offset }
                    } else {
                        for j in 0..<spatial { dst[base + j] = scale * gp[base + j] }
                    }
                }
            }
        }
        return (dInput, dWeight, dBias)
    }
}
