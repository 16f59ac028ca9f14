/// Average pooling and adaptive average pooling over NCHW planes.
///
/// Both are "sum a rectangle, divide by a count" and both counts factor into a height part
/// times a width part, so each kind only describes its bins per axis (`AverageBins`) and
/// one pair of plane loops serves both.

/// Fixed-window average pooling, PyTorch's `avg_pool2d` without `ceil_mode`.
///
/// The divisor with `countIncludePad` (PyTorch's default) is the window's area clipped to
/// the padded input `[−pad, H + pad)`, so zeros from padding dilute edge outputs; without
/// it, only real elements are counted. A window with no real element gives 0.
///
/// - Parameters:
///   - input: `(N, C, H, W)` with `N = batch`, `C = channels`, `H = height`, `W = width`.
///   - geometry: dilation must be 1 (see `validateForPooling(…, averaging: true)`).
///   - output: `(N, C, outH, outW)`, `(outH, outW) = geometry.outputSize(…)`.
///   - threads: at most this many threads (1 runs inline); large calls split the planes.
package func avgPool2dForward(
    input: UnsafePointer<Float>,
    batch: Int, channels: Int, height: Int, width: Int,
    geometry: WindowGeometry, countIncludePad: Bool,
    output: UnsafeMutablePointer<Float>,
    threads: Int
) {
    let (rows, cols) = AverageBins.window(height, width, geometry, countIncludePad, batch, channels)
    averagePlanesForward(
        input: input, planes: batch * channels, height: height, width: width,
        rows: rows, cols: cols, output: output, threads: threads)
}

/// The adjoint of `avgPool2dForward`: ADDS `gradOutput / divisor` to every element of each
/// window (the caller zeroes `gradInput`). Arguments as for the forward pass, with
/// `gradOutput: (N, C, outH, outW)` and `gradInput: (N, C, H, W)`.
package func avgPool2dBackward(
    gradOutput: UnsafePointer<Float>,
    batch: Int, channels: Int, height: Int, width: Int,
    geometry: WindowGeometry, countIncludePad: Bool,
    into gradInput: UnsafeMutablePointer<Float>,
    threads: Int
) {
    let (rows, cols) = AverageBins.window(height, width, geometry, countIncludePad, batch, channels)
    averagePlanesBackward(
        gradOutput: gradOutput, planes: batch * channels, height: height, width: width,
        rows: rows, cols: cols, gradInput: gradInput, threads: threads)
}

/// Adaptive average pooling, PyTorch's `adaptive_avg_pool2d`: output bin `i` of an axis of
/// size `S` covers `floor(i·S/out) ..< ceil((i+1)·S/out)`, so bins tile the input, may
/// overlap by one element, and are never empty (`out` may exceed `S`).
///
/// - Parameters:
///   - input: `(N, C, H, W)` with `N = batch`, `C = channels`, `H = height`, `W = width`.
///   - output: `(N, C, outputHeight, outputWidth)`.
package func adaptiveAvgPool2dForward(
    input: UnsafePointer<Float>,
    batch: Int, channels: Int, height: Int, width: Int,
    outputHeight: Int, outputWidth: Int,
    output: UnsafeMutablePointer<Float>,
    threads: Int
) {
    let (rows, cols) = AverageBins.adaptive(
        height, width, outputHeight, outputWidth, batch, channels)
    averagePlanesForward(
        input: input, planes: batch * channels, height: height, width: width,
        rows: rows, cols: cols, output: output, threads: threads)
}

/// The adjoint of `adaptiveAvgPool2dForward`: ADDS `gradOutput / binArea` to every element
/// of each bin (the caller zeroes `gradInput: (N, C, H, W)`).
package func adaptiveAvgPool2dBackward(
    gradOutput: UnsafePointer<Float>,
    batch: Int, channels: Int, height: Int, width: Int,
    outputHeight: Int, outputWidth: Int,
    into gradInput: UnsafeMutablePointer<Float>,
    threads: Int
) {
    let (rows, cols) = AverageBins.adaptive(
        height, width, outputHeight, outputWidth, batch, channels)
    averagePlanesBackward(
        gradOutput: gradOutput, planes: batch * channels, height: height, width: width,
        rows: rows, cols: cols, gradInput: gradInput, threads: threads)
}

/// The bins of one axis: output `o` averages input `starts[o]..<ends[o]` and contributes
/// `factors[o]` to the divisor (the divisor is `rows.factors[oh] · cols.factors[ow]`).
struct AverageBins {
    var starts: [Int] = []
    var ends: [Int] = []
    var factors: [Int] = []

    var count: Int { starts.count }

