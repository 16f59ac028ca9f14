/// Summation kernels. Reducing over a contiguous run of axes sees the tensor as
/// `(outer, reduced, inner)`; other axis sets reduce one run at a time.

extension Tensor {
    /// Sum over `axes` (sorted, unique), keeping them as size-1 dimensions. No graph.
    func sumKernel(axes: [Int]) -> Tensor {
        var result = self
        var remaining = axes
        // Reduce the last contiguous run of axes first so earlier axis numbers stay valid.
        while let last = remaining.last {
            var first = last
            while remaining.contains(first - 1) { first -= 1 }
            result = result.sumContiguous(first..<(last + 1))
            remaining.removeAll { $0 >= first }
        }
        return result
    }

    /// Sum over the contiguous axes `run`, kept as size 1.
    private func sumContiguous(_ run: Range<Int>) -> Tensor {
        let outer = shape[..<run.lowerBound].reduce(1, *)
        let reduce = shape[run].reduce(1, *)
        let inner = shape[run.upperBound...].reduce(1, *)
        var outShape = shape
        for axis in run { outShape[axis] = 1 }
        let src = pointer
        let threads = ComputeContext.current.threads
        return Tensor.filling(outShape) { dst in
            if inner == 1 {
                forEachChunk(of: outer, threads: threads, work: outer * reduce) { rows in
                    for o in rows { dst[o] = ReductionKernels.sum(src + o * reduce, count: reduce) }
                }
            } else {
                for o in 0..<outer {
                    let out = dst + o * inner
                    out.initialize(repeating: 0, count: inner)
                    for r in 0..<reduce {
                        let row = src + (o * reduce + r) * inner
                        for i in 0..<inner { out[i] += row[i] }
                    }
                }
            }
        }
    }
}

enum ReductionKernels {
    /// Sum of a contiguous run with eight independent partial sums: vectorises, and keeps
    /// rounding error lower than one running sum.
    @inline(__always)
    static func sum(_ p: UnsafePointer<Float>, count n: Int) -> Float {
        var acc = SIMD8<Float>(repeating: 0)
        var i = 0
        while i + 8 <= n {
            acc += UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self)
            i += 8
        }
        var total = acc.sum()
        while i < n { total += p[i]; i += 1 }
        return total
    }

    /// Sum of squares of `p[i] - center`, same scheme.
    @inline(__always)
    static func sumOfSquaredDeviations(_ p: UnsafePointer<Float>, count n: Int, center: Float) -> Float {
        var acc = SIMD8<Float>(repeating: 0)
        let c = SIMD8<Float>(repeating: center)
        var i = 0
        while i + 8 <= n {
            let d = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self) - c
            acc += d * d
            i += 8
        }
        var total = acc.sum()
        while i < n { let d = p[i] - center; total += d * d; i += 1 }
        return total
    }
}

extension ReductionKernels {
    /// (Σ g, Σ g·(x − center)) over a contiguous run: batch norm's backward statistics.
    @inline(__always)
    static func sumAndCenteredDot(_ g: UnsafePointer<Float>, _ x: UnsafePointer<Float>, count n: Int,
                                  center: Float) -> (Float, Float) {
        var sumG = SIMD8<Float>(repeating: 0), dot = SIMD8<Float>(repeating: 0)
        let c = SIMD8<Float>(repeating: center)
        var i = 0
        while i + 8 <= n {
            let gv = UnsafeRawPointer(g + i).loadUnaligned(as: SIMD8<Float>.self)
            let xv = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
            sumG += gv
            dot += gv * (xv - c)
            i += 8
        }
        var a = sumG.sum(), b = dot.sum()
        while i < n { a += g[i]; b += g[i] * (x[i] - center); i += 1 }
        return (a, b)
    }
}
