/// The schedule as written in an experiment file: a kind plus that kind's parameters, with
/// lengths in epochs resolved to steps once the run knows its steps per epoch.
public struct ScheduleConfig: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case constant, step, multistep, exponential, cosine
        case oneCycle = "one-cycle", slantedTriangular = "slanted-triangular", inverseSqrt = "inverse-sqrt", piecewise
    }
    public var kind: Kind
    public var warmupSteps: Int
    public var warmupStart: Double
    public var every: Int?
    public var gamma: Double?
    public var milestones: [Int]?
    public var minFactor: Double?
    public var restarts: Bool?
    public var period: Int?
    public var periodMultiplier: Double?
    public var peakFraction: Double?
    public var divFactor: Double?
    public var finalDivFactor: Double?
    public var cutFraction: Double?
    public var ratio: Double?
    public var points: [[Double]]?

    public init(kind: Kind = .constant, warmupSteps: Int = 0, warmupStart: Double = 0) {
        (self.kind, self.warmupSteps, self.warmupStart) = (kind, warmupSteps, warmupStart)
    }

    enum CodingKeys: String, CodingKey {
        case kind, warmupSteps = "warmup_steps", warmupStart = "warmup_start", every, gamma, milestones
        case minFactor = "min_factor", restarts, period, periodMultiplier = "period_multiplier", peakFraction = "peak_fraction"
        case divFactor = "div_factor", finalDivFactor = "final_div_factor", cutFraction = "cut_fraction", ratio, points
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decodeIfPresent(Kind.self, forKey: .kind) ?? .constant
        warmupSteps = try c.decodeIfPresent(Int.self, forKey: .warmupSteps) ?? 0
        warmupStart = try c.decodeIfPresent(Double.self, forKey: .warmupStart) ?? 0
        every = try c.decodeIfPresent(Int.self, forKey: .every)
        gamma = try c.decodeIfPresent(Double.self, forKey: .gamma)
        milestones = try c.decodeIfPresent([Int].self, forKey: .milestones)
        minFactor = try c.decodeIfPresent(Double.self, forKey: .minFactor)
        restarts = try c.decodeIfPresent(Bool.self, forKey: .restarts)
        period = try c.decodeIfPresent(Int.self, forKey: .period)
        periodMultiplier = try c.decodeIfPresent(Double.self, forKey: .periodMultiplier)
        peakFraction = try c.decodeIfPresent(Double.self, forKey: .peakFraction)
        divFactor = try c.decodeIfPresent(Double.self, forKey: .divFactor)
        finalDivFactor = try c.decodeIfPresent(Double.self, forKey: .finalDivFactor)
        cutFraction = try c.decodeIfPresent(Double.self, forKey: .cutFraction)
        ratio = try c.decodeIfPresent(Double.self, forKey: .ratio)
        points = try c.decodeIfPresent([[Double]].self, forKey: .points)
    }

    /// The schedule for a run of `totalSteps` steps with base rate `lr`; lengths not given
    /// default to the whole run (cosine decays over the steps after the warm-up).
    public func schedule(lr: Double, totalSteps: Int) -> LRSchedule {
        let total = Swift.max(totalSteps, 2)
        let shape: LRSchedule.Shape
        switch kind {
        case .constant: shape = .constant
        case .step: shape = .step(every: every ?? Swift.max(total / 3, 1), gamma: gamma ?? 0.1)
        case .multistep: shape = .multiStep(milestones: milestones ?? [total / 2, total * 3 / 4], gamma: gamma ?? 0.1)
        case .exponential: shape = .exponential(gamma: gamma ?? 0.999)
        case .cosine:
            shape = .cosine(period: period ?? Swift.max(total - warmupSteps, 1), minimumFactor: minFactor ?? 0,
                            restarts: restarts ?? false, periodMultiplier: periodMultiplier ?? 1)
        case .oneCycle:
            shape = .oneCycle(total: total, peakFraction: peakFraction ?? 0.3, divFactor: divFactor ?? 25, finalDivFactor: finalDivFactor ?? 1e4)
        case .slantedTriangular:
            shape = .slantedTriangular(total: total, cutFraction: cutFraction ?? 0.1, ratio: ratio ?? 32)
        case .inverseSqrt: shape = .inverseSquareRoot(warmup: Swift.max(warmupSteps, 1))
        case .piecewise:
            shape = .piecewise(points: (points ?? []).compactMap { $0.count == 2 ? LRSchedule.Point(step: Int($0[0]), factor: $0[1]) : nil })
        }
        return LRSchedule(base: lr, shape: shape, warmupSteps: warmupSteps, warmupStartFactor: warmupStart)
    }
}

