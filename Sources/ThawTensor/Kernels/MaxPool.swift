/// Max pooling over NCHW planes, with PyTorch's choice of winner.
///
/// `argmax` records, per output, the flat index `h·W + w` of the chosen element within its
/// own `(n, c)` plane (PyTorch's `return_indices` convention), so the backward pass routes
/// each gradient to exactly one input without re-scanning the window.
///
/// Which element wins, as in PyTorch's CPU kernel: padding counts as −∞ and is never
/// chosen; on ties the first maximum in scan order (row by row) wins; a NaN beats
/// everything, so any NaN in the window makes the output NaN, and with several NaNs the
/// last one scanned is recorded. A window of only −∞ reports its first real element.
///
/// - Parameters:
///   - input: `(N, C, H, W)` with `N = batch`, `C = channels`, `H = height`, `W = width`.
///   - geometry: any kernel, stride, padding and dilation `validateForPooling` accepts.
///   - output: `(N, C, outH, outW)`, `(outH, outW) = geometry.outputSize(…)`.
///   - argmax: `(N, C, outH, outW)`; −1 only for a window holding nothing but padding,
///     which cannot happen when padding is at most half the kernel.
///   - threads: at most this many threads (1 runs inline); large calls split the planes.
package func maxPool2dForward(
    input: UnsafePointer<Float>,
    batch: Int, channels: Int, height: Int, width: Int,
    geometry: WindowGeometry,
    output: UnsafeMutablePointer<Float>,
    argmax: UnsafeMutablePointer<Int32>,
    threads: Int
) {
    let size = checkedPoolingSize(batch, channels, height, width, geometry)
    if geometry.isPlainTwoByTwo {
        maxPool2x2Forward(input: input, planes: batch * channels, height: height, width: width,
                          output: output, argmax: argmax, threads: threads)
        return
    }
    let rowTaps = geometry.heightAxis(inputHeight: height, outputHeight: size.height)
        .tapsForEveryOutput()
    let colTaps = geometry.widthAxis(inputWidth: width, outputWidth: size.width)
        .tapsForEveryOutput()
    let inputPlane = height * width
    let outputPlane = size.height * size.width
    let planes = batch * channels
    let work = planes * max(inputPlane, outputPlane * geometry.kernelH * geometry.kernelW)
    let (dilationH, dilationW) = (geometry.dilationH, geometry.dilationW)

    forEachChunk(of: planes, threads: threads, work: work) { chunk in
        for plane in chunk {
            let source = input + plane * inputPlane
            var out = output + plane * outputPlane
            var index = argmax + plane * outputPlane
            for oh in 0..<size.height {
                let iTaps = rowTaps[oh]
                let top = oh * geometry.strideH - geometry.padH
                for ow in 0..<size.width {
                    let jTaps = colTaps[ow]
                    let leftEdge = ow * geometry.strideW - geometry.padW
                    // Branch-free scan (random data defeats the branch predictor): the
                    // first strict maximum among numbers, and separately the last NaN.
                    var best = -Float.infinity
                    var bestIndex = -1
                    var nanIndex = -1
                    if !iTaps.isEmpty && !jTaps.isEmpty {
                        bestIndex = (top + iTaps.lowerBound * dilationH) * width
                            + leftEdge + jTaps.lowerBound * dilationW
                    }
                    for i in iTaps {
                        var k = (top + i * dilationH) * width + leftEdge
                            + jTaps.lowerBound * dilationW
                        for _ in jTaps {
                            let value = source[k]
                            let greater = value > best
                            best = greater ? value : best
                            bestIndex = greater ? k : bestIndex
                            nanIndex = value != value ? k : nanIndex
                            k += dilationW
                        }
                    }
                    if nanIndex >= 0 {
                        best = source[nanIndex]
                        bestIndex = nanIndex
                    }
                    out.pointee = best
                    index.pointee = Int32(truncatingIfNeeded: bestIndex)
                    out += 1
                    index += 1
                }
            }
        }
    }
}

/// ADDS each output gradient into the input element its window chose (the caller zeroes
/// `gradInput` first). Overlapping windows that chose the same element sum into it.
///
/// - Parameters:
///   - gradOutput: `(N, C, outH, outW)`.
///   - argmax: `(N, C, outH, outW)`, as written by `maxPool2dForward`; −1 is skipped.
///   - gradInput: `(N, C, H, W)`.
///   - threads: at most this many threads; planes are split, so writes never collide.
package func maxPool2dBackward(
    gradOutput: UnsafePointer<Float>,
    argmax: UnsafePointer<Int32>,
    batch: Int, channels: Int, height: Int, width: Int,
    geometry: WindowGeometry,
    into gradInput: UnsafeMutablePointer<Float>,
    threads: Int
) {
    let size = checkedPoolingSize(batch, channels, height, width, geometry)
    let inputPlane = height * width
    let outputPlane = size.height * size.width
    let planes = batch * channels
    let work = planes * max(inputPlane, outputPlane)

    forEachChunk(of: planes, threads: threads, work: work) { chunk in
        for plane in chunk {
            let gradient = gradOutput + plane * outputPlane
            let indices = argmax + plane * outputPlane
            let target = gradInput + plane * inputPlane
            for k in 0..<outputPlane {
                let index = Int(indices[k])
                if index < 0 { continue }
                // One compare per element keeps a corrupt index from writing out of bounds.
                precondition(
                    index < inputPlane, "argmax \(index) outside the \(height)×\(width) plane")
                target[index] += gradient[k]
            }
        }
    }
}

/// The output size after the checks every pooling kernel shares (traps: validating is the
/// caller's job, with `validateForPooling`, where the message can reach the user).
func checkedPoolingSize(
    _ batch: Int, _ channels: Int, _ height: Int, _ width: Int, _ geometry: WindowGeometry
) -> (height: Int, width: Int) {
    precondition(batch >= 1 && channels >= 1, "batch and channels must be at least 1")
    precondition(geometry.isValid(height: height, width: width),
        "invalid window \(geometry) for a \(height)×\(width) input; call validate first")
    precondition(height * width <= Int(Int32.max), "a plane must have fewer than 2^31 elements")
    return geometry.outputSize(height: height, width: width)
}
