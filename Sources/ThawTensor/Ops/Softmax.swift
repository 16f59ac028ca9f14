import Foundation

/// Softmax and log-softmax along one axis, computed with the row maximum subtracted so exp
/// never overflows.
extension Tensor {
    public func softmax(axis: Int = -1) -> Tensor {
        let a = ShapeMath.normalize(axis: axis, rank: rank)
        let out = SoftmaxKernel.forward(self, axis: a, log: false)
        return Tensor.record(out, .softmax(self, axis: a, output: out), inputs: self)
    }

    public func logSoftmax(axis: Int = -1) -> Tensor {
        let a = ShapeMath.normalize(axis: axis, rank: rank)
        let out = SoftmaxKernel.forward(self, axis: a, log: true)
        return Tensor.record(out, .logSoftmax(self, axis: a, output: out), inputs: self)
    }
}

enum SoftmaxKernel {
    /// Input seen as `(outer, n, inner)`; normalises along `n`.
    static func forward(_ x: Tensor, axis: Int, log: Bool) -> Tensor {
        let outer = x.shape[..<axis].reduce(1, *), n = x.shape[axis], inner = x.shape[(axis + 1)...].reduce(1, *)
        let src = x.pointer
        let threads = ComputeContext.current.threads
        return Tensor.filling(x.shape) { dst in
            forEachChunk(of: outer * inner, threads: threads, work: 4 * x.count) { lines in
                for line in lines {
                    let o = line / inner, i = line % inner
                    let base = o * n * inner + i
                    row(src + base, dst + base, n: n, stride: inner, log: log)
                }
            }
        }
    }

    @inline(__always)
    static func row(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, n: Int, stride s: Int, log: Bool) {
        var m = -Float.infinity
        for j in 0..<n { m = Swift.max(m, src[j * s]) }
        if m == -.infinity { m = 0 } // an all −∞ row stays NaN-free until divided
        var total: Float = 0
        for j in 0..<n {
            let e = Foundation.exp(src[j * s] - m)
            dst[j * s] = e
            total += e
        }
        if log {
            let logTotal = Foundation.log(total)
            for j in 0..<n { dst[j * s] = src[j * s] - m - logTotal }
        } else {
            let inv = 1 / total
            for j in 0..<n { dst[j * s] *= inv }
        }
    }

    /// dx = y ⊙ (g − Σ g⊙y) for softmax; dx = g − softmax ⊙ Σ g for log-softmax.
    static func backward(_ g: Tensor, output y: Tensor, axis: Int, log: Bool) -> Tensor {
        let outer = y.shape[..<axis].reduce(1, *), n = y.shape[axis], inner = y.shape[(axis + 1)...].reduce(1, *)
        let gp = g.pointer, yp = y.pointer
        return Tensor.filling(y.shape) { dst in
            for o in 0..<outer {
                for i in 0..<inner {
                    let base = o * n * inner + i
                    var dot: Float = 0
                    for j in 0..<n {
                        let k = base + j * inner
                        dot += log ? gp[k] : gp[k] * yp[k]
                    }
                    for j in 0..<n {
                        let k = base + j * inner
                        dst[k] = log ? gp[k] - Foundation.exp(yp[k]) * dot : yp[k] * (gp[k] - dot)
                    }
                }
            }
        }
    }
}
