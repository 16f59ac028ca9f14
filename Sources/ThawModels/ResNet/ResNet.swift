import ThawNN
import ThawTensor

/// ResNet-18, -34 and -50 with torchvision's structure and state-dict keys, so torchvision
/// checkpoints (converted to safetensors) load as they are:
///
///     conv1.weight, bn1.{weight,bias,running_mean,running_var,num_batches_tracked},
///     layer1.0.conv1.weight, layer1.0.bn1.*, …, layer2.0.downsample.0.weight,
///     layer2.0.downsample.1.*, …, fc.weight, fc.bias
///
/// `relu`, `maxpool` and `avgpool` are listed as children (so the layer tree matches
/// torchvision's `named_modules`) but hold no tensors. The CIFAR stem has no `maxpool`.
public final class ResNet: Layer {
    /// The head's module path: pass it to `LoadOptions(headPrefixes:)` when moving a
    /// backbone to a task with another number of classes.
    public static let headPrefix = "fc"

    /// Options for loading a checkpoint as a backbone: the head may differ or be absent and is
    /// then reported as re-initialised.
    public static var transferLoadOptions: LoadOptions { LoadOptions(headPrefixes: [headPrefix]) }

    /// The architecture; `classes` follows `replaceHead`.
    public private(set) var config: ResNetConfig
    public let conv1: Conv2d
    public let bn1: BatchNorm2d
    public let relu = ReLU()
    /// 3×3, stride 2, padding 1; nil with the CIFAR stem.
    public let maxpool: MaxPool2d?
    /// `layer1` … `layer4`, each a `Sequential` of residual blocks.
    public let stages: [Sequential]
    public let avgpool = AdaptiveAvgPool2d(outputSize: (1, 1))
    /// The classifier, `featureDimension → classes`.
    public private(set) var fc: Linear
    public var isTraining = true

    /// Builds the network and initialises it as torchvision does: convolutions
    /// `kaiming_normal_(fan_out, relu)`, BatchNorm weight 1 and bias 0 (weight 0 on each
    /// block's last BatchNorm with `zeroInitResidual`), `fc` with `nn.Linear`'s default.
    public init(_ config: ResNetConfig, generator: inout SeededGenerator) throws(ResNetError) {
        try config.validate()
        guard let blocksPerStage = config.blocksPerStage else { throw .unsupportedDepth(config.depth) }
        self.config = config
        let base = config.baseWidth
        switch config.stem {
        case .imagenet:
            conv1 = resNetConvolution(inputs: config.inputChannels, outputs: base, kernel: 7, stride: 2, padding: 3,
                                      generator: &generator)
            maxpool = MaxPool2d(kernel: 3, stride: 2, padding: 1)
        case .cifar:
            conv1 = resNetConvolution(inputs: config.inputChannels, outputs: base, kernel: 3, stride: 1, padding: 1,
                                      generator: &generator)
            maxpool = nil
        }
        bn1 = BatchNorm2d(features: base)

        var channels = base
        var stages: [Sequential] = []
        for (index, blocks) in blocksPerStage.enumerated() {
            let width = base << index, stride = index == 0 ? 1 : 2
            stages.append(config.usesBottleneck
                ? Self.stage(Bottleneck.self, inputs: &channels, width: width, blocks: blocks, stride: stride,
                             zeroInitResidual: config.zeroInitResidual, generator: &generator)
                : Self.stage(BasicBlock.self, inputs: &channels, width: width, blocks: blocks, stride: stride,
                             zeroInitResidual: config.zeroInitResidual, generator: &generator))
        }
        self.stages = stages
        fc = Linear(inputs: config.featureDimension, outputs: config.classes, generator: &generator)
    }

    /// One `layerK`: the first block takes the stride (and a downsampling shortcut when the
    /// shape changes), the rest keep the shape. `inputs` becomes the stage's output channels.
    private static func stage<Block: ResidualBlock>(_ type: Block.Type, inputs: inout Int, width: Int, blocks: Int, stride: Int,
                                                    zeroInitResidual: Bool, generator: inout SeededGenerator) -> Sequential {
        let outputs = width * Block.expansion
        var layers: [any Layer] = []
        for index in 0..<blocks {
            let blockStride = index == 0 ? stride : 1
            let shortcut = Block.needsDownsample(inputs: inputs, width: width, stride: blockStride)
                ? Block.downsample(inputs: inputs, outputs: outputs, stride: blockStride, generator: &generator) : nil
            let block = Block(inputs: inputs, width: width, stride: blockStride, downsample: shortcut, generator: &generator)
            if zeroInitResidual { block.lastBatchNorm.weight.assign(Tensor(zeros: [outputs])) }
            layers.append(block)
            inputs = outputs
        }
        return Sequential(layers)
    }

    public var layer1: Sequential { stages[0] }
    public var layer2: Sequential { stages[1] }
    public var layer3: Sequential { stages[2] }
    public var layer4: Sequential { stages[3] }

    /// Channels of the pooled features (512 for ResNet-18/34 and 2048 for ResNet-50 at width 64).
    public var featureDimension: Int { fc.inputs }
    public var classes: Int { fc.outputs }

    /// torchvision's registration order: conv1, bn1, relu, maxpool, layer1…4, avgpool, fc.
    public func visit<V: ModuleVisitor>(_ v: inout V) {
        v.module("conv1", conv1)
        v.module("bn1", bn1)
        v.module("relu", relu)
        if let maxpool { v.module("maxpool", maxpool) }
        for (index, stage) in stages.enumerated() { v.module("layer\(index + 1)", stage) }
        v.module("avgpool", avgpool)
        v.module("fc", fc)
    }

    /// The stem and the four stages: `(N, featureDimension, H/32, W/32)` with the ImageNet stem,
    /// `(N, featureDimension, H/8, W/8)` with the CIFAR stem.
    public func featureMap(_ x: Tensor) -> Tensor {
        precondition(x.rank == 4 && x.shape[1] == config.inputChannels,
                     "ResNet expects (N, \(config.inputChannels), H, W), got \(x.shape)")
        var h = bn1(conv1(x)).relu()
        if let maxpool { h = maxpool(h) }
        return stages.reduce(h) { $1($0) }
    }

    /// Globally average-pooled features `(N, featureDimension)`: the input of `fc`.
    public func features(_ x: Tensor) -> Tensor {
        avgpool(featureMap(x)).flattened(from: 1)
    }

    /// Logits `(N, classes)`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        fc(features(x))
    }

    /// Puts a freshly initialised `featureDimension → classes` head (nn.Linear's default init)
    /// in place of `fc`; read it back as `fc`. A checkpoint with another number of classes
    /// also loads as it is with `LoadOptions(headPrefixes: [ResNet.headPrefix])`, which keeps
    /// the fresh head and reports `fc` as re-initialised.
    ///
    /// Returns nothing so that it can witness a `replaceHead(classes:generator:) throws`
    /// protocol requirement (see `Backbone`).
    public func replaceHead(classes: Int, generator: inout SeededGenerator) throws(ResNetError) {
        guard classes >= 1 else { throw .invalidClasses(classes) }
        let head = Linear(inputs: featureDimension, outputs: classes, generator: &generator)
        head.isTraining = isTraining
        fc = head
        config.classes = classes
    }

    public var summary: String {
        "ResNet-\(config.depth)(\(config.stem.rawValue) stem, width \(config.baseWidth), \(classes) classes)"
    }
}
