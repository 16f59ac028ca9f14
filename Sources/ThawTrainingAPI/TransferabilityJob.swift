/// The workbench's request to score the zoo on the target data, and the messages the
/// scoring sends back while it works. Every message carries the request's `job` number, so
/// results of a request that was cancelled (data or zoo changed) can be told apart and dropped.

/// Score every compatible backbone on a seeded sample of the training split of `data`.
public struct TransferabilityRequest: Sendable, Equatable {
    /// Numbered by the workbench; newer requests have larger numbers.
    public var job: Int
    public var data: DataConfig
    /// Seeds the split (as a run would) and the sample.
    public var seed: UInt64
    /// At most this many examples are scored: every backbone runs over all of them and
    /// LogME and H-score grow with N·D², so the sample keeps an answer to seconds.
    public var limit: Int

    public init(job: Int, data: DataConfig, seed: UInt64, limit: Int = 500) {
        (self.job, self.data, self.seed, self.limit) = (job, data, seed, limit)
    }
}

/// The sample a job scores and the backbones it will (and will not) score.
public struct TransferabilitySample: Sendable, Equatable {
    /// The training file, as the experiment names it.
    public var target: String
    public var examples: Int
    public var classes: Int
    /// Compatible backbones, in the order they will be scored.
    public var candidates: [String]
    /// Backbones that cannot read the data, each with an `.incompatible` outcome.
    public var skipped: [BackboneTransferability]

    public init(target: String, examples: Int, classes: Int, candidates: [String], skipped: [BackboneTransferability]) {
        (self.target, self.examples, self.classes, self.candidates, self.skipped) = (target, examples, classes, candidates, skipped)
    }
}

/// Progress of a scoring job, posted as it happens.
public enum TransferabilityProgress: Sendable, Equatable {
    /// The sample is drawn; scoring begins.
    case started(job: Int, TransferabilitySample)
    /// One backbone done, with the ranking of all scored so far (nil while none scored).
    case result(job: Int, BackboneTransferability, ranking: TransferabilityRanking?)
    /// Nothing can be scored: the data could not be read, or no backbone was found.
    case unavailable(job: Int, reason: String)

    public var job: Int {
        switch self {
        case .started(let job, _), .result(let job, _, _), .unavailable(let job, _): job
        }
    }
}
