import ThawNN
import ThawTensor

/// A residual block of a ResNet stage, built the way torchvision's `_make_layer` builds it.
public protocol ResidualBlock: Layer {
    /// Output channels per unit of the stage's width (1 for `BasicBlock`, 4 for `Bottleneck`).
    static var expansion: Int { get }
    /// `inputs` channels in; `width × expansion` channels out; `stride` 2 halves the map.
    /// `downsample` is needed when the shortcut must change shape (see `needsDownsample`).
    init(inputs: Int, width: Int, stride: Int, downsample: Sequential?, generator: inout SeededGenerator)
    /// The BatchNorm ending the residual branch: `zeroInitResidual` sets its weight to 0.
    var lastBatchNorm: BatchNorm2d { get }
}

extension ResidualBlock {
    static func needsDownsample(inputs: Int, width: Int, stride: Int) -> Bool {
        stride != 1 || inputs != width * expansion
    }

    /// torchvision's shortcut: `downsample.0` a 1×1 strided convolution without bias,
    /// `downsample.1` a BatchNorm.
    static func downsample(inputs: Int, outputs: Int, stride: Int, generator: inout SeededGenerator) -> Sequential {
        Sequential([
            resNetConvolution(inputs: inputs, outputs: outputs, kernel: 1, stride: stride, padding: 0, generator: &generator),
            BatchNorm2d(features: outputs),
        ])
    }
}

/// A bias-free convolution initialised as torchvision's ResNet does it:
/// `kaiming_normal_(mode="fan_out", nonlinearity="relu")`.
func resNetConvolution(inputs: Int, outputs: Int, kernel: Int, stride: Int, padding: Int,
                       generator: inout SeededGenerator) -> Conv2d {
    let conv = Conv2d(inputs: inputs, outputs: outputs, kernel: kernel, stride: stride, padding: padding,
                      bias: false, generator: &generator)
    conv.weight.assign(Initialization.kaimingNormalFanOut(conv.weight.shape, generator: &generator).value)
    return conv
}

/// ResNet-18/34's block: 3×3 conv (carrying the stride) → BN → ReLU → 3×3 conv → BN, plus
/// the shortcut, then ReLU. Keys: `conv1`, `bn1`, `conv2`, `bn2`, `downsample.{0,1}`.
public final class BasicBlock: ResidualBlock {
    public static let expansion = 1

    public let conv1: Conv2d
    public let bn1: BatchNorm2d
    public let relu = ReLU()
    public let conv2: Conv2d
    public let bn2: BatchNorm2d
    public let downsample: Sequential?
    public var isTraining = true

    public init(inputs: Int, width: Int, stride: Int, downsample: Sequential?, generator: inout SeededGenerator) {
        conv1 = resNetConvolution(inputs: inputs, outputs: width, kernel: 3, stride: stride, padding: 1, generator: &generator)
        bn1 = BatchNorm2d(features: width)
        conv2 = resNetConvolution(inputs: width, outputs: width, kernel: 3, stride: 1, padding: 1, generator: &generator)
        bn2 = BatchNorm2d(features: width)
        self.downsample = downsample
    }

    public var lastBatchNorm: BatchNorm2d { bn2 }

    /// Same order as torchvision's `BasicBlock.__init__` registers them.
    public func visit<V: ModuleVisitor>(_ v: inout V) {
        v.module("conv1", conv1)
        v.module("bn1", bn1)
        v.module("relu", relu)
        v.module("conv2", conv2)
        v.module("bn2", bn2)
        if let downsample { v.module("downsample", downsample) }
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        let branch = bn2(conv2(bn1(conv1(x)).relu()))
        let shortcut = downsample?(x) ?? x
        return (branch + shortcut).relu()
    }

    public var summary: String {
        let w = conv1.weight.shape
        return "BasicBlock(\(w[1])→\(w[0]), stride \(conv1.stride.0)\(downsample == nil ? "" : ", downsample"))"
    }
}
