/// Reductions over axes. `axes: nil` means every axis.

extension Tensor {
    public func sum(axes: [Int]? = nil, keepingDims: Bool = false) -> Tensor {
        let resolved = ShapeMath.normalize(axes: axes, rank: rank)
        let out = sumKernel(axes: resolved).reshapedRaw(ShapeMath.reduced(shape, axes: resolved, keepingDims: keepingDims))
        return Tensor.record(out, .sum(self, axes: resolved), inputs: self)
    }

    public func sum(axis: Int, keepingDims: Bool = false) -> Tensor { sum(axes: [axis], keepingDims: keepingDims) }

    public func mean(axes: [Int]? = nil, keepingDims: Bool = false) -> Tensor {
        let resolved = ShapeMath.normalize(axes: axes, rank: rank)
        let n = Float(resolved.reduce(1) { $0 * shape[$1] })
        let out = sumKernel(axes: resolved).map(DivideBy(divisor: n))
            .reshapedRaw(ShapeMath.reduced(shape, axes: resolved, keepingDims: keepingDims))
        return Tensor.record(out, .mean(self, axes: resolved), inputs: self)
    }

    public func mean(axis: Int, keepingDims: Bool = false) -> Tensor { mean(axes: [axis], keepingDims: keepingDims) }

    /// Largest value along `axis`; NaN wins, as in PyTorch, so a bad value cannot hide.
    public func max(axis: Int, keepingDims: Bool = false) -> Tensor {
        let a = ShapeMath.normalize(axis: axis, rank: rank)
        let (values, argmax) = maxKernel(axis: a)
        let out = values.reshapedRaw(ShapeMath.reduced(shape, axes: [a], keepingDims: keepingDims))
        return Tensor.record(out, .max(self, axis: a, argmax: argmax), inputs: self)
    }

    /// Index of the largest value along `axis` (no gradient).
    public func argmax(axis: Int) -> [Int] {
        maxKernel(axis: ShapeMath.normalize(axis: axis, rank: rank)).1.map(Int.init)
    }

    /// Variance over `axes` with Bessel's `correction` (1 = unbiased, as torch.var's default).
    public func variance(axes: [Int]? = nil, correction: Int = 1, keepingDims: Bool = false) -> Tensor {
        let resolved = ShapeMath.normalize(axes: axes, rank: rank)
        let n = resolved.reduce(1) { $0 * shape[$1] }
        let centered = zip(sumKernel(axes: resolved).map(DivideBy(divisor: Float(n))), Minus())
        let divisor = Float(Swift.max(n - correction, 0))
        let out = centered.map(Square()).sumKernel(axes: resolved).map(DivideBy(divisor: divisor))
            .reshapedRaw(ShapeMath.reduced(shape, axes: resolved, keepingDims: keepingDims))
        return Tensor.record(out, .variance(self, axes: resolved, correction: correction), inputs: self)
    }

    /// (values with the axis kept as size 1, argmax as flat indices along the axis)
    func maxKernel(axis: Int) -> (Tensor, [Int32]) {
        let outer = shape[..<axis].reduce(1, *), n = shape[axis], inner = shape[(axis + 1)...].reduce(1, *)
        precondition(n > 0, "max over an empty axis")
        var outShape = shape
        outShape[axis] = 1
        var argmax = [Int32](repeating: 0, count: outer * inner)
        let src = pointer
        let values = argmax.withUnsafeMutableBufferPointer { idx in
            Tensor.filling(outShape) { dst in
                for o in 0..<outer {
                    for i in 0..<inner {
                        var best = src[o * n * inner + i], bestIndex = 0
                        if !best.isNaN {
                            for r in 1..<Swift.max(n, 1) {
                                let v = src[(o * n + r) * inner + i]
                                if v > best || v.isNaN { best = v; bestIndex = r; if v.isNaN { break } }
                            }
                        }
                        dst[o * inner + i] = best
                        idx[o * inner + i] = Int32(bestIndex)
                    }
                }
            }
        }
        return (values, argmax)
    }

    /// Repeats a reduced gradient (axes kept or dropped) over the reduced axes of `target`.
    func expanded(fromReducedAxes axes: [Int], to target: [Int]) -> Tensor {
        let kept = reshapedRaw(ShapeMath.reduced(target, axes: axes, keepingDims: true))
        return Tensor(zeros: target).zip(kept, Plus())
    }
}

enum ReductionGradients {
    static func max(_ g: Tensor, input: Tensor, axis: Int, argmax: [Int32]) -> Tensor {
        let shape = input.shape
        let outer = shape[..<axis].reduce(1, *), n = shape[axis], inner = shape[(axis + 1)...].reduce(1, *)
        let gp = g.pointer
        return Tensor.filling(shape) { dst in
            dst.initialize(repeating: 0, count: outer * n * inner)
            for o in 0..<outer {
                for i in 0..<inner {
                    dst[(o * n + Int(argmax[o * inner + i])) * inner + i] = gp[o * inner + i]
                }
            }
        }
    }

    /// d var / dx = 2 (x − mean) / (n − correction)
    static func variance(_ g: Tensor, input: Tensor, axes: [Int], correction: Int) -> Tensor {
        let n = axes.reduce(1) { $0 * input.shape[$1] }
        let mean = input.sumKernel(axes: axes).map(DivideBy(divisor: Float(n)))
        let scale = 2 / Float(Swift.max(n - correction, 0))
        let centered = input.detached.zip(mean, Minus())
        let gFull = g.expanded(fromReducedAxes: axes, to: input.shape)
        return centered.zip(gFull, ScaledProduct(factor: scale))
    }
}
