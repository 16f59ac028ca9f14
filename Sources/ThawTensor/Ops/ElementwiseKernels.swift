/// Elementwise loops shared by the arithmetic and activation ops. They never record the graph:
/// public ops call them and record one node, and backward rules call them directly.

extension Tensor {
    /// `f` applied to every element.
    @inline(__always)
    func map<F: UnaryFunction>(_ f: F) -> Tensor {
        let n = count
        let src = pointer
        let threads = ComputeContext.current.threads
        return Tensor.filling(shape) { dst in
            forEachChunk(of: n, threads: threads, work: n) { range in
                for i in range { dst[i] = f(src[i]) }
            }
        }
    }

    /// `f` applied pairwise, broadcasting both operands to a common shape.
    @inline(__always)
    func zip<F: BinaryFunction>(_ other: Tensor, _ f: F) -> Tensor {
        let a = pointer, b = other.pointer
        let threads = ComputeContext.current.threads
        if shape == other.shape {
            let n = count
            return Tensor.filling(shape) { dst in
                forEachChunk(of: n, threads: threads, work: n) { range in
                    for i in range { dst[i] = f(a[i], b[i]) }
                }
            }
        }
        guard let plan = BroadcastPlan(shape, other.shape) else {
            preconditionFailure("shapes \(shape) and \(other.shape) do not broadcast")
        }
        return Tensor.filling(plan.shape) { dst in
            let inner = plan.dims.last ?? 1
            let sa = plan.stridesA.last ?? 0, sb = plan.stridesB.last ?? 0
            forEachChunk(of: plan.outerCount, threads: threads, work: plan.outerCount * inner) { rows in
                for row in rows {
                    let (oa, ob) = plan.offsets(ofRow: row)
                    let pa = a + oa, pb = b + ob, out = dst + row * inner
                    if sa == 1 && sb == 1 {
                        for j in 0..<inner { out[j] = f(pa[j], pb[j]) }
                    } else if sa == 1 && sb == 0 {
                        let y = pb[0]
                        for j in 0..<inner { out[j] = f(pa[j], y) }
                    } else if sa == 0 && sb == 1 {
                        let x = pa[0]
                        for j in 0..<inner { out[j] = f(x, pb[j]) }
                    } else {
                        for j in 0..<inner { out[j] = f(pa[j * sa], pb[j * sb]) }
                    }
                }
            }
        }
    }

    /// Elementwise sum with another tensor of the same shape; used to accumulate gradients.
    func adding(_ other: Tensor) -> Tensor { zip(other, Plus()) }
}

/// How two shapes broadcast, with runs of dimensions merged so the innermost loop is as long
/// as possible (a `[N, C, H, W] + [1, C, 1, 1]` bias becomes three dims, not four).
struct BroadcastPlan {
    let shape: [Int]
    let dims: [Int]
    let stridesA: [Int]
    let stridesB: [Int]
    let outerCount: Int

    init?(_ a: [Int], _ b: [Int]) {
        guard let out = ShapeMath.broadcast(a, b) else { return nil }
        shape = out
        let rank = out.count
        func broadcastStrides(_ s: [Int]) -> [Int] {
            let padded = [Int](repeating: 1, count: rank - s.count) + s
            let natural = ShapeMath.strides(padded)
            return (0..<rank).map { padded[$0] == 1 && out[$0] != 1 ? 0 : natural[$0] }
        }
        var dims: [Int] = [], sa: [Int] = [], sb: [Int] = []
        let fa = broadcastStrides(a), fb = broadcastStrides(b)
        for i in 0..<rank where out[i] != 1 {
            if let last = dims.last, sa.last! == fa[i] * out[i], sb.last! == fb[i] * out[i] {
                dims[dims.count - 1] = last * out[i]
                sa[sa.count - 1] = fa[i]
                sb[sb.count - 1] = fb[i]
            } else {
                dims.append(out[i]); sa.append(fa[i]); sb.append(fb[i])
            }
        }
        self.dims = dims
        stridesA = sa
        stridesB = sb
        outerCount = dims.dropLast().reduce(1, *)
    }

    /// Element offsets into `a` and `b` of the first element of outer row `row`.
    @inline(__always)
    func offsets(ofRow row: Int) -> (Int, Int) {
        var rest = row, oa = 0, ob = 0
        var i = dims.count - 2
        while i >= 0 {
            let d = dims[i]
            let index = rest % d
            rest /= d
            oa += index * stridesA[i]
            ob += index * stridesB[i]
            i -= 1
        }
        return (oa, ob)
    }
}
