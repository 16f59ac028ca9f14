import Testing
@testable import ThawTensor

/// Average pooling from the definition, in Double: window positions inside the padded
/// input count towards the divisor with `countIncludePad`, only real ones without it.
/// Returns, per output, the flat input indices it averages and its divisor.
func referenceAvgPoolWindows(_ c: PoolingCase, countIncludePad: Bool) -> [(indices: [Int], divisor: Int)] {
    let g = c.geometry
    let (outH, outW) = c.outputSize
    let (height, width) = (c.shape.height, c.shape.width)
    var windows: [(indices: [Int], divisor: Int)] = []
    for plane in 0..<c.planes {
        for oh in 0..<outH {
            for ow in 0..<outW {
                var indices: [Int] = []
                var padded = 0
                for i in 0..<g.kernelH {
                    for j in 0..<g.kernelW {
                        let ih = oh * g.strideH - g.padH + i
                        let iw = ow * g.strideW - g.padW + j
                        if ih >= -g.padH && ih < height + g.padH && iw >= -g.padW && iw < width + g.padW {
                            padded += 1
                        }
                        if ih >= 0 && ih < height && iw >= 0 && iw < width {
                            indices.append(plane * height * width + ih * width + iw)
                        }
                    }
                }
                windows.append((indices, countIncludePad ? padded : indices.count))
            }
        }
    }
    return windows
}

/// Adaptive bins from the definition with floating-point floor and ceil.
func referenceAdaptiveAvgPoolWindows(_ c: AdaptivePoolingCase) -> [(indices: [Int], divisor: Int)] {
    let (height, width) = (c.shape.height, c.shape.width)
    func bin(_ o: Int, _ size: Int, _ outputs: Int) -> Range<Int> {
        let start = Int((Double(o * size) / Double(outputs)).rounded(.down))
        let end = Int((Double((o + 1) * size) / Double(outputs)).rounded(.up))
        return start..<end
    }
    var windows: [(indices: [Int], divisor: Int)] = []
    for plane in 0..<(c.shape.batch * c.shape.channels) {
        for oh in 0..<c.outputHeight {
            for ow in 0..<c.outputWidth {
                var indices: [Int] = []
                for ih in bin(oh, height, c.outputHeight) {
                    for iw in bin(ow, width, c.outputWidth) {
                        indices.append(plane * height * width + ih * width + iw)
                    }
                }
                windows.append((indices, indices.count))
            }
        }
    }
    return windows
}

func referenceAveragingForward(_ windows: [(indices: [Int], divisor: Int)], _ input: [Float]) -> [Float] {
    windows.map { window in
        window.indices.isEmpty
            ? 0 : Float(window.indices.reduce(0.0) { $0 + Double(input[$1]) } / Double(window.divisor))
    }
}

func referenceAveragingBackward(
    _ windows: [(indices: [Int], divisor: Int)], _ gradOutput: [Float], start: [Float]
) -> [Float] {
    var grad = start.map(Double.init)
    for (k, window) in windows.enumerated() {
        for index in window.indices { grad[index] += Double(gradOutput[k]) / Double(window.divisor) }
    }
    return grad.map(Float.init)
}

/// Calls one of the four average kernels with arrays; `forward` picks the direction.
enum AveragePoolingKernel: Sendable {
    case window(PoolingCase, countIncludePad: Bool)
    case adaptive(AdaptivePoolingCase)

    var shape: KernelTestShape {
        switch self {
        case .window(let c, _): c.shape
        case .adaptive(let c): c.shape
        }
    }

    var outputCount: Int {
        switch self {
        case .window(let c, _): c.outputCount
        case .adaptive(let c): c.outputCount
        }
    }

    var windows: [(indices: [Int], divisor: Int)] {
        switch self {
        case .window(let c, let include): referenceAvgPoolWindows(c, countIncludePad: include)
        case .adaptive(let c): referenceAdaptiveAvgPoolWindows(c)
        }
    }

    func forward(_ input: [Float], threads: Int) -> [Float] {
        var output = [Float](repeating: .nan, count: outputCount)
        let s = shape
        kernelWithExactCopy(input) { x in
            output.withUnsafeMutableBufferPointer { out in
                switch self {
                case .window(let c, let include):
                    avgPool2dForward(
                        input: x, batch: s.batch, channels: s.channels,
                        height: s.height, width: s.width, geometry: c.geometry,
                        countIncludePad: include, output: out.baseAddress!, threads: threads)
                case .adaptive(let c):
                    adaptiveAvgPool2dForward(
                        input: x, batch: s.batch, channels: s.channels,
                        height: s.height, width: s.width, outputHeight: c.outputHeight,
                        outputWidth: c.outputWidth, output: out.baseAddress!, threads: threads)
                }
            }
        }
        return output
    }

