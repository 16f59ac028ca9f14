/// Matrix products on OpenBLAS.
///
/// Shapes: `a (…, m, k) · b (…, k, n) → (…, m, n)`, with `transposeA`/`transposeB` reading the
/// last two dimensions swapped (no copy). Batch dimensions must match, or `b` may be a plain
/// matrix shared by every batch item (a linear layer on `(B, S, in)` runs as one GEMM).
extension Tensor {
    public func matmul(_ other: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
        let out = MatmulKernel.forward(self, other, transposeA: transposeA, transposeB: transposeB)
        return Tensor.record(out, .matmul(self, other, transposeA: transposeA, transposeB: transposeB), inputs: self, other)
    }
}

enum MatmulKernel {
    struct Dims {
        let batch: Int, m: Int, k: Int, n: Int
        let batchShape: [Int]
        /// `b` is one matrix shared by all batch items.
        let sharedB: Bool
    }

    static func dims(_ a: [Int], _ b: [Int], _ ta: Bool, _ tb: Bool) -> Dims {
        precondition(a.count >= 2 && b.count >= 2, "matmul needs matrices, got \(a) and \(b)")
        let m = ta ? a[a.count - 1] : a[a.count - 2]
        let k = ta ? a[a.count - 2] : a[a.count - 1]
        let kb = tb ? b[b.count - 1] : b[b.count - 2]
        let n = tb ? b[b.count - 2] : b[b.count - 1]
        precondition(k == kb, "matmul inner dimensions differ: \(a)\(ta ? "ᵀ" : "") · \(b)\(tb ? "ᵀ" : "")")
        let batchShape = Array(a.dropLast(2))
        let sharedB = b.count == 2
        precondition(!(sharedB && ta && a.count > 2), "matmul: transposeA with a batched a and a shared matrix b is not supported")
        precondition(sharedB || Array(b.dropLast(2)) == batchShape,
                     "matmul batch dimensions differ: \(a) and \(b)")
        return Dims(batch: batchShape.reduce(1, *), m: m, k: k, n: n, batchShape: batchShape, sharedB: sharedB)
    }

    static func forward(_ a: Tensor, _ b: Tensor, transposeA ta: Bool, transposeB tb: Bool) -> Tensor {
        let d = dims(a.shape, b.shape, ta, tb)
        let threads = ComputeContext.current.threads
        return Tensor.filling(d.batchShape + [d.m, d.n]) { c in
            if d.sharedB && !ta {
                // Rows of all batch items are one tall matrix.
                gemm(transposeA: false, transposeB: tb, m: d.batch * d.m, n: d.n, k: d.k,
                     a: a.pointer, lda: d.k, b: b.pointer, ldb: tb ? d.k : d.n,
                     c: c, ldc: d.n, threads: threads)
                return
            }
            batched(d, threads: threads) { i, inner in
                gemm(transposeA: ta, transposeB: tb, m: d.m, n: d.n, k: d.k,
                     a: a.pointer + i * d.m * d.k, lda: ta ? d.m : d.k,
                     b: b.pointer + (d.sharedB ? 0 : i * d.k * d.n), ldb: tb ? d.k : d.n,
                     c: c + i * d.m * d.n, ldc: d.n, threads: inner)
            }
        }
    }

    /// Runs `body(item, threadsPerItem)` over the batch, spreading items across threads when
    /// each product is small.
    static func batched(_ d: Dims, threads: Int, _ body: (Int, Int) -> Void) {
        let flops = 2 * d.m * d.n * d.k
        if d.batch >= threads && flops < (1 << 24) {
            forEachChunk(of: d.batch, threads: threads, work: d.batch * flops / 16) { items in
                for i in items { body(i, 1) }
            }
        } else {
            for i in 0..<d.batch { body(i, threads) }
        }
    }

    /// Gradients of `c = op(a) · op(b)` given `g = dL/dc`.
    static func backward(_ g: Tensor, _ a: Tensor, _ b: Tensor, ta: Bool, tb: Bool,
                         needA: Bool, needB: Bool) -> (Tensor?, Tensor?) {
        // Each gradient is itself a product; choosing the transposes avoids any copy.
        // c = a·b   → da = g·bᵀ,  db = aᵀ·g
        // c = aᵀ·b  → da = b·gᵀ,  db = a·g
        // c = a·bᵀ  → da = g·b,   db = gᵀ·a
        // c = aᵀ·bᵀ → da = bᵀ·gᵀ, db = gᵀ·aᵀ
        let av = a.detached, bv = b.detached
        var da: Tensor?, db: Tensor?
        if needA {
            da = ta ? forward(bv, g, transposeA: tb, transposeB: true)
                    : forward(g, bv, transposeA: false, transposeB: !tb)
        }
        if needB {
            let d = dims(a.shape, b.shape, ta, tb)
            if d.sharedB && a.rank > 2 {
                // Sum over the batch: the batch folds into the contraction dimension.
                let a2 = av.reshapedRaw([d.batch * d.m, d.k])
                let g2 = g.reshapedRaw([d.batch * d.m, d.n])
                db = tb ? forward(g2, a2, transposeA: true, transposeB: false)
                        : forward(a2, g2, transposeA: true, transposeB: false)
            } else if tb {
                db = ta ? forward(g, av, transposeA: true, transposeB: true)
                        : forward(g, av, transposeA: true, transposeB: false)
            } else {
                db = ta ? forward(av, g, transposeA: false, transposeB: false)
                        : forward(av, g, transposeA: true, transposeB: false)
            }
        }
        return (da, db)
    }
}
