/// The 2×2, stride-2, unpadded max pool of most small CNNs, without the general kernel's
/// per-tap range bookkeeping (which costs more than the four comparisons it guards).
/// Same winners as `maxPool2dForward`: first strict maximum in scan order, NaN beats all
/// and the last NaN scanned is recorded.
extension WindowGeometry {
    var isPlainTwoByTwo: Bool {
        kernelH == 2 && kernelW == 2 && strideH == 2 && strideW == 2 && padH == 0 && padW == 0
            && dilationH == 1 && dilationW == 1
    }
}

/// - Parameters: as `maxPool2dForward`, for `planes = N·C` planes of `height × width`.
func maxPool2x2Forward(
    input: UnsafePointer<Float>, planes: Int, height: Int, width: Int,
    output: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>, threads: Int
) {
    let inputPlane = height * width, outputPlane = (height / 2) * (width / 2)
    forEachChunk(of: planes, threads: threads, work: planes * inputPlane) { chunk in
        for plane in chunk {
            maxPool2x2Plane(input + plane * inputPlane, height: height, width: width,
                            output: output + plane * outputPlane, argmax: argmax + plane * outputPlane)
        }
    }
}

/// One plane. Four outputs at a time in SIMD lanes: scalar selects on random data compile to
/// unpredictable branches (measured at 10 ns per output), lane blends have none.
@inline(never)
private func maxPool2x2Plane(
    _ source: UnsafePointer<Float>, height: Int, width: Int,
    output: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>
) {
    let outH = height / 2, outW = width / 2
    let lanes = SIMD4<Int32>(0, 2, 4, 6)
    for oh in 0..<outH {
        let top = 2 * oh * width
        let row0 = source + top, row1 = row0 + width
        let out = output + oh * outW, index = argmax + oh * outW
        var ow = 0
        while ow + 4 <= outW {
            let j = 2 * ow
            let upper = UnsafeRawPointer(row0 + j).loadUnaligned(as: SIMD8<Float>.self)
            let lower = UnsafeRawPointer(row1 + j).loadUnaligned(as: SIMD8<Float>.self)
            let (a, b, c, d) = (upper.evenHalf, upper.oddHalf, lower.evenHalf, lower.oddHalf)
            let anyNaN = (a .!= a) .| (b .!= b) .| (c .!= c) .| (d .!= d)
            if any(anyNaN) {
                for k in 0..<4 { scalarWindow(row0, row1, j: j + 2 * k, width: width, top: top, out: out + ow + k, index: index + ow + k) }
            } else {
                let base = lanes &+ Int32(truncatingIfNeeded: top + j)
                var best = a, at = base
                var take = b .> best
                best.replace(with: b, where: take); at.replace(with: base &+ 1, where: take)
                take = c .> best
                best.replace(with: c, where: take); at.replace(with: base &+ Int32(truncatingIfNeeded: width), where: take)
                take = d .> best
                best.replace(with: d, where: take); at.replace(with: base &+ Int32(truncatingIfNeeded: width + 1), where: take)
                UnsafeMutableRawPointer(out + ow).storeBytes(of: best, as: SIMD4<Float>.self)
                UnsafeMutableRawPointer(index + ow).storeBytes(of: at, as: SIMD4<Int32>.self)
            }
            ow += 4
        }
        while ow < outW {
            scalarWindow(row0, row1, j: 2 * ow, width: width, top: top, out: out + ow, index: index + ow)
            ow += 1
        }
    }
}

@inline(__always)
private func scalarWindow(_ row0: UnsafePointer<Float>, _ row1: UnsafePointer<Float>, j: Int, width: Int, top: Int,
                          out: UnsafeMutablePointer<Float>, index: UnsafeMutablePointer<Int32>) {
    var best = row0[j], at = j, nan = best.isNaN ? j : -1
    for offset in [j + 1, width + j, width + j + 1] {
        let value = row0[offset]
        if value > best { best = value; at = offset }
        if value.isNaN { nan = offset }
    }
    if nan >= 0 { best = row0[nan]; at = nan }
    out.pointee = best
    index.pointee = Int32(truncatingIfNeeded: top + at)
}