public struct TrainingConfig: Codable, Sendable, Equatable {
    public var epochs: Int
    public var batchSize: Int
    public var labelSmoothing: Double
    public var evalBatchSize: Int
    /// Kernel threads (default: every core but one, leaving one for the UI).
    public var threads: Int?
    /// Steps between checkpoints (default: once per epoch).
    public var checkpointEvery: Int?

    public init(epochs: Int = 5, batchSize: Int = 64, labelSmoothing: Double = 0, evalBatchSize: Int = 256,
                threads: Int? = nil, checkpointEvery: Int? = nil) {
        (self.epochs, self.batchSize, self.labelSmoothing, self.evalBatchSize) = (epochs, batchSize, labelSmoothing, evalBatchSize)
        (self.threads, self.checkpointEvery) = (threads, checkpointEvery)
    }

    enum CodingKeys: String, CodingKey {
        case epochs, batchSize = "batch_size", labelSmoothing = "label_smoothing", evalBatchSize = "eval_batch_size"
        case threads, checkpointEvery = "checkpoint_every"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        epochs = try c.decodeIfPresent(Int.self, forKey: .epochs) ?? 5
        batchSize = try c.decodeIfPresent(Int.self, forKey: .batchSize) ?? 64
        labelSmoothing = try c.decodeIfPresent(Double.self, forKey: .labelSmoothing) ?? 0
        evalBatchSize = try c.decodeIfPresent(Int.self, forKey: .evalBatchSize) ?? 256
        threads = try c.decodeIfPresent(Int.self, forKey: .threads)
        checkpointEvery = try c.decodeIfPresent(Int.self, forKey: .checkpointEvery)
    }
}

public struct DiagnosticsConfig: Codable, Sendable, Equatable {
    /// Train the same architecture from scratch on the same batches, for the negative-transfer gap.
    public var scratchBaseline: Bool
    /// Held-out examples of the backbone's source task, for the forgetting warning: before
    /// step 1 and at every evaluation, the run's current features are read by the untouched
    /// source head and its accuracy on these examples is compared with the first value.
    /// Written with the keys of `data`, but only `train` (with `labels`, `format`, `limit`,
    /// `shape`, `scale`, `max_length`, `permute_pixels`) and `classes` are used: the whole
    /// file is the probe, inputs are normalised as the run's, and the classes default to the
    /// card's source classes (`classes` names the file's classes in the head's output order).
    /// Needs pretrained weights that keep their source head.
    public var sourceProbe: DataConfig?
    public init(scratchBaseline: Bool = false, sourceProbe: DataConfig? = nil) {
        (self.scratchBaseline, self.sourceProbe) = (scratchBaseline, sourceProbe)
    }
    enum CodingKeys: String, CodingKey { case scratchBaseline = "scratch_baseline", sourceProbe = "source_probe" }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        scratchBaseline = try c.decodeIfPresent(Bool.self, forKey: .scratchBaseline) ?? false
        sourceProbe = try c.decodeIfPresent(DataConfig.self, forKey: .sourceProbe)
    }
}

public struct OutputConfig: Codable, Sendable, Equatable {
    /// Directory in which each run gets its own directory.
    public var runs: String
    public init(runs: String = "runs") { self.runs = runs }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        runs = try c.decodeIfPresent(String.self, forKey: .runs) ?? "runs"
    }
}
