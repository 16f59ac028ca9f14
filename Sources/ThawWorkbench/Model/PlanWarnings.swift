import ThawTrainingAPI

/// Contradictions in a freeze plan, found from the plan and the layer tree alone, so the
/// Layers screen can show them while the user edits, before anything runs.
enum PlanWarnings {
    static func problems(_ config: RunConfig, tree: FreezeTree, heads: [String]) -> [String] {
        let plan = config.freeze.plan
        var problems: [String] = []
        for path in plan.frozen where !tree.paths.contains(path) {
            problems.append("frozen path \"\(path)\" matches no layer of this backbone")
        }
        for path in plan.frozen {
            if let outer = plan.frozen.first(where: { $0 != path && FreezeTree.covers($0, path) }) {
                problems.append("\"\(path)\" is inside \"\(outer)\", which is already frozen")
            }
        }
        let frozenBatchNorms = plan.frozen.flatMap { tree.batchNormPaths(under: $0) }
        if plan.batchNorm == .train, !frozenBatchNorms.isEmpty {
            problems.append("BN policy train: \(frozenBatchNorms.count) BatchNorm layer(s) in frozen parts still update "
                + "their statistics and affine weights on target batches")
        }
        if let head = heads.first(where: { head in plan.frozen.contains { FreezeTree.covers($0, head) } }) {
            problems.append("the head \"\(head)\" is frozen: nothing learns the new classes")
        }
        let counts = tree.parameterCounts(plan)
        if counts.trainable == 0, counts.frozen > 0 { problems.append("nothing would train: every parameter is frozen") }
        if let gradual = plan.gradual {
            for path in gradual.groups.flatMap({ $0 }) where !plan.frozen.contains(path) {
                problems.append("gradual unfreezing thaws \"\(path)\", which is not in the frozen list, so it changes nothing")
            }
        }
        for group in RateGroups.scales(config.optimizer) {
            for path in group.paths where !tree.paths.contains(path) {
                problems.append("group \"\(group.name)\" names \"\(path)\", which matches no layer")
            }
            if !(group.scale > 0) {
                problems.append("group \"\(group.name)\" has learning-rate scale 0: freeze its layers instead")
            } else if group.scale != 1, group.paths.allSatisfy({ path in plan.frozen.contains { FreezeTree.covers($0, path) } }),
                      plan.gradual == nil {
                problems.append("group \"\(group.name)\" has its own learning rate but all of it is frozen")
            }
        }
        return problems
    }
}
