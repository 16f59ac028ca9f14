/// Pooling ops over `(N, C, H, W)`; the kernels live in `Kernels/`.
extension Tensor {
    var planeDims: (n: Int, c: Int, h: Int, w: Int) {
        precondition(rank == 4, "pooling needs (N, C, H, W), got \(shape)")
        return (shape[0], shape[1], shape[2], shape[3])
    }
}

public func maxPool2d(_ x: Tensor, kernel: (Int, Int), stride: (Int, Int)? = nil,
                      padding: (Int, Int) = (0, 0), dilation: (Int, Int) = (1, 1)) -> Tensor {
    let window = poolingWindow(kernel, stride, padding, dilation)
    let d = x.planeDims
    let size = checkedPoolingWindow(window, x, averaging: false)
    let outShape = [d.n, d.c, size.height, size.width]
    var argmax = [Int32](repeating: 0, count: ShapeMath.count(outShape))
    let threads = ComputeContext.current.threads
    let out = argmax.withUnsafeMutableBufferPointer { idx in
        Tensor.filling(outShape) { dst in
            maxPool2dForward(input: x.pointer, batch: d.n, channels: d.c, height: d.h, width: d.w,
                             geometry: window, output: dst, argmax: idx.baseAddress!, threads: threads)
        }
    }
    return Tensor.record(out, .maxPool2d(x, window, argmax: argmax), inputs: x)
}

/// Average pooling; `countIncludePad` as PyTorch (default true).
public func avgPool2d(_ x: Tensor, kernel: (Int, Int), stride: (Int, Int)? = nil,
                      padding: (Int, Int) = (0, 0), countIncludePad: Bool = true) -> Tensor {
    let window = poolingWindow(kernel, stride, padding, (1, 1))
    let d = x.planeDims
    let size = checkedPoolingWindow(window, x, averaging: true)
    let threads = ComputeContext.current.threads
    let out = Tensor.filling([d.n, d.c, size.height, size.width]) { dst in
        avgPool2dForward(input: x.pointer, batch: d.n, channels: d.c, height: d.h, width: d.w,
                         geometry: window, countIncludePad: countIncludePad, output: dst, threads: threads)
    }
    return Tensor.record(out, .avgPool2d(x, window, countIncludePad: countIncludePad), inputs: x)
}

/// Adaptive average pooling to `outputSize` (ResNet's global pool is `(1, 1)`).
public func adaptiveAvgPool2d(_ x: Tensor, outputSize: (Int, Int)) -> Tensor {
    let d = x.planeDims
    precondition(outputSize.0 >= 1 && outputSize.1 >= 1, "adaptive pooling output size must be positive, got \(outputSize)")
    let threads = ComputeContext.current.threads
    let out = Tensor.filling([d.n, d.c, outputSize.0, outputSize.1]) { dst in
        adaptiveAvgPool2dForward(input: x.pointer, batch: d.n, channels: d.c, height: d.h, width: d.w,
                                 outputHeight: outputSize.0, outputWidth: outputSize.1, output: dst, threads: threads)
    }
    return Tensor.record(out, .adaptiveAvgPool2d(x), inputs: x)
}

private func poolingWindow(_ kernel: (Int, Int), _ stride: (Int, Int)?, _ padding: (Int, Int), _ dilation: (Int, Int)) -> WindowGeometry {
    let s = stride ?? kernel
    return WindowGeometry(kernelH: kernel.0, kernelW: kernel.1, strideH: s.0, strideW: s.1,
                          padH: padding.0, padW: padding.1, dilationH: dilation.0, dilationW: dilation.1)
}

private func checkedPoolingWindow(_ window: WindowGeometry, _ x: Tensor, averaging: Bool) -> (height: Int, width: Int) {
    do {
        return try window.validateForPooling(height: x.shape[2], width: x.shape[3], averaging: averaging)
    } catch {
        preconditionFailure("pooling: \(error)")
    }
}

enum PoolingGradients {
    static func maxPool(_ g: Tensor, input x: Tensor, window: WindowGeometry, argmax: [Int32]) -> Tensor {
        let d = x.planeDims
        let threads = ComputeContext.current.threads
        return Tensor.filling(x.shape) { dst in
            dst.initialize(repeating: 0, count: x.count)
            argmax.withUnsafeBufferPointer { idx in
                maxPool2dBackward(gradOutput: g.pointer, argmax: idx.baseAddress!, batch: d.n, channels: d.c,
                                  height: d.h, width: d.w, geometry: window, into: dst, threads: threads)
            }
        }
    }

    static func avgPool(_ g: Tensor, input x: Tensor, window: WindowGeometry, countIncludePad: Bool) -> Tensor {
        let d = x.planeDims
        let threads = ComputeContext.current.threads
        return Tensor.filling(x.shape) { dst in
            dst.initialize(repeating: 0, count: x.count)
            avgPool2dBackward(gradOutput: g.pointer, batch: d.n, channels: d.c, height: d.h, width: d.w,
                              geometry: window, countIncludePad: countIncludePad, into: dst, threads: threads)
        }
    }

    static func adaptiveAvgPool(_ g: Tensor, input x: Tensor) -> Tensor {
        let d = x.planeDims
        let threads = ComputeContext.current.threads
        return Tensor.filling(x.shape) { dst in
            dst.initialize(repeating: 0, count: x.count)
            adaptiveAvgPool2dBackward(gradOutput: g.pointer, batch: d.n, channels: d.c, height: d.h, width: d.w,
                                      outputHeight: g.shape[2], outputWidth: g.shape[3], into: dst, threads: threads)
        }
    }
}
