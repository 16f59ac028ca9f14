/// Gathering rows by index, and the scatter-adds that are their gradients.

extension Tensor {
    /// Picks `indices` along `axis` (repeats allowed), like `torch.index_select`.
    public func indexSelect(axis: Int, indices: [Int]) -> Tensor {
        let a = ShapeMath.normalize(axis: axis, rank: rank)
        let n = shape[a]
        for i in indices { precondition(i >= 0 && i < n, "index \(i) out of range 0..<\(n) for axis \(a) of \(shape)") }
        let idx = indices.map { Int32($0) }
        let outer = shape[..<a].reduce(1, *), inner = shape[(a + 1)...].reduce(1, *)
        var outShape = shape
        outShape[a] = indices.count
        let src = pointer
        let out = Tensor.filling(outShape) { dst in
            for o in 0..<outer {
                for (j, i) in idx.enumerated() {
                    (dst + (o * idx.count + j) * inner).initialize(from: src + (o * n + Int(i)) * inner, count: inner)
                }
            }
        }
        return Tensor.record(out, .indexSelect(self, axis: a, indices: idx), inputs: self)
    }
}

/// Looks up rows of `weight (V, D)` for `indices` laid out as `indexShape`; the result has
/// shape `indexShape + [D]`.
public func embedding(_ weight: Tensor, indices: [Int], indexShape: [Int]) -> Tensor {
    precondition(weight.rank == 2, "embedding weight must be (vocabulary, dimension), got \(weight.shape)")
    precondition(ShapeMath.count(indexShape) == indices.count, "index shape \(indexShape) does not hold \(indices.count) indices")
    let rows = withNoGradient { weight.indexSelect(axis: 0, indices: indices) }
    let out = rows.reshapedRaw(indexShape + [weight.shape[1]])
    return Tensor.record(out, .embedding(weight: weight, indices: indices.map { Int32($0) }), inputs: weight)
}

enum GatherGradients {
    /// Adds each gradient row back to the row it was gathered from (repeats accumulate).
    static func indexSelect(_ g: Tensor, inputShape: [Int], axis: Int, indices: [Int32]) -> Tensor {
        let n = inputShape[axis]
        let outer = inputShape[..<axis].reduce(1, *), inner = inputShape[(axis + 1)...].reduce(1, *)
        let gp = g.pointer
        return Tensor.filling(inputShape) { dst in
            dst.initialize(repeating: 0, count: outer * n * inner)
            for o in 0..<outer {
                for (j, i) in indices.enumerated() {
                    let row = dst + (o * n + Int(i)) * inner, src = gp + (o * indices.count + j) * inner
                    for k in 0..<inner { row[k] += src[k] }
                }
            }
        }
    }
}
