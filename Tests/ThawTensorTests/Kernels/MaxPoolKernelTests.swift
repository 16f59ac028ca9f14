import Testing
@testable import ThawTensor

/// The winner rule stated directly: over the real elements of the window in scan order,
/// NaN if any is NaN (index of the last NaN), else the maximum (index of its first
/// occurrence); a window of only −∞ reports −∞ at its first element.
func referenceMaxPool2d(_ c: PoolingCase, _ input: [Float]) -> (output: [Float], argmax: [Int32]) {
    let g = c.geometry
    let (outH, outW) = c.outputSize
    let (height, width) = (c.shape.height, c.shape.width)
    var output: [Float] = []
    var argmax: [Int32] = []
    for plane in 0..<c.planes {
        for oh in 0..<outH {
            for ow in 0..<outW {
                var window: [(index: Int, value: Float)] = []
                for i in 0..<g.kernelH {
                    for j in 0..<g.kernelW {
                        let ih = oh * g.strideH - g.padH + i * g.dilationH
                        let iw = ow * g.strideW - g.padW + j * g.dilationW
                        if ih >= 0 && ih < height && iw >= 0 && iw < width {
                            window.append((ih * width + iw, input[plane * height * width + ih * width + iw]))
                        }
                    }
                }
                if let nan = window.last(where: { $0.value.isNaN }) {
                    output.append(nan.value)
                    argmax.append(Int32(nan.index))
                } else {
                    let best = window.map(\.value).max()!
                    output.append(best)
                    argmax.append(Int32(window.first { $0.value == best }!.index))
                }
            }
        }
    }
    return (output, argmax)
}

func runMaxPool2dForward(_ c: PoolingCase, _ input: [Float], threads: Int) -> (output: [Float], argmax: [Int32]) {
    var output = [Float](repeating: .nan, count: c.outputCount)
    var argmax = [Int32](repeating: -7, count: c.outputCount)
    kernelWithExactCopy(input) { x in
        output.withUnsafeMutableBufferPointer { out in
            argmax.withUnsafeMutableBufferPointer { index in
                maxPool2dForward(
                    input: x, batch: c.shape.batch, channels: c.shape.channels,
                    height: c.shape.height, width: c.shape.width, geometry: c.geometry,
                    output: out.baseAddress!, argmax: index.baseAddress!, threads: threads)
            }
        }
    }
    return (output, argmax)
}

func runMaxPool2dBackward(
    _ c: PoolingCase, _ gradOutput: [Float], _ argmax: [Int32], start: [Float], threads: Int
) -> [Float] {
    var grad = start
    kernelWithExactCopy(gradOutput) { g in
        kernelWithExactCopy(argmax) { index in
            grad.withUnsafeMutableBufferPointer { out in
                maxPool2dBackward(
                    gradOutput: g, argmax: index,
                    batch: c.shape.batch, channels: c.shape.channels,
                    height: c.shape.height, width: c.shape.width, geometry: c.geometry,
                    into: out.baseAddress!, threads: threads)
            }
        }
    }
    return grad
}

@Suite struct MaxPoolKernelTests {
    /// Inputs drawn from 5 levels, so most windows hold ties; the second set adds NaNs.
    @Test(arguments: PoolingCase.small + PoolingCase.large, [1, 2])
    func forwardMatchesReference(_ c: PoolingCase, threads: Int) {
        var random = KernelTestRandom(seed: 11)
        let tied = random.levels(c.shape.count, 5)
        var withNaN = tied
        for k in stride(from: 3, to: withNaN.count, by: 37) { withNaN[k] = .nan }
        for input in [tied, withNaN] {
            let got = runMaxPool2dForward(c, input, threads: threads)
            let expected = referenceMaxPool2d(c, input)
            #expect(kernelBitMismatch(got.output, expected.output) == nil)
            #expect(got.argmax == expected.argmax)
        }
    }

