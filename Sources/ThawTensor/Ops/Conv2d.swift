/// A convolution's window plus its channel groups.
struct ConvolutionGeometry: Hashable, Sendable {
    var window: WindowGeometry
    var groups: Int
}

/// 2-D convolution (cross-correlation, as `F.conv2d`).
///
/// Shapes: `input (N, C, H, W)`, `weight (O, C/groups, kH, kW)`, `bias (O)` →
/// `(N, O, outH, outW)`. Lowered to GEMMs by im2col; see `ConvolutionKernel` for how the
/// batch is laid out.
public func conv2d(_ input: Tensor, weight: Tensor, bias: Tensor? = nil,
                   stride: (Int, Int) = (1, 1), padding: (Int, Int) = (0, 0),
                   dilation: (Int, Int) = (1, 1), groups: Int = 1) -> Tensor {
    precondition(weight.rank == 4, "conv2d weight must be (O, C/groups, kH, kW), got \(weight.shape)")
    let window = WindowGeometry(kernelH: weight.shape[2], kernelW: weight.shape[3],
                                strideH: stride.0, strideW: stride.1, padH: padding.0, padW: padding.1,
                                dilationH: dilation.0, dilationW: dilation.1)
    let geometry = ConvolutionGeometry(window: window, groups: groups)
    let out = ConvolutionKernel.forward(input.detached, weight.detached, bias?.detached, geometry)
    return Tensor.record(out, .conv2d(input: input, weight: weight, bias: bias, geometry),
                         inputList: [input, weight] + [bias].compactMap { $0 })
}

/// Sizes of one convolution, checked once.
struct ConvolutionSizes {
    let n: Int, c: Int, h: Int, w: Int, o: Int, outH: Int, outW: Int
    let groups: Int, cg: Int, og: Int
    /// Rows of the lowered matrix per group: cg·kH·kW.
    let k: Int
    var outPlane: Int { outH * outW }
    var inPlane: Int { h * w }

    init(_ x: [Int], _ weight: [Int], _ geometry: ConvolutionGeometry) {
        precondition(x.count == 4, "conv2d input must be (N, C, H, W), got \(x)")
        let g = geometry.groups
        precondition(g >= 1 && x[1] % g == 0 && weight[0] % g == 0,
                     "conv2d groups \(g) must divide input channels \(x[1]) and output channels \(weight[0])")
        precondition(weight[1] == x[1] / g, "conv2d weight \(weight) expects \(weight[1] * g) input channels, input has \(x[1])")
        let size: (height: Int, width: Int)
        do { size = try geometry.window.validate(height: x[2], width: x[3]) } catch {
            preconditionFailure("conv2d: \(error)")
        }
        (n, c, h, w, o) = (x[0], x[1], x[2], x[3], weight[0])
        (outH, outW) = size
        groups = g
        cg = c / g
        og = o / g
        k = cg * weight[2] * weight[3]
    }

    /// Large output maps lower one sample at a time: the lowered matrix then stays in cache
    /// and the GEMM writes NCHW directly. Small maps (a ResNet's last stages) lower the whole
    /// batch so the GEMM is wide enough for BLAS.
    var lowersPerSample: Bool { outPlane >= 64 || n == 1 }
}

enum ConvolutionKernel {
    static func forward(_ x: Tensor, _ weight: Tensor, _ bias: Tensor?, _ geometry: ConvolutionGeometry) -> Tensor {
        let s = ConvolutionSizes(x.shape, weight.shape, geometry)
        let threads = ComputeContext.current.threads
        if s.lowersPerSample {
            // One lowering buffer per part, allocated here: buffers allocated on worker threads
            // land in per-thread malloc arenas, which glibc recycles far less well.
            let parts = Swift.max(1, Swift.min(threads, s.n)), chunk = (s.n + parts - 1) / parts
            let cols = TensorStorage(uninitializedCount: parts * s.k * s.outPlane)
            return Tensor.filling([s.n, s.o, s.outH, s.outW]) { out in
                forEachChunk(of: parts, threads: parts, work: s.n * s.o * s.k * s.outPlane / 8) { range in
                    for part in range {
                        let partCols = cols.pointer + part * s.k * s.outPlane
                        for i in (part * chunk)..<Swift.min(s.n, (part + 1) * chunk) {
                            lowerAndMultiply(x, weight, s, geometry, sample: i, cols: partCols, into: out + i * s.o * s.outPlane, threads: 1)
                            addBias(bias, s, to: out + i * s.o * s.outPlane)
                        }
                    }
                }
            }
        }
        // Whole batch: y is (O, N·outH·outW), then reordered to (N, O, outH, outW).
        let p = s.n * s.outPlane
        let y = TensorStorage(uninitializedCount: s.o * p)
        let cols = TensorStorage(uninitializedCount: s.k * p)
        for g in 0..<s.groups {
            Im2Col.lower(input: x.pointer, batch: s.n, channels: s.c, height: s.h, width: s.w,
                         channelRange: (g * s.cg)..<((g + 1) * s.cg), geometry: geometry.window,
                         into: cols.pointer, threads: threads)
            gemm(transposeA: false, transposeB: false, m: s.og, n: p, k: s.k,
                 a: weight.pointer + g * s.og * s.k, lda: s.k, b: cols.pointer, ldb: p,
                 c: y.pointer + g * s.og * p, ldc: p, threads: threads)
        }
        let out = Tensor(shape: [s.o, s.n, s.outPlane], storage: y).permuteKernel([1, 0, 2]).reshapedRaw([s.n, s.o, s.outH, s.outW])
        for i in 0..<s.n { addBias(bias, s, to: out.pointer + i * s.o * s.outPlane) }
        return out
    }

    /// out (O, outH·outW) of sample `i` = W · lowered(x[i]), group by group.
    private static func lowerAndMultiply(_ x: Tensor, _ weight: Tensor, _ s: ConvolutionSizes, _ geometry: ConvolutionGeometry,
                                         sample i: Int, cols: UnsafeMutablePointer<Float>, into out: UnsafeMutablePointer<Float>, threads: Int) {
        for g in 0..<s.groups {
            Im2Col.lower(input: x.pointer + i * s.c * s.inPlane, batch: 1, channels: s.c, height: s.h, width: s.w,
                         channelRange: (g * s.cg)..<((g + 1) * s.cg), geometry: geometry.window, into: cols, threads: threads)
            gemm(transposeA: false, transposeB: false, m: s.og, n: s.outPlane, k: s.k,
                 a: weight.pointer + g * s.og * s.k, lda: s.k, b: cols, ldb: s.outPlane,
                 c: out + g * s.og * s.outPlane, ldc: s.outPlane, threads: threads)
        }
    }

    /// Adds the bias to one sample's (O, outH·outW) block.
    private static func addBias(_ bias: Tensor?, _ s: ConvolutionSizes, to out: UnsafeMutablePointer<Float>) {
        guard let bias else { return }
        for ch in 0..<s.o {
            let b = bias.pointer[ch], row = out + ch * s.outPlane
            for j in 0..<s.outPlane { row[j] += b }
        }
    }
}
