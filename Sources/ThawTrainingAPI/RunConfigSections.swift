/// Which network: a zoo name or a path to a card / Hugging Face directory, or an
/// architecture trained from scratch.
public struct BackboneConfig: Codable, Sendable, Equatable {
    enum CodingKeys: String, CodingKey {
        case name, path, scratch, architecture, hidden, depth, baseWidth = "base_width", directories, headInit = "head_init"
    }

    public var name: String?
    public var path: String?
    /// Train the backbone's architecture from random weights (the scratch baseline).
    public var scratch: Bool
    /// With neither name nor path, the network trained from random weights: an MLP (the
    /// default) or the small CNN (for square images whose side is divisible by 4).
    public var architecture: ScratchArchitecture
    /// MLP hidden layer sizes (default [128]).
    public var hidden: [Int]?
    /// ResNet depth (18, 34, 50) and base width (64 is torchvision's) for `architecture: resnet`.
    public var depth: Int?
    public var baseWidth: Int?
    /// Extra directories to search for `name`.
    public var directories: [String]
    /// How a pretrained backbone's new head starts; nil (absent) is `random`, so the canonical
    /// configuration of experiments that never mention it is unchanged.
    public var headInit: HeadInit?

    /// `logme`: the evidence-optimal linear readout of the frozen features (LogME's posterior
    /// mean, You et al. 2021), fitted before step 1: an instant linear probe, the first stage
    /// of LP-FT (Kumar et al. 2022) without its training epochs.
    public enum HeadInit: String, Codable, Sendable { case random, logme }

    public enum ScratchArchitecture: String, Codable, Sendable { case mlp, smallcnn, resnet }

    public init(name: String? = nil, path: String? = nil, scratch: Bool = false, architecture: ScratchArchitecture = .mlp,
                hidden: [Int]? = nil, directories: [String] = []) {
        (self.name, self.path, self.scratch, self.architecture, self.hidden, self.directories) = (name, path, scratch, architecture, hidden, directories)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        path = try c.decodeIfPresent(String.self, forKey: .path)
        scratch = try c.decodeIfPresent(Bool.self, forKey: .scratch) ?? false
        architecture = try c.decodeIfPresent(ScratchArchitecture.self, forKey: .architecture) ?? .mlp
        hidden = try c.decodeIfPresent([Int].self, forKey: .hidden)
        depth = try c.decodeIfPresent(Int.self, forKey: .depth)
        baseWidth = try c.decodeIfPresent(Int.self, forKey: .baseWidth)
        directories = try c.decodeIfPresent([String].self, forKey: .directories) ?? []
        headInit = try c.decodeIfPresent(HeadInit.self, forKey: .headInit)
    }
}

public struct FreezeConfig: Codable, Sendable, Equatable {
    /// Module paths to freeze (a path freezes everything inside it).
    public var frozen: [String]
    public var batchNorm: BatchNormPolicy
    public var gradual: GradualConfig?
    /// Run AdaBN before the first step: re-estimate every BatchNorm layer's running statistics
    /// on the target training data (a fresh run only; a resumed one has them in its checkpoint).
    public var recalibrateBatchNorm: Bool {
        get { recalibrateBatchNormKey ?? false }
        set { recalibrateBatchNormKey = newValue ? true : nil }
    }
    /// The key as written: absent stays absent when encoded, so the canonical configuration of
    /// an experiment that does not use it (stored in checkpoints, compared on resume) is the
    /// same as before the key existed; present (even `false`) is encoded back, which is how
    /// strict decoding knows the key was understood.
    var recalibrateBatchNormKey: Bool?

    public init(frozen: [String] = [], batchNorm: BatchNormPolicy = .frozenStatistics, gradual: GradualConfig? = nil,
                recalibrateBatchNorm: Bool = false) {
        (self.frozen, self.batchNorm, self.gradual) = (frozen, batchNorm, gradual)
        self.recalibrateBatchNorm = recalibrateBatchNorm
    }

    enum CodingKeys: String, CodingKey {
        case frozen, batchNorm = "batch_norm", gradual, recalibrateBatchNormKey = "recalibrate_batch_norm"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        frozen = try c.decodeIfPresent([String].self, forKey: .frozen) ?? []
        batchNorm = try c.decodeIfPresent(BatchNormPolicy.self, forKey: .batchNorm) ?? .frozenStatistics
        gradual = try c.decodeIfPresent(GradualConfig.self, forKey: .gradual)
        recalibrateBatchNormKey = try c.decodeIfPresent(Bool.self, forKey: .recalibrateBatchNormKey)
    }

