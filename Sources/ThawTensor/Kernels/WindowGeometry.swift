/// The sliding-window parameters shared by convolution lowering and pooling.
///
/// One value type for both so that a layer validates its configuration once, with one set
/// of messages, and every kernel agrees on the output size (PyTorch's floor formula; there
/// is no `ceil_mode`). Height comes before width everywhere, as in NCHW.
package struct WindowGeometry: Hashable, Sendable {
    package var kernelH: Int
    package var kernelW: Int
    package var strideH: Int
    package var strideW: Int
    package var padH: Int
    package var padW: Int
    package var dilationH: Int
    package var dilationW: Int

    package init(
        kernelH: Int, kernelW: Int,
        strideH: Int = 1, strideW: Int = 1,
        padH: Int = 0, padW: Int = 0,
        dilationH: Int = 1, dilationW: Int = 1
    ) {
        self.kernelH = kernelH
        self.kernelW = kernelW
        self.strideH = strideH
        self.strideW = strideW
        self.padH = padH
        self.padW = padW
        self.dilationH = dilationH
        self.dilationW = dilationW
    }

    /// A square window, the common case (`nn.Conv2d(…, kernel_size=3, padding=1)`).
    package init(kernel: Int, stride: Int = 1, padding: Int = 0, dilation: Int = 1) {
        self.init(
            kernelH: kernel, kernelW: kernel, strideH: stride, strideW: stride,
            padH: padding, padW: padding, dilationH: dilation, dilationW: dilation)
    }

    /// `(H + 2p − d(k−1) − 1) / s + 1` rounded down, PyTorch's formula.
    ///
    /// The division floors (rather than truncating towards zero) so that a window larger
    /// than the padded input gives a size ≤ 0, which `validate` rejects, instead of 1.
    /// Only meaningful for a geometry that `validate` accepts.
    package func outputSize(height: Int, width: Int) -> (height: Int, width: Int) {
        (
            Self.outputExtent(height, kernelH, strideH, padH, dilationH),
            Self.outputExtent(width, kernelW, strideW, padW, dilationW)
        )
    }

    /// Checks the parameters against an input plane and returns the output size.
    ///
    /// Kernels only `precondition` on these rules; layers call this first so that a bad
    /// configuration becomes a message naming the offending value instead of a trap.
    package func validate(
        height: Int, width: Int
    ) throws(WindowGeometryError) -> (height: Int, width: Int) {
        try Self.check(height >= 1 && width >= 1,
            "input plane is \(height)×\(width); both sides must be at least 1")
        try Self.check(kernelH >= 1 && kernelW >= 1,
            "kernel is \(kernelH)×\(kernelW); both sides must be at least 1")
        try Self.check(strideH >= 1 && strideW >= 1,
            "stride is (\(strideH), \(strideW)); use 1 or more")
        try Self.check(dilationH >= 1 && dilationW >= 1,
            "dilation is (\(dilationH), \(dilationW)); use 1 for an ordinary window")
        try Self.check(padH >= 0 && padW >= 0,
            "padding is (\(padH), \(padW)); padding cannot be negative")
        // Keeps every product below (index arithmetic in the kernels) far from overflow.
        let limit = 1 << 31
        try Self.check(
            [height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW]
                .allSatisfy { $0 < limit },
            "a size or window parameter is ≥ 2^31; such a window cannot be evaluated")
        let size = outputSize(height: height, width: width)
        try Self.check(size.height >= 1 && size.width >= 1, """
            the \(kernelH)×\(kernelW) window (dilation \(dilationH), \(dilationW)) does not \
            fit the \(height)×\(width) input padded by (\(padH), \(padW)): output would be \
            \(size.height)×\(size.width); use a smaller kernel or dilation, or more padding
            """)
        return size
    }

    /// The convolution rules plus the extra ones pooling has in PyTorch.
    ///
    /// Padding at most half the kernel guarantees every window holds at least one real
    /// element, so a max-pool never answers with padding. Average pooling has no dilation
    /// in PyTorch, and supporting it would make `countIncludePad` ambiguous.
    package func validateForPooling(
        height: Int, width: Int, averaging: Bool
    ) throws(WindowGeometryError) -> (height: Int, width: Int) {
        let size = try validate(height: height, width: width)
        try Self.check(padH <= kernelH / 2 && padW <= kernelW / 2, """
            padding (\(padH), \(padW)) exceeds half the \(kernelH)×\(kernelW) pooling window; \
            use at most (\(kernelH / 2), \(kernelW / 2))
            """)
        if averaging {
            try Self.check(dilationH == 1 && dilationW == 1,
                "average pooling has no dilation; got (\(dilationH), \(dilationW)), use 1")
        }
        return size
    }

    /// `validate`'s rules as a Bool, for the kernels' preconditions.
    func isValid(height: Int, width: Int) -> Bool {
        (try? validate(height: height, width: width)) != nil
    }

    private static func outputExtent(
        _ size: Int, _ kernel: Int, _ stride: Int, _ pad: Int, _ dilation: Int
    ) -> Int {
        let span = size + 2 * pad - dilation * (kernel - 1) - 1
        let quotient = span >= 0 ? span / stride : -((-span + stride - 1) / stride)
        return quotient + 1
    }

    private static func check(
        _ condition: Bool, _ message: @autoclosure () -> String
    ) throws(WindowGeometryError) {
        if !condition { throw WindowGeometryError(message: message()) }
    }
}

extension WindowGeometry: CustomStringConvertible {
    /// Compact, for trap messages and test names: `k3×3 s1,1 p1,1 d1,1`.
    package var description: String {
        "k\(kernelH)×\(kernelW) s\(strideH),\(strideW) p\(padH),\(padW) d\(dilationH),\(dilationW)"
    }
}

/// Why a window cannot be applied to an input; the message says what to change.
package struct WindowGeometryError: Error, Equatable, CustomStringConvertible {
    package var message: String
    package var description: String { message }
}