    static func window(
        _ height: Int, _ width: Int, _ geometry: WindowGeometry, _ countIncludePad: Bool,
        _ batch: Int, _ channels: Int
    ) -> (rows: AverageBins, cols: AverageBins) {
        let size = checkedPoolingSize(batch, channels, height, width, geometry)
        precondition(geometry.dilationH == 1 && geometry.dilationW == 1,
            "average pooling has no dilation; got \(geometry)")
        func axis(_ extent: Int, _ outputs: Int, _ kernel: Int, _ stride: Int, _ pad: Int)
            -> AverageBins
        {
            var bins = AverageBins()
            for o in 0..<outputs {
                let start = o * stride - pad
                let end = min(start + kernel, extent + pad)
                let clippedStart = max(start, 0)
                let clippedEnd = min(end, extent)
                bins.starts.append(clippedStart)
                bins.ends.append(clippedEnd)
                bins.factors.append(countIncludePad ? end - start : clippedEnd - clippedStart)
            }
            return bins
        }
        return (
            axis(height, size.height, geometry.kernelH, geometry.strideH, geometry.padH),
            axis(width, size.width, geometry.kernelW, geometry.strideW, geometry.padW)
        )
    }

    static func adaptive(
        _ height: Int, _ width: Int, _ outputHeight: Int, _ outputWidth: Int,
        _ batch: Int, _ channels: Int
    ) -> (rows: AverageBins, cols: AverageBins) {
        precondition(batch >= 1 && channels >= 1 && height >= 1 && width >= 1,
            "adaptive pooling needs a non-empty input, got "
                + "(\(batch), \(channels), \(height), \(width))")
        precondition(outputHeight >= 1 && outputWidth >= 1,
            "adaptive pooling output must be at least 1×1, got \(outputHeight)×\(outputWidth)")
        func axis(_ extent: Int, _ outputs: Int) -> AverageBins {
            var bins = AverageBins()
            for o in 0..<outputs {
                let start = o * extent / outputs
                let end = ((o + 1) * extent + outputs - 1) / outputs
                bins.starts.append(start)
                bins.ends.append(end)
                bins.factors.append(end - start)
            }
            return bins
        }
        return (axis(height, outputHeight), axis(width, outputWidth))
    }
}

/// `output[p, oh, ow] = Σ input[p, rows(oh), cols(ow)] / divisor`, summed in scan order in
/// Float (as PyTorch does), so results do not depend on the thread count.
private func averagePlanesForward(
    input: UnsafePointer<Float>, planes: Int, height: Int, width: Int,
    rows: AverageBins, cols: AverageBins,
    output: UnsafeMutablePointer<Float>, threads: Int
) {
    let inputPlane = height * width
    let outputPlane = rows.count * cols.count
    let work = planes * max(inputPlane, outputPlane)
    forEachChunk(of: planes, threads: threads, work: work) { chunk in
        for plane in chunk {
            let source = input + plane * inputPlane
            var out = output + plane * outputPlane
            for oh in 0..<rows.count {
                let (top, bottom) = (rows.starts[oh], rows.ends[oh])
                for ow in 0..<cols.count {
                    let (left, right) = (cols.starts[ow], cols.ends[ow])
                    var sum: Float = 0
                    if top < bottom && left < right {
                        for h in top..<bottom {
                            let line = source + h * width
                            for w in left..<right { sum += line[w] }
                        }
                        sum /= Float(rows.factors[oh] * cols.factors[ow])
                    }
                    out.pointee = sum
                    out += 1
                }
            }
        }
    }
}

/// Adds `gradOutput[p, oh, ow] / divisor` over each bin; planes are split between
/// threads, so no two threads write one element.
private func averagePlanesBackward(
    gradOutput: UnsafePointer<Float>, planes: Int, height: Int, width: Int,
    rows: AverageBins, cols: AverageBins,
    gradInput: UnsafeMutablePointer<Float>, threads: Int
) {
    let inputPlane = height * width
    let outputPlane = rows.count * cols.count
    let work = planes * max(inputPlane, outputPlane)
    forEachChunk(of: planes, threads: threads, work: work) { chunk in
        for plane in chunk {
            let target = gradInput + plane * inputPlane
            var gradient = gradOutput + plane * outputPlane
            for oh in 0..<rows.count {
                let (top, bottom) = (rows.starts[oh], rows.ends[oh])
                for ow in 0..<cols.count {
                    let (left, right) = (cols.starts[ow], cols.ends[ow])
                    defer { gradient += 1 }
                    if top >= bottom || left >= right { continue }
                    let share = gradient.pointee / Float(rows.factors[oh] * cols.factors[ow])
                    for h in top..<bottom {
                        let line = target + h * width
                        for w in left..<right { line[w] += share }
                    }
                }
            }
        }
    }
}
