import ThawNN
import ThawTensor

/// ResNet-50's block, torchvision's "v1.5": 1×1 conv → BN → ReLU → 3×3 conv (carrying the
/// stride) → BN → ReLU → 1×1 conv to `4 × width` → BN, plus the shortcut, then ReLU.
/// Keys: `conv1`, `bn1`, `conv2`, `bn2`, `conv3`, `bn3`, `downsample.{0,1}`.
public final class Bottleneck: ResidualBlock {
    public static let expansion = 4

    public let conv1: Conv2d
    public let bn1: BatchNorm2d
    public let conv2: Conv2d
    public let bn2: BatchNorm2d
    public let conv3: Conv2d
    public let bn3: BatchNorm2d
    public let relu = ReLU()
    public let downsample: Sequential?
    public var isTraining = true

    public init(inputs: Int, width: Int, stride: Int, downsample: Sequential?, generator: inout SeededGenerator) {
        conv1 = resNetConvolution(inputs: inputs, outputs: width, kernel: 1, stride: 1, padding: 0, generator: &generator)
        bn1 = BatchNorm2d(features: width)
        conv2 = resNetConvolution(inputs: width, outputs: width, kernel: 3, stride: stride, padding: 1, generator: &generator)
        bn2 = BatchNorm2d(features: width)
        conv3 = resNetConvolution(inputs: width, outputs: width * Self.expansion, kernel: 1, stride: 1, padding: 0,
                                  generator: &generator)
        bn3 = BatchNorm2d(features: width * Self.expansion)
        self.downsample = downsample
    }

    public var lastBatchNorm: BatchNorm2d { bn3 }

    /// Same order as torchvision's `Bottleneck.__init__` registers them.
    public func visit<V: ModuleVisitor>(_ v: inout V) {
        v.module("conv1", conv1)
        v.module("bn1", bn1)
        v.module("conv2", conv2)
        v.module("bn2", bn2)
        v.module("conv3", conv3)
        v.module("bn3", bn3)
        v.module("relu", relu)
        if let downsample { v.module("downsample", downsample) }
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        let reduced = bn1(conv1(x)).relu()
        let spatial = bn2(conv2(reduced)).relu()
        let branch = bn3(conv3(spatial))
        let shortcut = downsample?(x) ?? x
        return (branch + shortcut).relu()
    }

    public var summary: String {
        let w1 = conv1.weight.shape, w3 = conv3.weight.shape
        return "Bottleneck(\(w1[1])→\(w1[0])→\(w3[0]), stride \(conv2.stride.0)\(downsample == nil ? "" : ", downsample"))"
    }
}
