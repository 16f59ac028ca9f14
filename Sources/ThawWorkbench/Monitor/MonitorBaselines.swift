import ThawMonitor

/// Pairing a fine-tuned run with its from-scratch baseline: `b` on the scratch run, then
/// Enter (or `b`) on the run it is the baseline of; `b` on a paired run unpairs it. Pairs
/// named with `--baseline` are made as soon as both runs have been found.
enum MonitorBaselines {
    static func start(_ state: inout MonitorState) {
        guard state.runs.indices.contains(state.runCursor) else {
            MonitorApp.say(&state, "no run selected (Tab moves to the runs)")
            return
        }
        let run = state.runs[state.runCursor]
        if let pair = state.baselines.first(where: { $0.key == run.id || $0.value == run.id }) {
            state.baselines[pair.key] = nil
            MonitorApp.say(&state, "comparison removed")
            return
        }
        state.pickingScratch = run.id
        state.focus = .runs
        MonitorApp.say(&state, "\(run.name) is the scratch baseline of… choose the pretrained run, Enter (Esc cancels)", .warning)
    }

    /// Keys while choosing the pretrained run: movement works, Enter or `b` confirms, Esc
    /// cancels; nil lets other keys act as usual.
    static func picking(_ state: inout MonitorState, _ action: MonitorAction) -> [MonitorEffect]? {
        switch action {
        case .cancel:
            state.pickingScratch = nil
            MonitorApp.say(&state, "no baseline chosen")
            return []
        case .baseline, .zoom:
            return confirm(&state)
        default:
            return nil
        }
    }

    static func confirm(_ state: inout MonitorState) -> [MonitorEffect] {
        guard let scratch = state.pickingScratch, state.runs.indices.contains(state.runCursor) else { return [] }
        let pretrained = state.runs[state.runCursor].id
        state.pickingScratch = nil
        guard pretrained != scratch else {
            MonitorApp.say(&state, "a run cannot be its own baseline")
            return []
        }
        pair(&state, pretrained: pretrained, scratch: scratch)
        return []
    }

    static func pair(_ state: inout MonitorState, pretrained: Int, scratch: Int) {
        // One pairing per run: a run is either a pretrained run or a baseline, once.
        for (key, value) in state.baselines where [key, value].contains(pretrained) || [key, value].contains(scratch) {
            state.baselines[key] = nil
        }
        state.baselines[pretrained] = scratch
        state.comparedTag = nil
        let names = (state.run(id: pretrained)?.name ?? "?", state.run(id: scratch)?.name ?? "?")
        MonitorApp.say(&state, "comparing \(names.0) with its scratch baseline \(names.1)", .success)
    }

    /// Steps the compared tag through the tags both runs logged.
    static func cycleTag(_ state: inout MonitorState) {
        guard let pair = state.comparisonPair else {
            MonitorApp.say(&state, "no comparison: press b on a scratch run, then Enter on its pretrained run")
            return
        }
        let shared = TransferComparison.sharedTags(pair.pretrained.data, pair.scratch.data)
        guard !shared.isEmpty else { return }
        let current = state.comparison.flatMap { shared.firstIndex(of: $0.tag) } ?? -1
        state.comparedTag = shared[(current + 1) % shared.count]
    }

    /// Makes the pairs named on the command line whose runs have both appeared.
    static func applyPending(_ state: inout MonitorState) {
        state.pendingBaselines.removeAll { names in
            guard let pretrained = state.runs.first(where: { $0.name == names.pretrained }),
                  let scratch = state.runs.first(where: { $0.name == names.scratch }) else { return false }
            state.baselines[pretrained.id] = scratch.id
            return true
        }
    }
}
