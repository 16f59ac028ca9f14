/// An experiment, as written in a YAML file: data, backbone, freezing, optimizer, schedule,
/// training length and outputs. Keys are snake_case in the file. Every field but `data` has
/// a default, so a minimal experiment names its data and its backbone.
public struct RunConfig: Codable, Sendable, Equatable {
    public var name: String
    public var seed: UInt64
    public var data: DataConfig
    public var backbone: BackboneConfig
    public var freeze: FreezeConfig
    public var optimizer: OptimizerConfig
    public var schedule: ScheduleConfig
    public var training: TrainingConfig
    public var diagnostics: DiagnosticsConfig
    public var output: OutputConfig

    public init(name: String = "experiment", seed: UInt64 = 0, data: DataConfig, backbone: BackboneConfig = BackboneConfig(),
                freeze: FreezeConfig = FreezeConfig(), optimizer: OptimizerConfig = OptimizerConfig(),
                schedule: ScheduleConfig = ScheduleConfig(), training: TrainingConfig = TrainingConfig(),
                diagnostics: DiagnosticsConfig = DiagnosticsConfig(), output: OutputConfig = OutputConfig()) {
        (self.name, self.seed, self.data, self.backbone, self.freeze) = (name, seed, data, backbone, freeze)
        (self.optimizer, self.schedule, self.training, self.diagnostics, self.output) = (optimizer, schedule, training, diagnostics, output)
    }

    enum CodingKeys: String, CodingKey {
        case name, seed, data, backbone, freeze, optimizer, schedule, training, diagnostics, output
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? "experiment"
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? 0
        data = try c.decode(DataConfig.self, forKey: .data)
        backbone = try c.decodeIfPresent(BackboneConfig.self, forKey: .backbone) ?? BackboneConfig()
        freeze = try c.decodeIfPresent(FreezeConfig.self, forKey: .freeze) ?? FreezeConfig()
        optimizer = try c.decodeIfPresent(OptimizerConfig.self, forKey: .optimizer) ?? OptimizerConfig()
        schedule = try c.decodeIfPresent(ScheduleConfig.self, forKey: .schedule) ?? ScheduleConfig()
        training = try c.decodeIfPresent(TrainingConfig.self, forKey: .training) ?? TrainingConfig()
        diagnostics = try c.decodeIfPresent(DiagnosticsConfig.self, forKey: .diagnostics) ?? DiagnosticsConfig()
        output = try c.decodeIfPresent(OutputConfig.self, forKey: .output) ?? OutputConfig()
    }
}

/// Where examples come from and how they are split and prepared.
public struct DataConfig: Codable, Sendable, Equatable {
    public enum Format: String, Codable, Sendable { case csv, idx, text }
    /// Training file: a CSV of `label, features…`, an IDX images file, or a `label,text` CSV.
    public var train: String
    public var format: Format?
    /// IDX labels file for `train` (and `test_labels` for `test`).
    public var labels: String?
    /// A separate test file; without it, `split.test` of the training file is held out.
    public var test: String?
    public var testLabels: String?
    public var split: SplitConfig
    /// Keep only this many training examples per class (few-shot).
    public var fewShot: Int?
    /// Read only the first N examples of each file (IDX).
    public var limit: Int?
    /// Per-example shape of CSV features, e.g. [1, 8, 8] for digits (default: a flat row).
    public var shape: [Int]?
    /// Raw values are divided by this (digits: 16; IDX bytes are scaled to [0, 1] already).
    public var scale: Double?
    /// Standardise with per-channel statistics of the training split.
    public var normalize: Bool
    public var augment: AugmentConfig?
    /// Classes to keep, by name (e.g. digits 5–9 for a target task); others are dropped.
    public var classes: [String]?
    /// Token budget per text example.
    public var maxLength: Int
    /// Shuffle every example's values with one fixed permutation drawn from this seed: keeps
    /// the statistics, destroys the spatial structure (a deliberately unrelated source task).
    public var permutePixels: UInt64?

    public init(train: String, format: Format? = nil, labels: String? = nil, test: String? = nil, testLabels: String? = nil,
                split: SplitConfig = SplitConfig(), fewShot: Int? = nil, limit: Int? = nil, shape: [Int]? = nil, scale: Double? = nil,
                normalize: Bool = true, augment: AugmentConfig? = nil, classes: [String]? = nil, maxLength: Int = 64) {
        (self.train, self.format, self.labels, self.test, self.testLabels) = (train, format, labels, test, testLabels)
        (self.split, self.fewShot, self.limit, self.shape, self.scale) = (split, fewShot, limit, shape, scale)
        (self.normalize, self.augment, self.classes, self.maxLength) = (normalize, augment, classes, maxLength)
    }

    enum CodingKeys: String, CodingKey {
        case train, format, labels, test, testLabels = "test_labels", split, fewShot = "few_shot", limit, shape, scale
        case normalize, augment, classes, maxLength = "max_length", permutePixels = "permute_pixels"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        train = try c.decode(String.self, forKey: .train)
        format = try c.decodeIfPresent(Format.self, forKey: .format)
        labels = try c.decodeIfPresent(String.self, forKey: .labels)
        test = try c.decodeIfPresent(String.self, forKey: .test)
        testLabels = try c.decodeIfPresent(String.self, forKey: .testLabels)
        split = try c.decodeIfPresent(SplitConfig.self, forKey: .split) ?? SplitConfig()
        fewShot = try c.decodeIfPresent(Int.self, forKey: .fewShot)
        limit = try c.decodeIfPresent(Int.self, forKey: .limit)
        shape = try c.decodeIfPresent([Int].self, forKey: .shape)
        scale = try c.decodeIfPresent(Double.self, forKey: .scale)
        normalize = try c.decodeIfPresent(Bool.self, forKey: .normalize) ?? true
        augment = try c.decodeIfPresent(AugmentConfig.self, forKey: .augment)
        classes = try c.decodeIfPresent([String].self, forKey: .classes)
        maxLength = try c.decodeIfPresent(Int.self, forKey: .maxLength) ?? 64
        permutePixels = try c.decodeIfPresent(UInt64.self, forKey: .permutePixels)
    }
}

public struct SplitConfig: Codable, Sendable, Equatable {
    public var validation: Double
    public var test: Double
    public init(validation: Double = 0.1, test: Double = 0.2) { (self.validation, self.test) = (validation, test) }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        validation = try c.decodeIfPresent(Double.self, forKey: .validation) ?? 0.1
        test = try c.decodeIfPresent(Double.self, forKey: .test) ?? 0.2
    }
}

public struct AugmentConfig: Codable, Sendable, Equatable {
    public var padding: Int
    public var flip: Bool
    public init(padding: Int = 0, flip: Bool = false) { (self.padding, self.flip) = (padding, flip) }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        padding = try c.decodeIfPresent(Int.self, forKey: .padding) ?? 0
        flip = try c.decodeIfPresent(Bool.self, forKey: .flip) ?? false
    }
}
