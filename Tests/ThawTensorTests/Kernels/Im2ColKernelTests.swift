import Testing
@testable import ThawTensor

/// One im2col problem: an input shape (with the channel range of one group) and a window.
struct Im2ColCase: Sendable, CustomTestStringConvertible {
    var shape: KernelTestShape
    var geometry: WindowGeometry

    var testDescription: String { "\(shape) \(geometry)" }
    var outputSize: (height: Int, width: Int) {
        geometry.outputSize(height: shape.height, width: shape.width)
    }
    var rowCount: Int { shape.channelRange.count * geometry.kernelH * geometry.kernelW }
    var rowLength: Int { shape.batch * outputSize.height * outputSize.width }
    var colsCount: Int { rowCount * rowLength }

    /// Small cases: every geometry against every batch size and channel grouping.
    static let small: [Im2ColCase] = {
        let planes: [(Int, Int, WindowGeometry)] = [
            (5, 6, kernelGeometry((1, 1))),
            (7, 8, kernelGeometry((1, 1), (2, 2))),
            (4, 4, kernelGeometry((1, 1), (1, 1), (1, 1))),
            (6, 7, kernelGeometry((3, 3), (1, 1), (1, 1))),
            (6, 7, kernelGeometry((3, 3))),
            (7, 9, kernelGeometry((3, 3), (2, 2), (1, 1))),
            (8, 7, kernelGeometry((3, 3), (3, 3), (2, 2))),
            (6, 5, kernelGeometry((3, 2), (1, 1), (1, 0))),
            (7, 6, kernelGeometry((3, 2), (2, 1), (2, 1))),
            (6, 6, kernelGeometry((3, 3), (1, 1), (0, 2))),
            (5, 5, kernelGeometry((3, 3), (1, 1), (2, 2))),
            (7, 7, kernelGeometry((3, 3), (1, 1), (2, 2), (2, 2))),
            (9, 8, kernelGeometry((3, 3), (1, 2), (1, 2), (2, 1))),
            (12, 11, kernelGeometry((7, 7), (2, 2), (3, 3))),
            (4, 3, kernelGeometry((5, 5), (1, 1), (2, 2))),
            (6, 6, kernelGeometry((2, 2), (2, 2))),
            // Stride-2 rows long enough for the vector paths (outW 20, 19, 9, 8, 17).
            (5, 40, kernelGeometry((3, 3), (2, 2), (1, 1))),
            (4, 37, kernelGeometry((1, 1), (2, 2))),
            (3, 18, kernelGeometry((1, 2), (1, 2), (0, 1))),
            (3, 16, kernelGeometry((1, 3), (1, 2), (0, 1), (1, 2))),
            (2, 35, kernelGeometry((1, 3), (2, 2), (0, 1))),
        ]
        var cases: [Im2ColCase] = []
        for (height, width, geometry) in planes {
            for batch in [1, 3] {
                for (channels, range) in [(2, 0..<2), (5, 1..<4), (3, 2..<3)] {
                    cases.append(Im2ColCase(
                        shape: KernelTestShape(batch, channels, height, width, range: range),
                        geometry: geometry))
                }
            }
        }
        return cases
    }()

    /// Cases above the parallel threshold, so that `threads: 2` really splits the work.
    static let large: [Im2ColCase] = [
        Im2ColCase(shape: KernelTestShape(3, 16, 24, 24), geometry: kernelGeometry((3, 3), (1, 1), (1, 1))),
        Im2ColCase(shape: KernelTestShape(2, 9, 33, 31), geometry: kernelGeometry((3, 3), (2, 2), (1, 1))),
        Im2ColCase(shape: KernelTestShape(3, 12, 20, 20, range: 4..<12), geometry: kernelGeometry((7, 7), (2, 2), (3, 3))),
        Im2ColCase(shape: KernelTestShape(3, 64, 16, 16, range: 32..<64), geometry: kernelGeometry((1, 1), (2, 2))),
        Im2ColCase(shape: KernelTestShape(1, 3, 40, 36), geometry: kernelGeometry((5, 3), (1, 1), (4, 2), (2, 1))),
    ]
}

