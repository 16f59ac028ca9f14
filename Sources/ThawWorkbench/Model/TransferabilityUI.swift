import ThawTrainingAPI

/// The Backbones screen's view of transferability: the current scoring job, its sample, each
/// backbone's outcome and the ranking of those scored so far. Kept apart from the zoo's
/// `BackboneSummary` values because it lives as long as the data, not as long as the cards:
/// a new dataset clears it while the zoo stays.
public struct TransferabilityUI: Equatable, Sendable {
    public enum Phase: Equatable, Sendable {
        /// Nothing to score yet (no data or no zoo).
        case idle
        /// Requested: the sample is being read.
        case preparing
        case scoring
        case finished
        /// The data could not be read for scoring; why.
        case unavailable(String)
    }

    /// The newest request's number; progress from older (cancelled) jobs is ignored.
    public var job = 0
    public var phase: Phase = .idle
    public var sample: TransferabilitySample?
    /// By backbone name: scored, incompatible or failed. Absent while waiting to be scored.
    public var outcomes: [String: BackboneTransferability] = [:]
    public var ranking: TransferabilityRanking?
    public var sort: BackboneSort = .rank

    public init(job: Int = 0, sort: BackboneSort = .rank) {
        self.job = job
        self.sort = sort
    }

    /// Candidates scored (or failed) so far, and how many there are.
    public var progress: (done: Int, total: Int) {
        let candidates = sample?.candidates ?? []
        return (candidates.filter { outcomes[$0] != nil }.count, candidates.count)
    }

    /// The candidate being scored now, nil when none is.
    public var scoring: String? {
        guard phase == .scoring else { return nil }
        return sample?.candidates.first { outcomes[$0] == nil }
    }
}

/// What the Backbones table is sorted by; `o` cycles through them. The metric column shows
/// the metric sorted by (LogME for the combined rank and the zoo order).
public enum BackboneSort: String, CaseIterable, Sendable {
    case rank, logME, leep, nce, hScore, zoo

    public var title: String {
        switch self {
        case .rank: "rank"
        case .logME: "LogME"
        case .leep: "LEEP"
        case .nce: "NCE"
        case .hScore: "H-score"
        case .zoo: "zoo order"
        }
    }

    /// The metric the table's score column shows.
    var metric: BackboneSort { [.logME, .leep, .nce, .hScore].contains(self) ? self : .logME }

    var next: BackboneSort {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// This metric's value in `scores` (for the combined rank and zoo order: LogME).
    func value(_ scores: TransferabilityScores) -> Double? {
        switch metric {
        case .leep: scores.leep
        case .nce: scores.nce
        case .hScore: scores.hScore
        default: scores.logME
        }
    }
}

extension AppState {
    /// The zoo as the Backbones table lists it: by the chosen sort, backbones without a
    /// value for it after the others, each group in zoo order.
    public var listedBackbones: [BackboneSummary] {
        let transfer = self.transfer
        let key: (BackboneSummary) -> Double? = switch transfer.sort {
        case .zoo: { _ in nil }
        case .rank: { b in transfer.ranking?.row(for: b.name).map { Double($0.rank) } }
        default: { b in transfer.outcomes[b.name]?.scores.flatMap(transfer.sort.value).map { -$0 } }
        }
        return zoo.enumerated().sorted { a, b in
            switch (key(a.element), key(b.element)) {
            case let (x?, y?) where x != y: x < y
            case (.some, nil): true
            case (nil, .some): false
            default: a.offset < b.offset
            }
        }.map(\.element)
    }

    /// The backbone under the cursor on the Backbones screen.
    public var backboneAtCursor: BackboneSummary? {
        let listed = listedBackbones
        return listed.indices.contains(backbones.cursor) ? listed[backbones.cursor] : nil
    }
}
