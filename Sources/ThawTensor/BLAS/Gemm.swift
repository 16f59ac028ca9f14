import COpenBLAS

/// Row-major single-precision GEMM: `c = alpha · op(a) · op(b) + beta · c`, where
/// `op(a)` is (m, k) and `op(b)` is (k, n).
///
/// Large products are split across `threads` by output rows or columns, each part running on
/// OpenBLAS with one thread, so all parallelism uses Thaw's worker pool and nothing spins.
func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    alpha: Float = 1, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
    beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int, threads: Int
) {
    guard m > 0, n > 0 else { return }
    if k == 0 {
        for i in 0..<m {
            let row = c + i * ldc
            for j in 0..<n { row[j] = beta == 0 ? 0 : beta * row[j] }
        }
        return
    }
    let flops = 2 * m * n * k
    // Below ~8 MFLOP per part, waking a worker costs more than it saves (measured on
    // mlp-digits: 155k → 263k samples/s when its 8 MFLOP products stopped splitting).
    let parts = Swift.min(threads, flops / (1 << 23))
    if parts <= 1 {
        callSgemm(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
        return
    }
    let splitRows = m >= n
    let extent = splitRows ? m : n
    // Panels aligned to 16 elements keep every part on whole SIMD tiles.
    let step = ((extent + parts - 1) / parts + 15) / 16 * 16
    let chunks = (extent + step - 1) / step
    forEachChunk(of: chunks, threads: parts, work: Int.max) { range in
        for chunk in range {
            let start = chunk * step
            let size = Swift.min(step, extent - start)
            if splitRows {
                let aPart = transposeA ? a + start : a + start * lda
                callSgemm(transposeA, transposeB, size, n, k, alpha, aPart, lda, b, ldb, beta, c + start * ldc, ldc)
            } else {
                let bPart = transposeB ? b + start * ldb : b + start
                callSgemm(transposeA, transposeB, m, size, k, alpha, a, lda, bPart, ldb, beta, c + start, ldc)
            }
        }
    }
}

@inline(__always)
private func callSgemm(
    _ ta: Bool, _ tb: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float,
    _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
    _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int
) {
    blas.sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
               blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb),
               beta, c, blasint(ldc))
}
