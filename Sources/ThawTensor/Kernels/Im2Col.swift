/// Convolution lowering (im2col) and its adjoint (col2im).
///
/// Layout of `cols`, a row-major matrix of shape `(cg·kH·kW, N·outH·outW)`:
/// row `r = (c − c0)·kH·kW + i·kW + j`, column `n·outH·outW + oh·outW + ow`, holding
/// `input[n, c, oh·sH − pH + i·dH, ow·sW − pW + j·dW]` (0 where that falls in the padding).
/// Putting the batch in the columns lets one GEMM `W (O, cg·kH·kW) × cols` produce the
/// outputs of all N samples at once as `(O, N·outH·outW)`, instead of N thin GEMMs.
///
/// Groups are expressed by the channel range: the caller lowers channels `c0..<c0+cg` of an
/// input with `C` channels, once per group.
package enum Im2Col {
    /// Writes every element of `cols` (no need to clear it first).
    ///
    /// Rows of `cols` are written in memory order, one long sequential stream, and are
    /// split between threads.
    ///
    /// - Parameters:
    ///   - input: `(N, C, H, W)` with `N = batch`, `C = channels`, `H = height`, `W = width`.
    ///   - channelRange: the channels `c0..<c0+cg` to lower, within `0..<channels`.
    ///   - cols: `(cg·kH·kW, N·outH·outW)`, `(outH, outW) = geometry.outputSize(…)`.
    ///   - threads: at most this many threads (1 runs inline); large calls split the rows.
    package static func lower(
        input: UnsafePointer<Float>,
        batch: Int, channels: Int, height: Int, width: Int,
        channelRange: Range<Int>,
        geometry: WindowGeometry,
        into cols: UnsafeMutablePointer<Float>,
        threads: Int
    ) {
        let plan = Im2ColPlan(batch, channels, height, width, channelRange, geometry)
        let rows = plan.rowCount
        let sampleStride = channels * plan.inputPlane
        let work = rows * plan.rowLength
        forEachChunk(of: rows, threads: threads, work: work) { chunk in
            for row in chunk {
                let channel = channelRange.lowerBound + row / plan.tapCount
                let tap = plan.taps[row % plan.tapCount]
                let source = input + channel * plan.inputPlane
                let target = cols + row * plan.rowLength
                for n in 0..<batch {
                    tap.lower(from: source + n * sampleStride, into: target + n * plan.outputPlane)
                }
            }
        }
    }

    /// The adjoint of `lower`: ADDS every `cols` entry into the input element it was read
    /// from; entries that came from padding are dropped. The caller zeroes `gradInput`
    /// (or passes a gradient to accumulate into). Channels outside `channelRange` are not
    /// touched, so groups can be raised one after another into the same buffer.
    ///
    /// `cols` is read in memory order. Threads split the `(c, n)` planes of `gradInput`,
    /// so no two write one element, and every element sums its taps in `(i, j)` order
    /// whatever the thread count: results are bit-identical for any `threads`.
    ///
    /// - Parameters:
    ///   - cols: `(cg·kH·kW, N·outH·outW)`, laid out as `lower` writes it.
    ///   - gradInput: `(N, C, H, W)`; only channels in `channelRange` are updated.
    package static func raise(
        cols: UnsafePointer<Float>,
        batch: Int, channels: Int, height: Int, width: Int,
        channelRange: Range<Int>,
        geometry: WindowGeometry,
        into gradInput: UnsafeMutablePointer<Float>,
        threads: Int
    ) {
        let plan = Im2ColPlan(batch, channels, height, width, channelRange, geometry)
        let planes = channelRange.count * batch
        let sampleStride = channels * plan.inputPlane
        let work = plan.rowCount * plan.rowLength
        forEachChunk(of: planes, threads: threads, work: work) { chunk in
            // The chunk is a run of planes ordered (channel, sample); take it one channel's
            // samples at a time so that each tap's row of `cols` is read front to back.
            var plane = chunk.lowerBound
            while plane < chunk.upperBound {
                let group = plane / batch  // channel index within the range
                let samples = (plane % batch)..<min(batch, plane % batch + chunk.upperBound - plane)
                let target = gradInput + (channelRange.lowerBound + group) * plan.inputPlane
                for t in 0..<plan.tapCount {
                    let tap = plan.taps[t]
                    let source = cols + (group * plan.tapCount + t) * plan.rowLength
                    for n in samples {
                        tap.raise(
                            from: source + n * plan.outputPlane, into: target + n * sampleStride)
                    }
                }
                plane += samples.count
            }
        }
    }
}
