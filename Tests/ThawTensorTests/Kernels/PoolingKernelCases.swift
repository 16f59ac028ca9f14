import Testing
@testable import ThawTensor

/// One pooling problem: an input shape and a window (pad ≤ kernel/2, as pooling requires).
struct PoolingCase: Sendable, CustomTestStringConvertible {
    var shape: KernelTestShape
    var geometry: WindowGeometry

    var testDescription: String { "\(shape) \(geometry)" }
    var outputSize: (height: Int, width: Int) {
        geometry.outputSize(height: shape.height, width: shape.width)
    }
    var planes: Int { shape.batch * shape.channels }
    var outputCount: Int { planes * outputSize.height * outputSize.width }

    static let small: [PoolingCase] = {
        let planes: [(Int, Int, WindowGeometry)] = [
            (6, 6, kernelGeometry((2, 2), (2, 2))),
            (7, 5, kernelGeometry((2, 2), (2, 2))),
            (7, 9, kernelGeometry((3, 3), (2, 2), (1, 1))),
            (5, 6, kernelGeometry((3, 3), (1, 1), (1, 1))),
            (6, 7, kernelGeometry((3, 2), (1, 2), (1, 0))),
            (8, 7, kernelGeometry((3, 3), (3, 3), (0, 1))),
            (7, 7, kernelGeometry((3, 3), (1, 1), (1, 1), (2, 2))),
            (9, 8, kernelGeometry((3, 3), (2, 1), (1, 1), (2, 1))),
            (9, 10, kernelGeometry((5, 5), (3, 3), (2, 2))),
            (5, 5, kernelGeometry((1, 1), (2, 2))),
            (5, 6, kernelGeometry((4, 4), (1, 1), (2, 2))),
            (12, 11, kernelGeometry((7, 7), (2, 2), (3, 3))),
            (3, 4, kernelGeometry((3, 3), (1, 1), (1, 1))),
        ]
        var cases: [PoolingCase] = []
        for (height, width, geometry) in planes {
            for batch in [1, 3] {
                cases.append(PoolingCase(
                    shape: KernelTestShape(batch, 2, height, width), geometry: geometry))
            }
        }
        return cases
    }()

    /// Above the parallel threshold, so `threads: 2` really splits the planes.
    static let large: [PoolingCase] = [
        PoolingCase(shape: KernelTestShape(4, 16, 28, 28), geometry: kernelGeometry((3, 3), (2, 2), (1, 1))),
        PoolingCase(shape: KernelTestShape(3, 8, 32, 32), geometry: kernelGeometry((2, 2), (2, 2))),
        PoolingCase(shape: KernelTestShape(2, 16, 20, 21), geometry: kernelGeometry((3, 3), (1, 1), (1, 1))),
    ]

    /// Average pooling has no dilation.
    static let averageSmall = small.filter { $0.geometry.dilationH == 1 && $0.geometry.dilationW == 1 }
}

/// One adaptive-pooling problem.
struct AdaptivePoolingCase: Sendable, CustomTestStringConvertible {
    var shape: KernelTestShape
    var outputHeight: Int
    var outputWidth: Int

    var testDescription: String { "\(shape) → \(outputHeight)×\(outputWidth)" }
    var outputCount: Int { shape.batch * shape.channels * outputHeight * outputWidth }

    static let small: [AdaptivePoolingCase] = {
        let sizes = [(7, 9, 3, 4), (5, 5, 5, 5), (4, 3, 6, 5), (10, 7, 1, 1), (6, 8, 4, 3), (32, 32, 7, 7)]
        var cases: [AdaptivePoolingCase] = []
        for (height, width, outH, outW) in sizes {
            for batch in [1, 3] {
                cases.append(AdaptivePoolingCase(
                    shape: KernelTestShape(batch, 2, height, width),
                    outputHeight: outH, outputWidth: outW))
            }
        }
        return cases
    }()

    static let large: [AdaptivePoolingCase] = [
        AdaptivePoolingCase(shape: KernelTestShape(4, 32, 16, 16), outputHeight: 3, outputWidth: 5),
        AdaptivePoolingCase(shape: KernelTestShape(32, 64, 8, 8), outputHeight: 1, outputWidth: 1),
    ]
}
