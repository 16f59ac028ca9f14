import ThawTrainingAPI

extension Update {
    static func backbones(_ state: inout AppState, _ action: Action) -> [Effect] {
        let page = Navigation.page(state)
        if state.focus == 1, let offset = Navigation.scrolled(state.backbones.detailScroll, action, page: page) {
            state.backbones.detailScroll = offset
            return []
        }
        if let cursor = Navigation.moved(state.backbones.cursor, action, count: state.zoo.count, page: page) {
            if cursor != state.backbones.cursor { state.backbones.detailScroll = 0 }
            state.backbones.cursor = cursor
            return []
        }
        switch action {
        case .selectBackbone:
            guard let backbone = state.backboneAtCursor else {
                say(&state, "no backbone to choose; add one with --backbones DIR", .warning)
                return []
            }
            choose(backbone, in: &state)
            return []
        case .sortBackbones:
            sortBackbones(&state)
            return []
        case .refreshZoo:
            state.zooLoading = true
            say(&state, "looking for backbones")
            return [.refreshZoo]
        default:
            return []
        }
    }

    /// Makes `backbone` the experiment's. Freeze paths and groups that do not exist in its
    /// tree are dropped (they named layers of the previous backbone).
    static func choose(_ backbone: BackboneSummary, in state: inout AppState) {
        state.config.backbone.name = backbone.name
        state.config.backbone.path = nil
        if !backbone.layers.isEmpty {
            let known = Set(backbone.layers.map(\.path))
            state.config.freeze.frozen = state.config.freeze.frozen.filter(known.contains)
            if let gradual = state.config.freeze.gradual, !gradual.groups.flatMap({ $0 }).allSatisfy(known.contains) {
                state.config.freeze.gradual = nil
            }
            state.config.optimizer.groups = state.config.optimizer.groups.filter { $0.paths.allSatisfy(known.contains) }
            if let d = state.config.optimizer.discriminative, !d.blocks.allSatisfy(known.contains) {
                state.config.optimizer.discriminative = nil
            }
        }
        state.layers = LayersUI(selected: backbone.blocks.first)
        var text = "backbone: \(backbone.name), \(backbone.sourceClasses.count) source classes"
        if let dataset = state.dataset, dataset.classes.count != backbone.sourceClasses.count {
            text += "; its head is replaced for \(dataset.classes.count) target classes"
        }
        say(&state, text + (state.training.isActive ? " (for the next run)" : ""), .success)
    }
}
