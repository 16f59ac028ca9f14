/// Ops that move elements without arithmetic.

extension Tensor {
    /// Same elements, new shape; one dimension may be -1 (inferred). Shares storage.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var resolved = newShape
        if let unknown = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().filter { $0.offset != unknown }.reduce(1) { $0 * $1.element }
            precondition(known > 0 && count % known == 0, "cannot reshape \(shape) to \(newShape)")
            resolved[unknown] = count / known
        }
        precondition(resolved.allSatisfy { $0 >= 0 } && ShapeMath.count(resolved) == count,
                     "cannot reshape \(shape) (\(count) elements) to \(newShape)")
        return Tensor.record(reshapedRaw(resolved), .reshape(self), inputs: self)
    }

    /// Collapses dimensions `from...` into one, like `torch.flatten(x, from)`.
    public func flattened(from axis: Int = 1) -> Tensor {
        let a = ShapeMath.normalize(axis: axis, rank: rank)
        return reshaped(Array(shape[..<a]) + [shape[a...].reduce(1, *)])
    }

    /// Reorders dimensions: output dimension i is input dimension `permutation[i]`. Copies.
    public func permuted(_ permutation: [Int]) -> Tensor {
        precondition(permutation.sorted() == Array(0..<rank), "invalid permutation \(permutation) for rank \(rank)")
        return Tensor.record(permuteKernel(permutation), .permute(self, permutation: permutation), inputs: self)
    }

    public func transposed(_ a: Int = -2, _ b: Int = -1) -> Tensor {
        var perm = Array(0..<rank)
        perm.swapAt(ShapeMath.normalize(axis: a, rank: rank), ShapeMath.normalize(axis: b, rank: rank))
        return permuted(perm)
    }

    /// Elements `range` along `axis`.
    public func slice(axis: Int, _ range: Range<Int>) -> Tensor {
        let a = ShapeMath.normalize(axis: axis, rank: rank)
        precondition(range.lowerBound >= 0 && range.upperBound <= shape[a], "slice \(range) out of bounds for axis \(a) of \(shape)")
        let outer = shape[..<a].reduce(1, *), inner = shape[(a + 1)...].reduce(1, *), n = shape[a]
        var outShape = shape
        outShape[a] = range.count
        let src = pointer
        let out = Tensor.filling(outShape) { dst in
            let block = range.count * inner
            for o in 0..<outer {
                (dst + o * block).initialize(from: src + (o * n + range.lowerBound) * inner, count: block)
            }
        }
        return Tensor.record(out, .slice(self, axis: a, range: range), inputs: self)
    }

    /// Joins tensors along `axis`; all other dimensions must agree.
    public static func concat(_ parts: [Tensor], axis: Int) -> Tensor {
        precondition(!parts.isEmpty, "concat of no tensors")
        let first = parts[0]
        let a = ShapeMath.normalize(axis: axis, rank: first.rank)
        for p in parts {
            precondition(p.rank == first.rank && p.shape.enumerated().allSatisfy { $0.offset == a || $0.element == first.shape[$0.offset] },
                         "concat: shape \(p.shape) does not match \(first.shape) outside axis \(a)")
        }
        var outShape = first.shape
        outShape[a] = parts.reduce(0) { $0 + $1.shape[a] }
        let outer = first.shape[..<a].reduce(1, *), inner = first.shape[(a + 1)...].reduce(1, *)
        let out = Tensor.filling(outShape) { dst in
            let rowLength = outShape[a] * inner
            var offset = 0
            for p in parts {
                let block = p.shape[a] * inner
                for o in 0..<outer {
                    (dst + o * rowLength + offset).initialize(from: p.pointer + o * block, count: block)
                }
                offset += block
            }
        }
        return Tensor.record(out, .concat(parts, axis: a), inputList: parts)
    }

    func permuteKernel(_ permutation: [Int]) -> Tensor {
        let outShape = permutation.map { shape[$0] }
        let inStrides = ShapeMath.strides(shape)
        let strides = permutation.map { inStrides[$0] }
        let src = pointer
        let n = count
        return Tensor.filling(outShape) { dst in
            guard n > 0 else { return }
            let r = outShape.count
            guard r > 0 else { dst[0] = src[0]; return }
            let inner = outShape[r - 1], innerStride = strides[r - 1]
            var index = [Int](repeating: 0, count: r)
            var offset = 0, o = 0
            while o < n {
                if innerStride == 1 {
                    (dst + o).initialize(from: src + offset, count: inner)
                } else {
                    for j in 0..<inner { dst[o + j] = src[offset + j * innerStride] }
                }
                o += inner
                var d = r - 2
                while d >= 0 {
                    index[d] += 1
                    offset += strides[d]
                    if index[d] < outShape[d] { break }
                    offset -= strides[d] * outShape[d]
                    index[d] = 0
                    d -= 1
                }
            }
        }
    }
}

enum LayoutGradients {
    static func permute(_ g: Tensor, permutation: [Int]) -> Tensor {
        var inverse = [Int](repeating: 0, count: permutation.count)
        for (i, p) in permutation.enumerated() { inverse[p] = i }
        return g.permuteKernel(inverse)
    }

    static func slice(_ g: Tensor, inputShape: [Int], axis: Int, range: Range<Int>) -> Tensor {
        let outer = inputShape[..<axis].reduce(1, *), inner = inputShape[(axis + 1)...].reduce(1, *), n = inputShape[axis]
        let gp = g.pointer
        return Tensor.filling(inputShape) { dst in
            dst.initialize(repeating: 0, count: outer * n * inner)
            let block = range.count * inner
            for o in 0..<outer {
                (dst + (o * n + range.lowerBound) * inner).update(from: gp + o * block, count: block)
            }
        }
    }

    /// The piece of `g` that belongs to each concatenated part.
    static func concat(_ g: Tensor, parts: [Tensor], axis: Int) -> [Tensor] {
        var start = 0
        return parts.map { p in
            defer { start += p.shape[axis] }
            return withNoGradient { g.slice(axis: axis, start..<(start + p.shape[axis])) }
        }
    }
}