    func backward(_ gradOutput: [Float], start: [Float], threads: Int) -> [Float] {
        var grad = start
        let s = shape
        kernelWithExactCopy(gradOutput) { g in
            grad.withUnsafeMutableBufferPointer { out in
                switch self {
                case .window(let c, let include):
                    avgPool2dBackward(
                        gradOutput: g, batch: s.batch, channels: s.channels,
                        height: s.height, width: s.width, geometry: c.geometry,
                        countIncludePad: include, into: out.baseAddress!, threads: threads)
                case .adaptive(let c):
                    adaptiveAvgPool2dBackward(
                        gradOutput: g, batch: s.batch, channels: s.channels,
                        height: s.height, width: s.width, outputHeight: c.outputHeight,
                        outputWidth: c.outputWidth, into: out.baseAddress!, threads: threads)
                }
            }
        }
        return grad
    }
}

extension AveragePoolingKernel: CustomTestStringConvertible {
    var testDescription: String {
        switch self {
        case .window(let c, let include): "avg \(c.testDescription) includePad \(include)"
        case .adaptive(let c): "adaptive \(c.testDescription)"
        }
    }

    static let small: [AveragePoolingKernel] =
        PoolingCase.averageSmall.flatMap { [.window($0, countIncludePad: true), .window($0, countIncludePad: false)] }
        + AdaptivePoolingCase.small.map { .adaptive($0) }

    static let large: [AveragePoolingKernel] =
        PoolingCase.large.flatMap { [.window($0, countIncludePad: true), .window($0, countIncludePad: false)] }
        + AdaptivePoolingCase.large.map { .adaptive($0) }
}

@Suite struct AvgPoolKernelTests {
    @Test(arguments: AveragePoolingKernel.small + AveragePoolingKernel.large, [1, 2])
    func forwardMatchesReference(_ kernel: AveragePoolingKernel, threads: Int) {
        var random = KernelTestRandom(seed: 21)
        let input = random.array(kernel.shape.count)
        let got = kernel.forward(input, threads: threads)
        let error = kernelMaxRelativeError(got, referenceAveragingForward(kernel.windows, input))
        #expect(error <= 1e-6)
    }

    @Test(arguments: AveragePoolingKernel.small + AveragePoolingKernel.large, [1, 2])
    func backwardMatchesReference(_ kernel: AveragePoolingKernel, threads: Int) {
        var random = KernelTestRandom(seed: 22)
        let gradOutput = random.array(kernel.outputCount)
        let start = random.array(kernel.shape.count)
        let got = kernel.backward(gradOutput, start: start, threads: threads)
        let expected = referenceAveragingBackward(kernel.windows, gradOutput, start: start)
        #expect(kernelMaxRelativeError(got, expected) <= 1e-6)
    }

    /// ⟨forward(x), g⟩ = ⟨x, backward(g)⟩ to Float rounding.
    @Test(arguments: AveragePoolingKernel.small + AveragePoolingKernel.large)
    func backwardIsAdjointOfForward(_ kernel: AveragePoolingKernel) {
        var random = KernelTestRandom(seed: 23)
        let x = random.array(kernel.shape.count)
        let g = random.array(kernel.outputCount)
        let zero = [Float](repeating: 0, count: kernel.shape.count)
        let forward = kernel.forward(x, threads: 1)
        let backward = kernel.backward(g, start: zero, threads: 1)
        let left = kernelDot(forward, g)
        let right = kernelDot(x, backward)
        let scale = kernelAbsDot(forward, g) + kernelAbsDot(x, backward)
        #expect(abs(left - right) <= 1e-6 * max(scale, 1), "⟨Ax,g⟩=\(left) ⟨x,Aᵀg⟩=\(right)")
    }

    @Test(arguments: AveragePoolingKernel.large)
    func threadCountDoesNotChangeBits(_ kernel: AveragePoolingKernel) {
        var random = KernelTestRandom(seed: 24)
        let input = random.array(kernel.shape.count)
        #expect(kernelBitMismatch(kernel.forward(input, threads: 1), kernel.forward(input, threads: 2)) == nil)
        let g = random.array(kernel.outputCount)
        let zero = [Float](repeating: 0, count: kernel.shape.count)
        #expect(kernelBitMismatch(
            kernel.backward(g, start: zero, threads: 1), kernel.backward(g, start: zero, threads: 2)) == nil)
    }

    /// 3×3, stride 1, pad 1 on a 2×2 plane of ones: each window holds 4 real elements of a
    /// 9-position padded window; the divisor decides between 4/9 and 1.
    @Test func countIncludePadDecidesTheDivisor() {
        let c = PoolingCase(
            shape: KernelTestShape(1, 1, 2, 2), geometry: WindowGeometry(kernel: 3, padding: 1))
        let ones = [Float](repeating: 1, count: 4)
        #expect(AveragePoolingKernel.window(c, countIncludePad: true).forward(ones, threads: 1)
            == [Float](repeating: Float(4) / 9, count: 4))
        #expect(AveragePoolingKernel.window(c, countIncludePad: false).forward(ones, threads: 1)
            == [1, 1, 1, 1])
    }

    /// Height 5 into 3 bins: [0, 2), [1, 4), [3, 5) — overlapping, as PyTorch's are.
    @Test func adaptiveBinsOverlapLikePyTorch() {
        let c = AdaptivePoolingCase(shape: KernelTestShape(1, 1, 5, 1), outputHeight: 3, outputWidth: 1)
        #expect(AveragePoolingKernel.adaptive(c).forward([0, 3, 6, 9, 12], threads: 1) == [1.5, 6, 10.5])
    }
}
