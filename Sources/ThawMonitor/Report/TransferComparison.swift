/// The negative-transfer comparison of a fine-tuned run against its from-scratch baseline on
/// one shared tag, from logged curves alone.
///
/// Thaw's own scratch shadow run scores both models on the same validation examples and puts
/// a paired-bootstrap interval on the error difference (`NegativeTransferGap`, Wang et al.,
/// CVPR 2019). Logs written by other programs hold only aggregate values, so here the gap is
/// between logged values at matched steps — pretrained − scratch — without an interval, and
/// the verdict is worded as a possibility, never as confirmed. What still can be said
/// exactly: whether and when the scratch run reached the pretrained run's latest value (the
/// training budget scratch needed to match it; He et al., ICCV 2019, show it often does).
public struct TransferComparison: Equatable, Sendable {
    /// One step logged by both runs.
    public struct Match: Equatable, Sendable {
        public var step: Double
        public var pretrained: Double
        public var scratch: Double
        /// pretrained − scratch.
        public var gap: Double { pretrained - scratch }
    }

    public enum Verdict: Equatable, Sendable {
        case noOverlap, pretrainedBetter, scratchBetter, even
    }

    /// Gaps averaged for the verdict: the latest quarter of the matched steps, at most five,
    /// not the whole run — the question is whether pretraining still helps now, and an early
    /// lead that scratch has since made up must not count.
    public static let recentMatches = 5

    /// How many of the latest matched steps the verdict averages.
    public var recentCount: Int { Swift.min(Self.recentMatches, Swift.max(1, matches.count / 4)) }

    public var tag: String
    public var direction: MetricDirection
    public var matches: [Match]
    public var pretrainedLast: ScalarPoint?
    /// The scratch run's latest finite value and its best.
    public var scratchLast: ScalarPoint?
    public var scratchBest: ScalarPoint?
    /// The target scratch had to reach: the pretrained run's latest finite value.
    public var pretrainedLatest: ScalarPoint?
    /// The first step at which scratch was at least as good as `pretrainedLatest`.
    public var scratchReachedPretrained: Double?
    /// The first step at which the pretrained run was at least as good as scratch's best.
    public var pretrainedReachedScratchBest: Double?
    /// A series was downsampled (see `TagSeries`): matches are among the stored points and
    /// the crossing steps may be late by up to one bucket.
    public var isApproximate: Bool

    public init(tag: String, pretrained: TagSeries, scratch: TagSeries, direction: MetricDirection? = nil) {
        self.tag = tag
        let direction = direction ?? MetricDirection(guessingFrom: tag)
        self.direction = direction
        let p = pretrained.points, s = scratch.points
        matches = Self.match(p, s)
        pretrainedLast = pretrained.last
        scratchLast = scratch.last
        scratchBest = scratch.best(direction)
        pretrainedLatest = p.last { $0.value.isFinite }
        scratchReachedPretrained = pretrainedLatest.flatMap { target in
            Self.firstStep(in: s) { direction.isAtLeastAsGood($0, as: target.value) }
        }
        pretrainedReachedScratchBest = scratchBest.flatMap { target in
            Self.firstStep(in: p) { direction.isAtLeastAsGood($0, as: target.value) }
        }
        isApproximate = !pretrained.isExact || !scratch.isExact
    }

    /// Steps both runs logged with finite values; a step logged twice counts with its later value.
    static func match(_ pretrained: [ScalarPoint], _ scratch: [ScalarPoint]) -> [Match] {
        var scratchByStep: [Double: Double] = [:]
        for point in scratch where point.value.isFinite { scratchByStep[point.step] = point.value }
        var pretrainedByStep: [Double: Double] = [:]
        for point in pretrained where point.value.isFinite { pretrainedByStep[point.step] = point.value }
        return pretrainedByStep.keys.sorted().compactMap { step in
            scratchByStep[step].map { Match(step: step, pretrained: pretrainedByStep[step]!, scratch: $0) }
        }
    }

    static func firstStep(in points: [ScalarPoint], where good: (Double) -> Bool) -> Double? {
        points.filter { $0.value.isFinite && good($0.value) }.map(\.step).min()
    }

    /// The mean gap over the last `recentCount` matched steps.
    public var recentMeanGap: Double? {
        let recent = matches.suffix(recentCount)
        guard !recent.isEmpty else { return nil }
        return recent.reduce(0) { $0 + $1.gap } / Double(recent.count)
    }

    public var verdict: Verdict {
        guard let gap = recentMeanGap else { return .noOverlap }
        if gap == 0 { return .even }
        return direction.isBetter(gap, than: 0) ? .pretrainedBetter : .scratchBetter
    }

    /// Tags both runs logged, most telling first: validation accuracy, validation loss, then
    /// other accuracies and losses, then the rest by name.
    public static func sharedTags(_ a: RunData, _ b: RunData) -> [String] {
        let shared = Set(a.tags.keys).intersection(b.tags.keys)
        func rank(_ tag: String) -> Int {
            let t = tag.lowercased()
            let validation = t.contains("val") || t.contains("eval") || t.contains("test")
            let accuracy = MetricDirection(guessingFrom: tag) == .higherIsBetter
            let loss = t.contains("loss")
            switch (validation, accuracy, loss) {
            case (true, true, _): return 0
            case (true, _, true): return 1
            case (_, true, _): return 2
            case (_, _, true): return 3
            default: return 4
            }
        }
        return shared.sorted { (rank($0), $0) < (rank($1), $1) }
    }
}
