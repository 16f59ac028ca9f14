/// Which first layers a ResNet uses.
public enum ResNetStem: String, Codable, Sendable, Equatable, CaseIterable {
    /// torchvision's: 7×7 convolution, stride 2, padding 3, then a 3×3 stride-2 max pool.
    /// Made for 224×224 images (the feature map is 56×56 when it reaches `layer1`).
    case imagenet
    /// 3×3 convolution, stride 1, padding 1, no max pool: the usual stem for 32×32 images.
    case cifar
}

/// Why a ResNet (or its new head) could not be built.
public enum ResNetError: Error, Equatable, Sendable, CustomStringConvertible {
    case unsupportedDepth(Int)
    case invalidClasses(Int)
    case invalidBaseWidth(Int)
    case invalidInputChannels(Int)

    public var description: String {
        switch self {
        case let .unsupportedDepth(depth):
            "ResNet depth \(depth) is not supported: choose 18, 34 or 50"
        case let .invalidClasses(classes):
            "a ResNet needs at least 1 class, got \(classes)"
        case let .invalidBaseWidth(width):
            "ResNet base width must be at least 1 (torchvision's is 64), got \(width)"
        case let .invalidInputChannels(channels):
            "a ResNet needs at least 1 input channel, got \(channels)"
        }
    }
}

/// Everything that decides a ResNet's architecture (and so its state-dict keys and shapes).
///
/// `depth` 18 and 34 use `BasicBlock`, 50 uses `Bottleneck`. Stage widths are
/// `baseWidth × 1, 2, 4, 8` (times 4 on a bottleneck's output): torchvision's networks have
/// `baseWidth` 64; tests use tiny ones.
public struct ResNetConfig: Codable, Sendable, Equatable {
    public var depth: Int
    public var classes: Int
    public var stem: ResNetStem
    public var inputChannels: Int
    public var baseWidth: Int
    /// Starts each block's last BatchNorm at weight 0, so every residual branch begins as
    /// the identity (torchvision's `zero_init_residual`).
    public var zeroInitResidual: Bool

    public init(depth: Int, classes: Int = 1000, stem: ResNetStem = .imagenet, inputChannels: Int = 3,
                baseWidth: Int = 64, zeroInitResidual: Bool = false) {
        self.depth = depth
        self.classes = classes
        self.stem = stem
        self.inputChannels = inputChannels
        self.baseWidth = baseWidth
        self.zeroInitResidual = zeroInitResidual
    }

    public static func resnet18(classes: Int = 1000, stem: ResNetStem = .imagenet) -> ResNetConfig {
        ResNetConfig(depth: 18, classes: classes, stem: stem)
    }

    public static func resnet34(classes: Int = 1000, stem: ResNetStem = .imagenet) -> ResNetConfig {
        ResNetConfig(depth: 34, classes: classes, stem: stem)
    }

    public static func resnet50(classes: Int = 1000, stem: ResNetStem = .imagenet) -> ResNetConfig {
        ResNetConfig(depth: 50, classes: classes, stem: stem)
    }

    /// Blocks in `layer1` … `layer4`, as torchvision's `resnet18/34/50` builders.
    public static let supportedDepths: [Int: [Int]] = [18: [2, 2, 2, 2], 34: [3, 4, 6, 3], 50: [3, 4, 6, 3]]

    /// Blocks per stage; nil for an unsupported depth.
    public var blocksPerStage: [Int]? { Self.supportedDepths[depth] }

    /// True for depth 50: 1×1 → 3×3 → 1×1 blocks whose output is 4× their width.
    public var usesBottleneck: Bool { depth >= 50 }

    /// Channels a block's output has per unit of stage width.
    public var expansion: Int { usesBottleneck ? Bottleneck.expansion : BasicBlock.expansion }

    /// Width of the pooled features `features(_:)` returns (512 or 2048 at `baseWidth` 64).
    public var featureDimension: Int { baseWidth * 8 * expansion }

    /// Throws the first problem found; a valid config always builds.
    public func validate() throws(ResNetError) {
        guard blocksPerStage != nil else { throw .unsupportedDepth(depth) }
        guard classes >= 1 else { throw .invalidClasses(classes) }
        guard baseWidth >= 1 else { throw .invalidBaseWidth(baseWidth) }
        guard inputChannels >= 1 else { throw .invalidInputChannels(inputChannels) }
    }

    private enum CodingKeys: String, CodingKey {
        case depth, classes, stem, inputChannels, baseWidth, zeroInitResidual
    }

    /// `depth` and `classes` are required; the rest default as in `init`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(depth: try c.decode(Int.self, forKey: .depth),
                  classes: try c.decode(Int.self, forKey: .classes),
                  stem: try c.decodeIfPresent(ResNetStem.self, forKey: .stem) ?? .imagenet,
                  inputChannels: try c.decodeIfPresent(Int.self, forKey: .inputChannels) ?? 3,
                  baseWidth: try c.decodeIfPresent(Int.self, forKey: .baseWidth) ?? 64,
                  zeroInitResidual: try c.decodeIfPresent(Bool.self, forKey: .zeroInitResidual) ?? false)
    }
}
