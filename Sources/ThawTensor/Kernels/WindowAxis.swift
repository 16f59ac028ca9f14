/// One axis (height or width) of a window sliding over an input, with the clipping against
/// the input's edges solved in closed form.
///
/// The kernels call these once per call (or once per row) so that their inner loops carry
/// neither bounds tests nor divisions: the input coordinate of output `o` and tap `t` is
/// `o·stride − pad + t·dilation`, and the valid ranges below are exactly those for which it
/// lies in `0..<size`.
struct WindowAxis {
    /// Input extent along this axis.
    let size: Int
    /// Output extent along this axis (from `WindowGeometry.outputSize`).
    let outputSize: Int
    let kernel: Int
    let stride: Int
    let pad: Int
    let dilation: Int

    /// The outputs whose tap `tap` reads a real (non-padding) input element.
    ///
    /// Contiguous because the coordinate grows monotonically with the output index.
    func outputs(forTap tap: Int) -> Range<Int> {
        let offset = tap * dilation - pad  // input coordinate of output 0
        let lower = offset >= 0 ? 0 : (-offset + stride - 1) / stride
        let last = size - 1 - offset
        let upper = last < 0 ? 0 : min(outputSize, last / stride + 1)
        return lower < upper ? lower..<upper : 0..<0
    }

    /// The taps of output `output` that read real input elements.
    func taps(forOutput output: Int) -> Range<Int> {
        let start = output * stride - pad  // input coordinate of tap 0
        let lower = start >= 0 ? 0 : (-start + dilation - 1) / dilation
        let last = size - 1 - start
        let upper = last < 0 ? 0 : min(kernel, last / dilation + 1)
        return lower < upper ? lower..<upper : 0..<0
    }

    /// `taps(forOutput:)` for every output, for loops that revisit each row many times.
    func tapsForEveryOutput() -> [Range<Int>] {
        (0..<outputSize).map { taps(forOutput: $0) }
    }
}

extension WindowGeometry {
    func heightAxis(inputHeight: Int, outputHeight: Int) -> WindowAxis {
        WindowAxis(
            size: inputHeight, outputSize: outputHeight, kernel: kernelH,
            stride: strideH, pad: padH, dilation: dilationH)
    }

    func widthAxis(inputWidth: Int, outputWidth: Int) -> WindowAxis {
        WindowAxis(
            size: inputWidth, outputSize: outputWidth, kernel: kernelW,
            stride: strideW, pad: padW, dilation: dilationW)
    }
}
