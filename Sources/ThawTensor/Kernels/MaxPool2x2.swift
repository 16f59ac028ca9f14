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
    let outH = height / 2, outW = width / 2
    let inputPlane = height * width, outputPlane = outH * outW
    forEachChunk(of: planes, threads: threads, work: planes * inputPlane) { chunk in
        for plane in chunk {
            let source = input + plane * inputPlane
            let out = output + plane * outputPlane
            let index = argmax + plane * outputPlane
            for oh in 0..<outH {
                let top = 2 * oh * width
                let row0 = source + top, row1 = row0 + width
                for ow in 0..<outW {
                    let j = 2 * ow
                    let a = row0[j], b = row0[j + 1], c = row1[j], d = row1[j + 1]
                    var best = a, at = top + j
                    if b > best { best = b; at = top + j + 1 }
                    if c > best { best = c; at = top + width + j }
                    if d > best { best = d; at = top + width + j + 1 }
                    if a != a || b != b || c != c || d != d {
                        at = d != d ? top + width + j + 1 : c != c ? top + width + j : b != b ? top + j + 1 : top + j
                        best = source[at]
                    }
                    out[oh * outW + ow] = best
                    index[oh * outW + ow] = Int32(truncatingIfNeeded: at)
                }
            }
        }
    }
}
