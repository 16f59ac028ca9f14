/// Per-row statistics layer norm's backward pass reuses.
struct LayerNormSaved {
    let mean: [Float]
    let invStd: [Float]
}

/// Layer normalisation over the trailing dimensions `normalizedShape`, as `F.layer_norm`.
public func layerNorm(_ input: Tensor, normalizedShape: [Int], weight: Tensor?, bias: Tensor?,
                      epsilon: Float = 1e-5) -> Tensor {
    precondition(input.shape.suffix(normalizedShape.count).elementsEqual(normalizedShape),
                 "layer norm over \(normalizedShape) does not match input \(input.shape)")
    for t in [weight, bias].compactMap({ $0 }) {
        precondition(t.shape == normalizedShape, "layer norm weight/bias must be \(normalizedShape), got \(t.shape)")
    }
    let width = normalizedShape.reduce(1, *)
    let rows = input.count / Swift.max(width, 1)
    var mean = [Float](repeating: 0, count: rows), invStd = [Float](repeating: 0, count: rows)
    let x = input.pointer
    let w = weight?.pointer, b = bias?.pointer
    let threads = ComputeContext.current.threads
    let out = mean.withUnsafeMutableBufferPointer { meanBuffer in
        invStd.withUnsafeMutableBufferPointer { invBuffer in
            Tensor.filling(input.shape) { dst in
                forEachChunk(of: rows, threads: threads, work: 4 * input.count) { range in
                    for r in range {
                        let src = x + r * width, out = dst + r * width
                        let mu = ReductionKernels.sum(src, count: width) / Float(width)
                        let variance = ReductionKernels.sumOfSquaredDeviations(src, count: width, center: mu) / Float(width)
                        let inv = 1 / (variance + epsilon).squareRoot()
                        meanBuffer[r] = mu
                        invBuffer[r] = inv
                        for j in 0..<width {
                            let xhat = (src[j] - mu) * inv
                            out[j] = xhat * (w?[j] ?? 1) + (b?[j] ?? 0)
                        }
                    }
                }
            }
        }
    }
    return Tensor.record(out, .layerNorm(input, weight: weight, bias: bias, LayerNormSaved(mean: mean, invStd: invStd)),
                         inputList: [input] + [weight, bias].compactMap { $0 })
}

enum LayerNormGradients {
    /// Returns (dInput, dWeight, dBias).
    static func backward(_ g: Tensor, input: Tensor, weight: Tensor?, bias: Tensor?, saved: LayerNormSaved,
                         needInput: Bool, needWeight: Bool, needBias: Bool) -> (Tensor?, Tensor?, Tensor?) {
        let width = (weight ?? bias)?.count ?? (input.count / Swift.max(saved.mean.count, 1))
        let rows = saved.mean.count
        let x = input.pointer, gp = g.pointer, w = weight?.pointer
        var dw = [Float](repeating: 0, count: width), db = [Float](repeating: 0, count: width)
        if needWeight || needBias {
            for r in 0..<rows {
                let mu = saved.mean[r], inv = saved.invStd[r]
                for j in 0..<width {
                    let k = r * width + j
                    dw[j] += gp[k] * (x[k] - mu) * inv
                    db[j] += gp[k]
                }
            }
        }
        let dInput: Tensor? = needInput ? Tensor.filling(input.shape) { dst in
            for r in 0..<rows {
                let mu = saved.mean[r], inv = saved.invStd[r]
                var meanDX: Float = 0, meanDXX: Float = 0
                for j in 0..<width {
                    let k = r * width + j
                    let dxhat = gp[k] * (w?[j] ?? 1)
                    meanDX += dxhat
                    meanDXX += dxhat * (x[k] - mu) * inv
                }
                meanDX /= Float(width)
                meanDXX /= Float(width)
                for j in 0..<width {
                    let k = r * width + j
                    let xhat = (x[k] - mu) * inv
                    dst[k] = inv * (gp[k] * (w?[j] ?? 1) - meanDX - xhat * meanDXX)
                }
            }
        } : nil
        return (dInput, needWeight ? Tensor(shape: weight!.shape, scalars: dw) : nil,
                needBias ? Tensor(shape: bias!.shape, scalars: db) : nil)
    }
}