    /// `recalibrate_batch_norm: false` written out and left out mean the same.
    public static func == (a: FreezeConfig, b: FreezeConfig) -> Bool {
        (a.frozen, a.batchNorm, a.gradual, a.recalibrateBatchNorm) == (b.frozen, b.batchNorm, b.gradual, b.recalibrateBatchNorm)
    }

    public var plan: FreezePlan {
        FreezePlan(frozen: frozen, batchNorm: batchNorm,
                   gradual: gradual.map { GradualUnfreezing(groups: $0.groups, everyEpochs: $0.everyEpochs, startEpoch: $0.startEpoch) })
    }
}

public struct GradualConfig: Codable, Sendable, Equatable {
    public var groups: [[String]]
    public var everyEpochs: Int
    public var startEpoch: Int
    public init(groups: [[String]], everyEpochs: Int = 1, startEpoch: Int = 1) {
        (self.groups, self.everyEpochs, self.startEpoch) = (groups, everyEpochs, startEpoch)
    }
    enum CodingKeys: String, CodingKey { case groups, everyEpochs = "every_epochs", startEpoch = "start_epoch" }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        groups = try c.decode([[String]].self, forKey: .groups)
        everyEpochs = try c.decodeIfPresent(Int.self, forKey: .everyEpochs) ?? 1
        startEpoch = try c.decodeIfPresent(Int.self, forKey: .startEpoch) ?? 1
    }
}

public struct OptimizerConfig: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable { case sgd, adam, adamw }
    public var kind: Kind
    public var lr: Double
    public var momentum: Double
    public var nesterov: Bool
    public var weightDecay: Double
    public var clipNorm: Double?
    /// L2-SP strength: pull towards the pretrained weights.
    public var l2sp: Double?
    public var groups: [GroupConfig]
    /// Discriminative rates: one group per block, each earlier block `factor` times lower.
    public var discriminative: DiscriminativeConfig?

    public init(kind: Kind = .adamw, lr: Double = 1e-3, momentum: Double = 0.9, nesterov: Bool = false, weightDecay: Double = 0.01,
                clipNorm: Double? = nil, l2sp: Double? = nil, groups: [GroupConfig] = [], discriminative: DiscriminativeConfig? = nil) {
        (self.kind, self.lr, self.momentum, self.nesterov, self.weightDecay) = (kind, lr, momentum, nesterov, weightDecay)
        (self.clipNorm, self.l2sp, self.groups, self.discriminative) = (clipNorm, l2sp, groups, discriminative)
    }

    enum CodingKeys: String, CodingKey {
        case kind, lr, momentum, nesterov, weightDecay = "weight_decay", clipNorm = "clip_norm", l2sp, groups, discriminative
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decodeIfPresent(Kind.self, forKey: .kind) ?? .adamw
        lr = try c.decodeIfPresent(Double.self, forKey: .lr) ?? 1e-3
        momentum = try c.decodeIfPresent(Double.self, forKey: .momentum) ?? 0.9
        nesterov = try c.decodeIfPresent(Bool.self, forKey: .nesterov) ?? false
        weightDecay = try c.decodeIfPresent(Double.self, forKey: .weightDecay) ?? 0.01
        clipNorm = try c.decodeIfPresent(Double.self, forKey: .clipNorm)
        l2sp = try c.decodeIfPresent(Double.self, forKey: .l2sp)
        groups = try c.decodeIfPresent([GroupConfig].self, forKey: .groups) ?? []
        discriminative = try c.decodeIfPresent(DiscriminativeConfig.self, forKey: .discriminative)
    }
}

public struct GroupConfig: Codable, Sendable, Equatable {
    public var name: String
    public var paths: [String]
    public var lrScale: Double
    public var weightDecay: Double?
    public init(name: String, paths: [String], lrScale: Double = 1, weightDecay: Double? = nil) {
        (self.name, self.paths, self.lrScale, self.weightDecay) = (name, paths, lrScale, weightDecay)
    }
    enum CodingKeys: String, CodingKey { case name, paths, lrScale = "lr_scale", weightDecay = "weight_decay" }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        paths = try c.decode([String].self, forKey: .paths)
        lrScale = try c.decodeIfPresent(Double.self, forKey: .lrScale) ?? 1
        weightDecay = try c.decodeIfPresent(Double.self, forKey: .weightDecay)
    }
}

public struct DiscriminativeConfig: Codable, Sendable, Equatable {
    /// Blocks from the input side to the output side.
    public var blocks: [String]
    public var factor: Double
    public init(blocks: [String], factor: Double = 2.6) { (self.blocks, self.factor) = (blocks, factor) }
}
