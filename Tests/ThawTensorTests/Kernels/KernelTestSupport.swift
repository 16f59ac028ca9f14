@testable import ThawTensor

/// Deterministic random numbers for the kernel tests (SplitMix64), so a failure reproduces.
struct KernelTestRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [-1, 1).
    mutating func signed() -> Float {
        Float(next() >> 40) / Float(1 << 23) - 1
    }

    /// One of `levels` small integers centred on 0: exact in any sum, and full of ties.
    mutating func level(_ levels: Int) -> Float {
        Float(Int(next() % UInt64(levels)) - levels / 2)
    }

    mutating func array(_ count: Int) -> [Float] {
        (0..<count).map { _ in signed() }
    }

    mutating func levels(_ count: Int, _ levels: Int) -> [Float] {
        (0..<count).map { _ in level(levels) }
    }
}

/// An NCHW input shape with the channel range a kernel call works on.
struct KernelTestShape: Sendable, CustomStringConvertible {
    var batch: Int
    var channels: Int
    var height: Int
    var width: Int
    var channelRange: Range<Int>

    init(_ batch: Int, _ channels: Int, _ height: Int, _ width: Int, range: Range<Int>? = nil) {
        self.batch = batch
        self.channels = channels
        self.height = height
        self.width = width
        channelRange = range ?? 0..<channels
    }

    var count: Int { batch * channels * height * width }
    var description: String {
        "(\(batch), \(channels), \(height), \(width)) channels \(channelRange)"
    }

    func index(_ n: Int, _ c: Int, _ h: Int, _ w: Int) -> Int {
        ((n * channels + c) * height + h) * width + w
    }
}

/// A geometry written compactly for argument tables, each parameter as an (H, W) pair.
func kernelGeometry(
    _ kernel: (Int, Int), _ stride: (Int, Int) = (1, 1), _ pad: (Int, Int) = (0, 0),
    _ dilation: (Int, Int) = (1, 1)
) -> WindowGeometry {
    WindowGeometry(
        kernelH: kernel.0, kernelW: kernel.1, strideH: stride.0, strideW: stride.1,
        padH: pad.0, padW: pad.1, dilationH: dilation.0, dilationW: dilation.1)
}

/// Σ a·b in Double, for adjoint checks.
func kernelDot(_ a: [Float], _ b: [Float]) -> Double {
    precondition(a.count == b.count)
    var sum = 0.0
    for k in a.indices { sum += Double(a[k]) * Double(b[k]) }
    return sum
}

/// Σ |a·b| in Double: the scale against which a dot product's rounding is judged.
func kernelAbsDot(_ a: [Float], _ b: [Float]) -> Double {
    var sum = 0.0
    for k in a.indices { sum += abs(Double(a[k]) * Double(b[k])) }
    return sum
}

/// Largest |a − b| / max(1, |b|); NaNs must sit in the same places.
func kernelMaxRelativeError(_ a: [Float], _ b: [Float]) -> Double {
    precondition(a.count == b.count)
    var worst = 0.0
    for k in a.indices {
        if a[k].isNaN || b[k].isNaN {
            if a[k].isNaN != b[k].isNaN { return .infinity }
            continue
        }
        let error = abs(Double(a[k]) - Double(b[k])) / max(1, abs(Double(b[k])))
        worst = max(worst, error)
    }
    return worst
}

/// Where two buffers first differ bitwise (so NaN matches NaN and −0 differs from +0), or
/// nil when identical: bit equality is what the kernels promise across thread counts, and a
/// short message beats printing both buffers.
func kernelBitMismatch(_ a: [Float], _ b: [Float]) -> String? {
    if a.count != b.count { return "counts differ: \(a.count) vs \(b.count)" }
    guard let k = a.indices.first(where: { a[$0].bitPattern != b[$0].bitPattern }) else {
        return nil
    }
    let total = a.indices.filter { a[$0].bitPattern != b[$0].bitPattern }.count
    return "\(total) of \(a.count) differ; first at \(k): \(a[k]) vs \(b[k])"
}

/// Hands `body` a copy of `values` in an allocation of exactly that size, so that a kernel
/// reading one element too far is caught by AddressSanitizer (`swift test
/// --sanitize=address`), which an Array's spare capacity could hide.
func kernelWithExactCopy<T, R>(_ values: [T], _ body: (UnsafePointer<T>) -> R) -> R {
    let copy = UnsafeMutablePointer<T>.allocate(capacity: values.count)
    defer { copy.deallocate() }
    copy.initialize(from: values, count: values.count)
    return body(copy)
}
