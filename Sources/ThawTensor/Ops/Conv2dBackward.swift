extension ConvolutionKernel {
    /// Returns (dInput, dWeight, dBias) for `g (N, O, outH, outW)`, computing only what is needed.
    static func backward(_ g: Tensor, input x: Tensor, weight: Tensor, geometry: ConvolutionGeometry,
                         needInput: Bool, needWeight: Bool, needBias: Bool) -> (Tensor?, Tensor?, Tensor?) {
        let s = ConvolutionSizes(x.shape, weight.shape, geometry)
        let dBias: Tensor? = needBias ? g.reshapedRaw([s.n, s.o, s.outPlane]).sumKernel(axes: [0, 2]).reshapedRaw([s.o]) : nil
        guard needInput || needWeight else { return (nil, nil, dBias) }
        let (dx, dw) = s.lowersPerSample
            ? perSample(g, x, weight, s, geometry, needInput: needInput, needWeight: needWeight)
            : wholeBatch(g, x, weight, s, geometry, needInput: needInput, needWeight: needWeight)
        return (dx, dw, dBias)
    }

    /// Per sample: dW += G_i · cols_iᵀ, dCols_i = Wᵀ · G_i raised onto dx[i]. Each thread sums
    /// its samples' dW in its own buffer; the buffers are added at the end.
    private static func perSample(_ g: Tensor, _ x: Tensor, _ weight: Tensor, _ s: ConvolutionSizes, _ geometry: ConvolutionGeometry,
                                  needInput: Bool, needWeight: Bool) -> (Tensor?, Tensor?) {
        let threads = ComputeContext.current.threads
        let parts = Swift.max(1, Swift.min(threads, s.n))
        let partials = (0..<(needWeight ? parts : 0)).map { _ in TensorStorage(repeating: 0, count: weight.count) }
        let dInput: TensorStorage? = needInput ? TensorStorage(repeating: 0, count: x.count) : nil
        let chunk = (s.n + parts - 1) / parts
        let allCols = TensorStorage(uninitializedCount: parts * s.k * s.outPlane) // see `forward`
        forEachChunk(of: parts, threads: parts, work: Int.max) { range in
            for part in range {
                let cols = allCols.pointer + part * s.k * s.outPlane
                for i in (part * chunk)..<Swift.min(s.n, (part + 1) * chunk) {
                    let gi = g.pointer + i * s.o * s.outPlane
                    for group in 0..<s.groups {
                        let channels = (group * s.cg)..<((group + 1) * s.cg)
                        let gGroup = gi + group * s.og * s.outPlane
                        let wGroup = weight.pointer + group * s.og * s.k
                        if needWeight {
                            Im2Col.lower(input: x.pointer + i * s.c * s.inPlane, batch: 1, channels: s.c, height: s.h, width: s.w,
                                         channelRange: channels, geometry: geometry.window, into: cols, threads: 1)
                            gemm(transposeA: false, transposeB: true, m: s.og, n: s.k, k: s.outPlane,
                                 a: gGroup, lda: s.outPlane, b: cols, ldb: s.outPlane, beta: 1,
                                 c: partials[part].pointer + group * s.og * s.k, ldc: s.k, threads: 1)
                        }
                        if let dInput {
                            gemm(transposeA: true, transposeB: false, m: s.k, n: s.outPlane, k: s.og,
                                 a: wGroup, lda: s.k, b: gGroup, ldb: s.outPlane,
                                 c: cols, ldc: s.outPlane, threads: 1)
                            Im2Col.raise(cols: cols, batch: 1, channels: s.c, height: s.h, width: s.w, channelRange: channels,
                                         geometry: geometry.window, into: dInput.pointer + i * s.c * s.inPlane, threads: 1)
                        }
                    }
                }
            }
        }
        var dWeight: Tensor?
        if let first = partials.first {
            for other in partials.dropFirst() {
                for j in 0..<weight.count { first.pointer[j] += other.pointer[j] }
            }
            dWeight = Tensor(shape: weight.shape, storage: first)
        }
        return (dInput.map { Tensor(shape: x.shape, storage: $0) }, dWeight)
    }

    /// Whole batch: G reordered to (O, N·outH·outW); dW_g = G_g · colsᵀ; dCols = W_gᵀ · G_g.
    private static func wholeBatch(_ g: Tensor, _ x: Tensor, _ weight: Tensor, _ s: ConvolutionSizes, _ geometry: ConvolutionGeometry,
                                   needInput: Bool, needWeight: Bool) -> (Tensor?, Tensor?) {
        let threads = ComputeContext.current.threads
        let p = s.n * s.outPlane
        let g2 = g.reshapedRaw([s.n, s.o, s.outPlane]).permuteKernel([1, 0, 2])
        let cols = TensorStorage(uninitializedCount: s.k * p)
        let dWeight: TensorStorage? = needWeight ? TensorStorage(uninitializedCount: weight.count) : nil
        let dInput: TensorStorage? = needInput ? TensorStorage(repeating: 0, count: x.count) : nil
        for group in 0..<s.groups {
            let channels = (group * s.cg)..<((group + 1) * s.cg)
            let gGroup = g2.pointer + group * s.og * p
            if let dWeight {
                Im2Col.lower(input: x.pointer, batch: s.n, channels: s.c, height: s.h, width: s.w,
                             channelRange: channels, geometry: geometry.window, into: cols.pointer, threads: threads)
                gemm(transposeA: false, transposeB: true, m: s.og, n: s.k, k: p,
                     a: gGroup, lda: p, b: cols.pointer, ldb: p,
                     c: dWeight.pointer + group * s.og * s.k, ldc: s.k, threads: threads)
            }
            if let dInput {
                gemm(transposeA: true, transposeB: false, m: s.k, n: p, k: s.og,
                     a: weight.pointer + group * s.og * s.k, lda: s.k, b: gGroup, ldb: p,
                     c: cols.pointer, ldc: p, threads: threads)
                Im2Col.raise(cols: cols.pointer, batch: s.n, channels: s.c, height: s.h, width: s.w,
                             channelRange: channels, geometry: geometry.window, into: dInput.pointer, threads: threads)
            }
        }
        return (dInput.map { Tensor(shape: x.shape, storage: $0) }, dWeight.map { Tensor(shape: weight.shape, storage: $0) })
    }
}