/// Textbook im2col, written straight from the layout definition.
func referenceIm2ColLower(_ c: Im2ColCase, _ input: [Float]) -> [Float] {
    let g = c.geometry
    let (outH, outW) = c.outputSize
    var cols = [Float](repeating: 0, count: c.colsCount)
    for (group, channel) in c.shape.channelRange.enumerated() {
        for i in 0..<g.kernelH {
            for j in 0..<g.kernelW {
                let row = (group * g.kernelH + i) * g.kernelW + j
                for n in 0..<c.shape.batch {
                    for oh in 0..<outH {
                        for ow in 0..<outW {
                            let column = (n * outH + oh) * outW + ow
                            let ih = oh * g.strideH - g.padH + i * g.dilationH
                            let iw = ow * g.strideW - g.padW + j * g.dilationW
                            let inside = ih >= 0 && ih < c.shape.height && iw >= 0 && iw < c.shape.width
                            cols[row * c.rowLength + column] =
                                inside ? input[c.shape.index(n, channel, ih, iw)] : 0
                        }
                    }
                }
            }
        }
    }
    return cols
}

/// Textbook col2im: scatter-add every entry back to where `referenceIm2ColLower` read it.
func referenceIm2ColRaise(_ c: Im2ColCase, _ cols: [Float], into gradInput: inout [Float]) {
    let g = c.geometry
    let (outH, outW) = c.outputSize
    for (group, channel) in c.shape.channelRange.enumerated() {
        for i in 0..<g.kernelH {
            for j in 0..<g.kernelW {
                let row = (group * g.kernelH + i) * g.kernelW + j
                for n in 0..<c.shape.batch {
                    for oh in 0..<outH {
                        for ow in 0..<outW {
                            let ih = oh * g.strideH - g.padH + i * g.dilationH
                            let iw = ow * g.strideW - g.padW + j * g.dilationW
                            guard ih >= 0 && ih < c.shape.height && iw >= 0 && iw < c.shape.width
                            else { continue }
                            let column = (n * outH + oh) * outW + ow
                            gradInput[c.shape.index(n, channel, ih, iw)] += cols[row * c.rowLength + column]
                        }
                    }
                }
            }
        }
    }
}

/// Guard elements after each output buffer: a kernel that writes past its end changes them.
private let guardCount = 17
private let guardValue: Float = 1234.5

/// Runs `Im2Col.lower` into a NaN-filled buffer (so an element it forgets shows up).
func runIm2ColLower(_ c: Im2ColCase, _ input: [Float], threads: Int) -> [Float] {
    var cols = [Float](repeating: .nan, count: c.colsCount)
    cols += [Float](repeating: guardValue, count: guardCount)
    kernelWithExactCopy(input) { x in
        cols.withUnsafeMutableBufferPointer { out in
            Im2Col.lower(
                input: x, batch: c.shape.batch, channels: c.shape.channels,
                height: c.shape.height, width: c.shape.width, channelRange: c.shape.channelRange,
                geometry: c.geometry, into: out.baseAddress!, threads: threads)
        }
    }
    #expect(cols.suffix(guardCount).allSatisfy { $0 == guardValue }, "lower wrote past cols")
    return Array(cols.prefix(c.colsCount))
}

/// Runs `Im2Col.raise`, accumulating into a copy of `start`.
func runIm2ColRaise(_ c: Im2ColCase, _ cols: [Float], start: [Float], threads: Int) -> [Float] {
    var grad = start + [Float](repeating: guardValue, count: guardCount)
    kernelWithExactCopy(cols) { y in
        grad.withUnsafeMutableBufferPointer { out in
            Im2Col.raise(
                cols: y, batch: c.shape.batch, channels: c.shape.channels,
                height: c.shape.height, width: c.shape.width, channelRange: c.shape.channelRange,
                geometry: c.geometry, into: out.baseAddress!, threads: threads)
        }
    }
    #expect(grad.suffix(guardCount).allSatisfy { $0 == guardValue }, "raise wrote past gradInput")
    return Array(grad.prefix(start.count))
}

