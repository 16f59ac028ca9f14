/// Which parts of a network train, as a value the Layers screen edits and a checkpoint stores.
///
/// Paths are module paths as in the state dict (`layer1`, `encoder.layer.0`): a path freezes
/// that module and everything inside it. Frozen parameters get no gradient and no optimizer
/// update; how BatchNorm layers inside frozen parts behave is `batchNorm`.
public struct FreezePlan: Codable, Sendable, Equatable {
    public var frozen: [String]
    public var batchNorm: BatchNormPolicy
    public var gradual: GradualUnfreezing?

    public init(frozen: [String] = [], batchNorm: BatchNormPolicy = .frozenStatistics, gradual: GradualUnfreezing? = nil) {
        self.frozen = frozen
        self.batchNorm = batchNorm
        self.gradual = gradual
    }

    /// Nothing frozen: full fine-tuning.
    public static let none = FreezePlan()

    /// Freezes the first `count` of `blocks` (ordered input → output): "everything below block k".
    public static func freezeBelow(_ blocks: [String], count: Int, batchNorm: BatchNormPolicy = .frozenStatistics) -> FreezePlan {
        FreezePlan(frozen: Array(blocks.prefix(Swift.max(0, count))), batchNorm: batchNorm)
    }

    /// True when `path` (a parameter key or module path) lies in a frozen part at `epoch`.
    public func isFrozen(_ path: String, epoch: Int = 0) -> Bool {
        effectiveFrozen(epoch: epoch).contains { path == $0 || path.hasPrefix($0 + ".") }
    }

    /// The frozen paths at `epoch`, after gradual unfreezing has thawed what it has.
    public func effectiveFrozen(epoch: Int) -> [String] {
        guard let gradual else { return frozen }
        let thawed = Set(gradual.thawed(atEpoch: epoch).flatMap { $0 })
        return frozen.filter { !thawed.contains($0) }
    }
}

/// How BatchNorm layers inside frozen parts behave (the Layers screen's BN policy).
public enum BatchNormPolicy: String, Codable, Sendable, CaseIterable {
    /// They keep training: batch statistics, running statistics updated, affine weight and
    /// bias trainable ("BN-only" adaptation of an otherwise frozen network).
    case train
    /// Running statistics used and kept (evaluation mode); the affine weight and bias still
    /// train. The usual choice for small target batches.
    case frozenStatistics = "frozen-statistics"
    /// Statistics and affine parameters frozen: the layer is a fixed function.
    case frozen
}

/// ULMFiT-style gradual unfreezing: `groups` (output side first) are thawed one at a time,
/// one every `everyEpochs` epochs, starting after `startEpoch`.
public struct GradualUnfreezing: Codable, Sendable, Equatable {
    public var groups: [[String]]
    public var everyEpochs: Int
    public var startEpoch: Int

    public init(groups: [[String]], everyEpochs: Int = 1, startEpoch: Int = 1) {
        self.groups = groups
        self.everyEpochs = Swift.max(1, everyEpochs)
        self.startEpoch = Swift.max(0, startEpoch)
    }

    /// Groups thawed by the start of `epoch` (0-based).
    public func thawed(atEpoch epoch: Int) -> [[String]] {
        guard epoch >= startEpoch else { return [] }
        let count = (epoch - startEpoch) / everyEpochs + 1
        return Array(groups.prefix(count))
    }

    /// The epochs at which a group thaws, for the schedule preview's markers.
    public var thawEpochs: [Int] {
        groups.indices.map { startEpoch + $0 * everyEpochs }
    }
}
