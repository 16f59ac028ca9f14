import ThawTrainingAPI

/// Scoring the zoo's transferability to the loaded data: when to (re)start it, and folding
/// its progress into the state.
extension Update {
    /// Examples scored per backbone: the bundled backbones take 0.16–0.35 s each on 500.
    static let scoringSampleLimit = 500

    /// Starts scoring the zoo on the loaded data, replacing any job still going; with no
    /// data or no zoo, just stops. Few-shot is left out of the request on purpose: it is a
    /// training budget the Data screen applies without re-reading the data, and the metrics
    /// are steadier on more examples than N per class. (When the file itself holds only the
    /// few labelled examples, those are what is scored.)
    static func restartScoring(_ state: inout AppState) -> [Effect] {
        guard state.dataset != nil, !state.zoo.isEmpty, !state.config.data.train.isEmpty else { return stopScoring(&state) }
        keepingBackboneCursor(&state) { $0.transfer = TransferabilityUI(job: $0.transfer.job + 1, sort: $0.transfer.sort) }
        state.transfer.phase = .preparing
        var data = state.config.data
        data.fewShot = nil
        return [.scoreBackbones(TransferabilityRequest(job: state.transfer.job, data: data, seed: state.config.seed, limit: scoringSampleLimit))]
    }

    /// Drops the scores (they describe data that is going away) and stops any scoring.
    static func stopScoring(_ state: inout AppState) -> [Effect] {
        keepingBackboneCursor(&state) { $0.transfer = TransferabilityUI(job: $0.transfer.job + 1, sort: $0.transfer.sort) }
        return [.stopScoring]
    }

    static func transferability(_ state: inout AppState, _ progress: TransferabilityProgress) -> [Effect] {
        guard progress.job == state.transfer.job else { return [] } // a cancelled job's last words
        keepingBackboneCursor(&state) { state in
            switch progress {
            case let .started(_, sample):
                state.transfer.sample = sample
                for skipped in sample.skipped { state.transfer.outcomes[skipped.backbone] = skipped }
                state.transfer.phase = sample.candidates.isEmpty ? .finished : .scoring
            case let .result(_, outcome, ranking):
                state.transfer.outcomes[outcome.backbone] = outcome
                if let ranking { state.transfer.ranking = ranking }
                let progress = state.transfer.progress
                if progress.done == progress.total {
                    state.transfer.phase = .finished
                    announceRanking(&state)
                }
            case let .unavailable(_, reason):
                state.transfer.phase = .unavailable(reason)
            }
        }
        return []
    }

    /// `o`: the next sort order, the cursor staying on its backbone.
    static func sortBackbones(_ state: inout AppState) {
        keepingBackboneCursor(&state) { $0.transfer.sort = $0.transfer.sort.next }
        say(&state, "backbones sorted by \(state.transfer.sort.title)")
    }

    /// Runs `change` and puts the cursor back on the backbone it was on, wherever the new
    /// order lists it.
    static func keepingBackboneCursor(_ state: inout AppState, _ change: (inout AppState) -> Void) {
        let name = state.backboneAtCursor?.name
        change(&state)
        if let name, let index = state.listedBackbones.firstIndex(where: { $0.name == name }) { state.backbones.cursor = index }
    }

    private static func announceRanking(_ state: inout AppState) {
        guard let ranking = state.transfer.ranking, let best = ranking.rows.first else { return }
        let text = "transferability: \(best.backbone) ranks first of \(ranking.rows.count)"
        if ranking.isUncertain {
            say(&state, text + ", but the metrics disagree (1: Backbones)", .warning)
        } else {
            say(&state, text + ", the metrics agree")
        }
    }
}