@Suite struct Im2ColKernelTests {
    @Test(arguments: Im2ColCase.small + Im2ColCase.large, [1, 2])
    func lowerMatchesReference(_ c: Im2ColCase, threads: Int) {
        var random = KernelTestRandom(seed: 1)
        let input = random.array(c.shape.count)
        let cols = runIm2ColLower(c, input, threads: threads)
        #expect(kernelBitMismatch(cols, referenceIm2ColLower(c, input)) == nil)
    }

    /// Accumulates onto a non-zero gradient, and leaves other channels alone.
    @Test(arguments: Im2ColCase.small + Im2ColCase.large, [1, 2])
    func raiseMatchesReference(_ c: Im2ColCase, threads: Int) {
        var random = KernelTestRandom(seed: 2)
        let cols = random.array(c.colsCount)
        let start = random.array(c.shape.count)
        var expected = start
        referenceIm2ColRaise(c, cols, into: &expected)
        let grad = runIm2ColRaise(c, cols, start: start, threads: threads)
        // Same per-element summation order as the reference, so exact.
        #expect(kernelBitMismatch(grad, expected) == nil)
    }

    @Test(arguments: Im2ColCase.large)
    func threadCountDoesNotChangeBits(_ c: Im2ColCase) {
        var random = KernelTestRandom(seed: 3)
        let input = random.array(c.shape.count)
        #expect(kernelBitMismatch(runIm2ColLower(c, input, threads: 1), runIm2ColLower(c, input, threads: 2)) == nil)
        let cols = random.array(c.colsCount)
        let zero = [Float](repeating: 0, count: c.shape.count)
        #expect(kernelBitMismatch(
            runIm2ColRaise(c, cols, start: zero, threads: 1), runIm2ColRaise(c, cols, start: zero, threads: 2)) == nil)
    }

    /// ⟨lower(x), y⟩ = ⟨x, raise(y)⟩: exactly for small integers, to rounding for reals.
    @Test(arguments: Im2ColCase.small + Im2ColCase.large)
    func raiseIsAdjointOfLower(_ c: Im2ColCase) {
        var random = KernelTestRandom(seed: 4)
        let zero = [Float](repeating: 0, count: c.shape.count)

        let xi = random.levels(c.shape.count, 9)
        let yi = random.levels(c.colsCount, 9)
        let exactLeft = kernelDot(runIm2ColLower(c, xi, threads: 2), yi)
        #expect(exactLeft == kernelDot(xi, runIm2ColRaise(c, yi, start: zero, threads: 2)))

        let x = random.array(c.shape.count)
        let y = random.array(c.colsCount)
        let lowered = runIm2ColLower(c, x, threads: 1)
        let left = kernelDot(lowered, y)
        let right = kernelDot(x, runIm2ColRaise(c, y, start: zero, threads: 1))
        let scale = kernelAbsDot(lowered, y)
        #expect(abs(left - right) <= 1e-6 * max(scale, 1), "⟨Ax,y⟩=\(left) ⟨x,Aᵀy⟩=\(right)")
    }

    /// The ResNet case in numbers: a 1×1 lowering is a per-channel copy of each plane.
    @Test func pointwiseLoweringIsAPlaneCopy() {
        let c = Im2ColCase(shape: KernelTestShape(2, 3, 2, 2), geometry: WindowGeometry(kernel: 1))
        let input = (0..<c.shape.count).map(Float.init)
        // Row c holds channel c of sample 0, then channel c of sample 1.
        #expect(runIm2ColLower(c, input, threads: 1) == [
            0, 1, 2, 3, 12, 13, 14, 15,
            4, 5, 6, 7, 16, 17, 18, 19,
            8, 9, 10, 11, 20, 21, 22, 23,
        ])
    }
}
