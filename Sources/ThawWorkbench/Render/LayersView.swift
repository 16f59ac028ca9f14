import ThawTUI
import ThawTrainingAPI

/// Screen 3: the freeze tree, and the plan's consequences (counts, BN policy, per-block
/// rates, contradictions).
enum LayersView {
    static func render(_ view: ViewContext, in area: Rect, into buffer: inout Buffer) {
        let state = view.state
        let parts = area.width >= 100 ? area.split(.horizontal, [.fill(3), .fill(2)])
            : area.split(.horizontal, [.fill(1), .fill(1)])
        let backbone = state.selectedBackbone
        let treeBlock = view.block("Layers" + (backbone.map { ": " + $0.name } ?? ""), panel: 0)
        treeBlock.render(in: parts[0], into: &buffer, theme: view.theme)
        let treeArea = treeBlock.inner(parts[0]).inset(by: Margin(horizontal: 1, vertical: 0))
        let planBlock = view.block("Freeze plan", panel: 1)
        planBlock.render(in: parts[1], into: &buffer, theme: view.theme)
        let planArea = planBlock.inner(parts[1]).inset(by: Margin(horizontal: 1, vertical: 0))
        guard let backbone, !backbone.layers.isEmpty else {
            buffer.render(Paragraph([Line([Span(placeholder(state), role: .muted)])]), in: treeArea, theme: view.theme)
            return
        }
        let tree = FreezeTree(layers: backbone.layers)
        let frozen = state.training.isActive ? state.freezePlan.effectiveFrozen(epoch: state.training.history.lastStep?.epoch ?? 0)
            : state.config.freeze.frozen
        let nodes = tree.treeNodes(label: { node in
            let status = tree.status(of: node.path, frozen: frozen)
            return Span(node.name + "  " + node.layer.summary, role: status == .frozen ? .muted : .foreground)
        }, detail: { node in detail(node, tree.status(of: node.path, frozen: frozen), view) })
        let selected = state.layers.selected ?? backbone.blocks.first
        Tree(nodes: nodes, expanded: state.layers.expanded, selected: selected).render(in: treeArea, into: &buffer, theme: view.theme)
        buffer.lines(plan(view, tree: tree, backbone: backbone, selected: selected), in: planArea, theme: view.theme,
                     scroll: state.layers.detailScroll, wrap: true)
    }

    static func placeholder(_ state: AppState) -> String {
        if state.selectedBackbone != nil { return "Reading the layer tree..." }
        if state.config.backbone.path != nil { return "The experiment names a backbone by path; its tree shows once it is in the zoo (--backbones DIR)." }
        return "No pretrained backbone: the experiment trains an MLP from scratch. Choose one on screen 1 to freeze its layers."
    }

    static func detail(_ node: FreezeTree.Node, _ status: FreezeTree.Status, _ view: ViewContext) -> Span {
        let count = Format.count(node.layer.parameters)
        switch status {
        case .frozen: return Span(count + " frozen", role: .primary)
        case .partlyFrozen: return Span(count + " partly", role: .warning)
        case .trainable: return Span(count + " train ", role: node.layer.parameters == 0 ? .muted : .success)
        }
    }

    static func plan(_ view: ViewContext, tree: FreezeTree, backbone: BackboneSummary, selected: String?) -> [Line] {
        let state = view.state
        let config = state.config
        let counts = tree.parameterCounts(config.freeze.plan)
        let total = Swift.max(1, counts.trainable + counts.frozen)
        func row(_ key: String, _ value: String, _ role: ThemeRole = .foreground) -> Line {
            Line([Span(key.padding(11), role: .muted), Span(value, role: role)])
        }
        var lines = [
            row("trainable", "\(Format.count(counts.trainable)) (\(Format.percent(Double(counts.trainable) / Double(total))))", .success),
            row("frozen", "\(Format.count(counts.frozen)) (\(Format.percent(Double(counts.frozen) / Double(total))))", .primary),
            row("BN policy", config.freeze.batchNorm.rawValue),
        ]
        if let gradual = config.freeze.plan.gradual {
            let steps = zip(gradual.thawEpochs, gradual.groups).map { "epoch \($0 + 1): \($1.joined(separator: ","))" }
            lines.append(row("gradual", steps.joined(separator: "; ")))
        }
        lines.append(Line(""))
        lines.append(Line([Span("learning rate per block (+/-)", role: .title, flags: .bold)]))
        for block in backbone.blocks where (tree.node(block)?.layer.parameters ?? 0) > 0 {
            let scale = RateGroups.scale(for: block, in: config.optimizer)
            let status = tree.status(of: block, frozen: config.freeze.frozen)
            let rate = config.optimizer.lr * scale
            let marker = block == selected.map(FreezeTree.block(of:)) ? view.glyphs.selectionMarker : " "
            lines.append(Line([Span(marker + " "), Span(block.padding(12)),
                               Span((view.symbols.times + Format.number(scale)).padding(8), role: scale == 1 ? .muted : .accent),
                               Span(status == .frozen ? "frozen" : "lr " + Format.number(rate), role: status == .frozen ? .primary : .foreground)]))
        }
        let problems = PlanWarnings.problems(config, tree: tree, heads: backbone.headPrefixes)
        lines.append(Line(""))
        if problems.isEmpty {
            lines.append(Line([Span(view.symbols.check + " no contradictions in the plan", role: .success)]))
        } else {
            lines.append(Line([Span("\(problems.count) problem(s)", role: .warning, flags: .bold)]))
            lines += problems.map { Line([Span(view.symbols.bullet + " " + $0, role: .warning)]) }
        }
        if let selected, let node = tree.node(selected) {
            lines.append(Line(""))
            lines.append(row("selected", node.path, .accent))
            lines.append(row("module", node.layer.summary))
            lines.append(row("parameters", "\(node.layer.parameters)"))
        }
        return lines
    }
}