    @Test(arguments: PoolingCase.small + PoolingCase.large, [1, 2])
    func backwardScattersToArgmax(_ c: PoolingCase, threads: Int) {
        var random = KernelTestRandom(seed: 12)
        let input = random.levels(c.shape.count, 3)
        let argmax = runMaxPool2dForward(c, input, threads: 1).argmax
        let gradOutput = random.array(c.outputCount)
        let start = random.array(c.shape.count)
        var expected = start
        let planeIn = c.shape.height * c.shape.width
        let planeOut = c.outputSize.height * c.outputSize.width
        for k in 0..<c.outputCount {
            expected[(k / planeOut) * planeIn + Int(argmax[k])] += gradOutput[k]
        }
        let got = runMaxPool2dBackward(c, gradOutput, argmax, start: start, threads: threads)
        #expect(kernelBitMismatch(got, expected) == nil)
    }

    @Test(arguments: PoolingCase.large)
    func threadCountDoesNotChangeBits(_ c: PoolingCase) {
        var random = KernelTestRandom(seed: 13)
        let input = random.array(c.shape.count)
        let one = runMaxPool2dForward(c, input, threads: 1)
        let two = runMaxPool2dForward(c, input, threads: 2)
        #expect(kernelBitMismatch(one.output, two.output) == nil)
        #expect(one.argmax == two.argmax)
        let gradOutput = random.array(c.outputCount)
        let zero = [Float](repeating: 0, count: c.shape.count)
        #expect(kernelBitMismatch(
            runMaxPool2dBackward(c, gradOutput, one.argmax, start: zero, threads: 1),
            runMaxPool2dBackward(c, gradOutput, one.argmax, start: zero, threads: 2)) == nil)
    }

    /// 2×2 windows, stride 2, over one 2×4 plane.
    private let pairs = PoolingCase(
        shape: KernelTestShape(1, 1, 2, 4), geometry: WindowGeometry(kernel: 2, stride: 2))

    @Test func tiesPickTheFirstMaximumInScanOrder() {
        // Window 0: 3 at (0,1) and (1,0) → (0,1) = index 1. Window 1: all 5 → index 2.
        let got = runMaxPool2dForward(pairs, [1, 3, 5, 5, 3, 2, 5, 5], threads: 1)
        #expect(got.output == [3, 5])
        #expect(got.argmax == [1, 2])
    }

    @Test func nanWinsAndTheLastNaNIsRecorded() {
        // Window 0: NaN before a larger value is still the answer. Window 1: two NaNs.
        let got = runMaxPool2dForward(pairs, [.nan, 9, .nan, 1, 0, 0, 1, .nan], threads: 1)
        #expect(got.output[0].isNaN && got.output[1].isNaN)
        #expect(got.argmax == [0, 7])
    }

    @Test func paddingIsNeverChosen() {
        // All inputs negative: padding (−∞) loses to every real element.
        let c = PoolingCase(
            shape: KernelTestShape(1, 1, 2, 2), geometry: WindowGeometry(kernel: 3, padding: 1))
        let got = runMaxPool2dForward(c, [-5, -4, -3, -6], threads: 1)
        #expect(got.output == [-3, -3, -3, -3])
        #expect(got.argmax == [2, 2, 2, 2])
        // Only −∞: the first real element of each window is reported, as PyTorch does.
        let infinite = runMaxPool2dForward(c, [Float](repeating: -.infinity, count: 4), threads: 1)
        #expect(infinite.output.allSatisfy { $0 == -.infinity })
        #expect(infinite.argmax == [0, 0, 0, 0])
    }

    @Test func overlappingWindowsSumTheirGradients() {
        // 3×3 stride 1 pad 1 on a plane whose maximum is in the middle: all 9 windows pick it.
        let c = PoolingCase(
            shape: KernelTestShape(1, 1, 3, 3), geometry: WindowGeometry(kernel: 3, padding: 1))
        let argmax = runMaxPool2dForward(c, [0, 0, 0, 0, 1, 0, 0, 0, 0], threads: 1).argmax
        #expect(argmax == [Int32](repeating: 4, count: 9))
        let grad = runMaxPool2dBackward(
            c, [Float](repeating: 0.5, count: 9), argmax,
            start: [Float](repeating: 0, count: 9), threads: 1)
        #expect(grad == [0, 0, 0, 0, 4.5, 0, 0, 0, 0])
    }
}
