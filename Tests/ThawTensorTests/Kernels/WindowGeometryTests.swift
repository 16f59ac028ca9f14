import Testing
@testable import ThawTensor

@Suite struct WindowGeometryTests {
    @Test func outputSizesOfKnownLayers() {
        // ResNet stem 7×7/2 pad 3 on 224, then its 3×3/2 pad 1 max-pool.
        let stem = WindowGeometry(kernel: 7, stride: 2, padding: 3)
        #expect(stem.outputSize(height: 224, width: 224) == (112, 112))
        #expect(WindowGeometry(kernel: 3, stride: 2, padding: 1).outputSize(height: 112, width: 112) == (56, 56))
        // 'Same' 3×3 convolution, and a 2×2 max-pool that drops an odd last row.
        #expect(WindowGeometry(kernel: 3, padding: 1).outputSize(height: 32, width: 32) == (32, 32))
        #expect(WindowGeometry(kernel: 2, stride: 2).outputSize(height: 7, width: 8) == (3, 4))
        // Dilation 2 makes a 3×3 kernel span 5; asymmetric parameters stay per axis.
        let mixed = WindowGeometry(
            kernelH: 3, kernelW: 2, strideH: 1, strideW: 2, padH: 2, padW: 0, dilationH: 2, dilationW: 1)
        #expect(mixed.outputSize(height: 9, width: 8) == (9, 4))
    }

    @Test func outputSizeFloorsNegativeSpans() throws {
        // (1 − 3)/2 + 1: truncation would say 1, flooring says 0, which validation rejects.
        let geometry = WindowGeometry(kernel: 3, stride: 2)
        #expect(geometry.outputSize(height: 1, width: 1) == (0, 0))
        #expect(throws: WindowGeometryError.self) { try geometry.validate(height: 1, width: 1) }
    }

    @Test func validationAcceptsAndReturnsTheOutputSize() throws {
        let size = try WindowGeometry(kernel: 3, stride: 2, padding: 1).validate(height: 7, width: 9)
        #expect(size == (4, 5))
    }

    @Test(arguments: [
        (WindowGeometry(kernel: 0), "kernel"),
        (WindowGeometry(kernelH: 3, kernelW: 3, strideH: 0), "stride"),
        (WindowGeometry(kernel: 3, dilation: 0), "dilation"),
        (WindowGeometry(kernelH: 3, kernelW: 3, padW: -1), "padding"),
        (WindowGeometry(kernel: 9), "does not fit"),
    ])
    func validationNamesTheProblem(_ geometry: WindowGeometry, _ expected: String) {
        #expect {
            try geometry.validate(height: 5, width: 5)
        } throws: { error in
            (error as? WindowGeometryError)?.message.contains(expected) == true
        }
    }

    @Test func validationRejectsAnEmptyInput() {
        #expect(throws: WindowGeometryError.self) {
            try WindowGeometry(kernel: 1).validate(height: 0, width: 4)
        }
    }

    @Test func poolingRulesAreStricter() throws {
        // Fine for a convolution, but pooling padding must be at most half the kernel.
        let wide = WindowGeometry(kernel: 3, padding: 2)
        _ = try wide.validate(height: 5, width: 5)
        #expect {
            try wide.validateForPooling(height: 5, width: 5, averaging: false)
        } throws: { error in
            (error as? WindowGeometryError)?.message.contains("at most (1, 1)") == true
        }
        // Dilation is allowed for max pooling only.
        let dilated = WindowGeometry(kernel: 3, padding: 1, dilation: 2)
        #expect(try dilated.validateForPooling(height: 7, width: 7, averaging: false) == (5, 5))
        #expect(throws: WindowGeometryError.self) {
            try dilated.validateForPooling(height: 7, width: 7, averaging: true)
        }
    }

    @Test func hugeValuesAreRejectedNotOverflowed() {
        #expect(throws: WindowGeometryError.self) {
            try WindowGeometry(kernel: 3, padding: Int.max / 2).validate(height: 5, width: 5)
        }
    }

    /// The closed-form clipping against brute force over many small axes.
    @Test func axisClippingMatchesBruteForce() {
        for size in 1...7 {
            for kernel in 1...5 {
                for stride in 1...3 {
                    for pad in 0...3 {
                        for dilation in 1...3 {
                            let geometry = WindowGeometry(
                                kernelH: kernel, kernelW: 1, strideH: stride, padH: pad,
                                dilationH: dilation)
                            guard let out = try? geometry.validate(height: size, width: 1) else { continue }
                            let axis = geometry.heightAxis(inputHeight: size, outputHeight: out.height)
                            func inside(_ o: Int, _ t: Int) -> Bool {
                                let x = o * stride - pad + t * dilation
                                return x >= 0 && x < size
                            }
                            for t in 0..<kernel {
                                let expected = (0..<out.height).filter { inside($0, t) }
                                #expect(Array(axis.outputs(forTap: t)) == expected)
                            }
                            for o in 0..<out.height {
                                let expected = (0..<kernel).filter { inside(o, $0) }
                                #expect(Array(axis.taps(forOutput: o)) == expected)
                            }
                        }
                    }
                }
            }
        }
    }
}
