/// Sizes and per-tap clipping for one `Im2Col` call, worked out once so that the loops
/// over samples only copy and add.
struct Im2ColPlan {
    let inputPlane: Int
    let outputPlane: Int
    let rowLength: Int
    let tapCount: Int
    let rowCount: Int
    /// One entry per kernel tap `i·kW + j`.
    let taps: [Im2ColTap]

    init(
        _ batch: Int, _ channels: Int, _ height: Int, _ width: Int,
        _ channelRange: Range<Int>, _ geometry: WindowGeometry
    ) {
        precondition(batch >= 1 && channels >= 1, "batch and channels must be at least 1")
        precondition(
            channelRange.lowerBound >= 0 && channelRange.upperBound <= channels
                && !channelRange.isEmpty,
            "channel range \(channelRange) must be a non-empty part of 0..<\(channels)")
        precondition(geometry.isValid(height: height, width: width),
            "invalid window \(geometry) for a \(height)×\(width) input; call validate first")
        let size = geometry.outputSize(height: height, width: width)
        let vertical = geometry.heightAxis(inputHeight: height, outputHeight: size.height)
        let horizontal = geometry.widthAxis(inputWidth: width, outputWidth: size.width)
        inputPlane = height * width
        outputPlane = size.height * size.width
        rowLength = batch * outputPlane
        tapCount = geometry.kernelH * geometry.kernelW
        rowCount = channelRange.count * tapCount
        var taps: [Im2ColTap] = []
        for i in 0..<geometry.kernelH {
            for j in 0..<geometry.kernelW {
                taps.append(Im2ColTap(
                    rows: vertical.outputs(forTap: i), cols: horizontal.outputs(forTap: j),
                    rowOffset: i * geometry.dilationH - geometry.padH,
                    colOffset: j * geometry.dilationW - geometry.padW,
                    width: width, outW: size.width, outputPlane: outputPlane,
                    strideH: geometry.strideH, strideW: geometry.strideW))
            }
        }
        self.taps = taps
    }
}

/// One kernel tap `(i, j)`: which outputs read real input, and where from.
///
/// Output `(oh, ow)` reads input `(oh·sH + rowOffset, ow·sW + colOffset)`, which is real
/// for `oh ∈ rows` and `ow ∈ cols`; everything else is padding. The block methods move one
/// `(outH, outW)` block of `cols` for one `(n, c)` plane. They take everything from this
/// small value, fetched once per tap and kept in registers across the loop over samples:
/// looking the per-tap bounds up in arrays for every block measured up to 2× slower on
/// `raise` (probably because those loads wait behind the previous block's stores).
struct Im2ColTap {
    let rows: Range<Int>
    let cols: Range<Int>
    let rowOffset: Int
    let colOffset: Int
    let width: Int
    let outW: Int
    let outputPlane: Int
    let strideH: Int
    let strideW: Int

    /// Stride 1 and `outW == W`: the block is the input plane shifted by a constant, so
    /// all its real rows are one contiguous copy (then the edge columns are re-zeroed).
    var isShift: Bool { strideH == 1 && strideW == 1 && outW == width }

    /// Fills one block of `cols` from one input plane.
    @inline(__always)
    func lower(from source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>) {
        if rows.isEmpty || cols.isEmpty {
            RowLoops.zero(target, outputPlane)
            return
        }
        RowLoops.zero(target, rows.lowerBound * outW)
        RowLoops.zero(target + rows.upperBound * outW, outputPlane - rows.upperBound * outW)
        let left = cols.lowerBound
        let right = outW - cols.upperBound

        if isShift {
            // target[k] = source[k + shift] over the real rows; the ends are clipped so
            // nothing outside the plane is read, and the edge columns (which the shift
            // filled from neighbouring rows) are zeroed afterwards.
            let start = rows.lowerBound * outW
            let shift = rowOffset * width + colOffset
            let head = max(0, -colOffset)
            let trim = max(0, colOffset)
            RowLoops.copy(target + start + head, source + (start + shift + head),
                rows.count * outW - head - trim)
            // Column by column: one tight strided store loop per padded column.
            for column in 0..<left {
                zeroColumn(target + start + column, rows.count)
            }
            for column in cols.upperBound..<outW {
                zeroColumn(target + start + column, rows.count)
            }
            return
        }

        // `read` is the input element of output (oh, left), always inside the plane.
        var line = target + rows.lowerBound * outW
        var read = source
            + ((rows.lowerBound * strideH + rowOffset) * width + colOffset + left * strideW)
        for _ in rows {
            RowLoops.zero(line, left)
            RowLoops.zero(line + cols.upperBound, right)
            if strideW == 1 {
                RowLoops.copy(line + left, read, cols.count)
            } else if strideW == 2 {
                RowLoops.gatherEven(line + left, read, cols.count)
            } else {
                var from = read
                for ow in cols {
                    line[ow] = from.pointee
                    from += strideW
                }
            }
            line += outW
            read += strideH * width
        }
    }

    @inline(__always)
    private func zeroColumn(_ top: UnsafeMutablePointer<Float>, _ count: Int) {
        var cell = top
        for _ in 0..<count {
            cell.pointee = 0
            cell += outW
        }
    }

    /// Adds one block of `cols` into one input plane, dropping padding entries.
    @inline(__always)
    func raise(from source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>) {
        if rows.isEmpty || cols.isEmpty { return }
        let count = cols.count
        var read = source + (rows.lowerBound * outW + cols.lowerBound)
        let firstRow = rows.lowerBound * strideH + rowOffset
        var write = target + (firstRow * width + colOffset + cols.lowerBound * strideW)
        for _ in rows {
            if strideW == 1 {
                RowLoops.add(write, read, count)
            } else if strideW == 2 {
                RowLoops.scatterAddEven(write, read, count)
            } else {
                var to = write
                for k in 0..<count {
                    to.pointee += read[k]
                    to += strideW
                }
            }
            read += outW
            write += strideH * width
        }
    }
}
