import ThawTUI
import ThawTrainingAPI

extension Update {
    /// The selected backbone's tree, or nil while its layers are unknown.
    static func freezeTree(_ state: AppState) -> FreezeTree? {
        guard let backbone = state.selectedBackbone, !backbone.layers.isEmpty else { return nil }
        return FreezeTree(layers: backbone.layers)
    }

    static func layers(_ state: inout AppState, _ action: Action) -> [Effect] {
        guard let backbone = state.selectedBackbone, let tree = freezeTree(state) else {
            say(&state, state.selectedBackbone == nil ? "choose a backbone first (screen 1)" : "reading the layer tree", .warning)
            return []
        }
        let page = Navigation.page(state)
        if state.focus == 1 {
            if let offset = Navigation.scrolled(state.layers.detailScroll, action, page: page) { state.layers.detailScroll = offset }
            return []
        }
        // A selection inside closed nodes (set by a warning, or before a collapse) is revealed.
        if let selected = state.layers.selected, tree.paths.contains(selected) {
            var ancestor = FreezeTree.parent(of: selected)
            while let path = ancestor {
                state.layers.expanded.insert(path)
                ancestor = FreezeTree.parent(of: path)
            }
        }
        let rows = TreeModel.visibleRows(tree.treeNodes(), expanded: state.layers.expanded)
        let selected = state.layers.selected.flatMap { id in rows.contains { $0.id == id } ? id : nil } ?? rows.first?.id
        state.layers.selected = selected
        let index = selected.flatMap { id in rows.firstIndex { $0.id == id } } ?? 0
        if let next = Navigation.moved(index, action, count: rows.count, page: page) {
            state.layers.selected = rows.isEmpty ? nil : rows[next].id
            return []
        }
        guard let path = selected else { return [] }
        var frozen = state.config.freeze.frozen
        switch action {
        case .expand:
            let result = TreeModel.expand(path, rows: rows, expanded: state.layers.expanded)
            (state.layers.expanded, state.layers.selected) = (result.expanded, result.selected)
        case .collapse:
            let result = TreeModel.collapse(path, rows: rows, expanded: state.layers.expanded)
            (state.layers.expanded, state.layers.selected) = (result.expanded, result.selected)
        case .toggleFrozen:
            let wasFrozen = tree.status(of: path, frozen: frozen) == .frozen
            frozen = tree.toggling(path, in: frozen)
            state.config.freeze.frozen = frozen
            say(&state, (wasFrozen ? "thawed " : "froze ") + path)
        case .freezeBelow:
            guard let below = tree.freezingBelow(path, blocks: backbone.blocks, heads: backbone.headPrefixes) else {
                say(&state, "nothing below \(FreezeTree.block(of: path)) to freeze")
                return []
            }
            state.config.freeze.frozen = below
            say(&state, "froze everything below \(FreezeTree.block(of: path)): \(below.joined(separator: ", "))")
        case .cycleBatchNorm:
            let all = BatchNormPolicy.allCases
            let next = all[((all.firstIndex(of: state.config.freeze.batchNorm) ?? 0) + 1) % all.count]
            state.config.freeze.batchNorm = next
            say(&state, "BatchNorm in frozen parts: \(next.rawValue)")
        case .raiseRate, .lowerRate:
            let block = FreezeTree.block(of: path)
            state.config.optimizer = RateGroups.adjusting(block, up: action == .raiseRate, in: state.config.optimizer)
            let scale = RateGroups.scale(for: block, in: state.config.optimizer)
            say(&state, "learning rate of \(block): base x \(Format.number(scale))")
        default:
            break
        }
        return []
    }
}

extension FreezeTree {
    /// The tree as the `Tree` widget's nodes; `label` and `detail` style each row.
    func treeNodes(label: (Node) -> Span = { Span($0.name) }, detail: (Node) -> Span? = { _ in nil }) -> [TreeNode] {
        func convert(_ node: Node) -> TreeNode {
            TreeNode(id: node.path, label: label(node), detail: detail(node), children: node.children.map(convert))
        }
        return roots.map(convert)
    }
}
