import ThawNN
import ThawTrainingAPI

extension Trainer {
    /// Replaces the freeze plan mid-run. Optimizer state is kept (it is keyed by parameter
    /// name), and newly thawed parameters take their group's scheduled rate from the next
    /// step on: the rate is recomputed for every group at every step, so no group can be left
    /// outside the schedule.
    public func setFreezePlan(_ plan: FreezePlan) {
        freezePlan = plan
        applyFreezePlan(epoch: epoch)
    }

    /// Sets trainability and BatchNorm behaviour for `epoch` (gradual unfreezing moves on
    /// with the epochs). Dropout inside frozen parts is switched off (see `enterTrainingMode`).
    func applyFreezePlan(epoch: Int) {
        let frozen = freezePlan.effectiveFrozen(epoch: epoch)
        func isFrozen(_ path: String) -> Bool { frozen.contains { path == $0 || path.hasPrefix($0 + ".") } }
        for (key, parameter) in backbone.namedParameters() { parameter.requiresGradient = !isFrozen(key) }
        frozenDropouts = backbone.namedModules().filter { isFrozen($0.path) && $0.module is Dropout }.map(\.module)
        updateFeatureCaching(frozen: isFrozen)
        for entry in backbone.namedModules() {
            guard let bn = entry.module as? BatchNorm2d, isFrozen(entry.path) else {
                (entry.module as? BatchNorm2d)?.freezesStatistics = false
                continue
            }
            bn.freezesStatistics = freezePlan.batchNorm != .train
            let affineTrains = freezePlan.batchNorm != .frozen
            bn.weight.requiresGradient = affineTrains
            bn.bias.requiresGradient = affineTrains
        }
    }

    /// Contradictions between the plan, the model and the optimizer, as sentences for the
    /// Layers screen: frozen BatchNorm layers whose statistics would still move, groups with
    /// no learning rate, trainable parameters no group updates.
    public func invariantProblems() -> [String] {
        var problems: [String] = []
        let frozen = freezePlan.effectiveFrozen(epoch: epoch)
        for entry in backbone.namedModules() {
            guard let bn = entry.module as? BatchNorm2d,
                  frozen.contains(where: { entry.path == $0 || entry.path.hasPrefix($0 + ".") }) else { continue }
            if freezePlan.batchNorm != .train && !bn.freezesStatistics {
                problems.append("\(entry.path) is frozen but its BatchNorm statistics still update")
            }
        }
        for group in groups where !(group.learningRateScale > 0) || !group.learningRateScale.isFinite {
            problems.append("group \(group.name) gets no learning rate (scale \(group.learningRateScale))")
        }
        let grouped = Set(groups.flatMap { $0.members.map { ObjectIdentifier($0.parameter) } })
        for (key, parameter) in backbone.namedParameters() where parameter.requiresGradient && !grouped.contains(ObjectIdentifier(parameter)) {
            problems.append("\(key) is trainable but in no optimizer group")
        }
        return problems
    }
}

extension Trainer {
    /// Training mode for the trainable parts. Frozen parts keep Dropout off: a frozen feature
    /// extractor should hand the head the same features every time, as `backbone.eval()` does
    /// in PyTorch recipes.
    func enterTrainingMode() {
        backbone.setTraining(true)
        for module in frozenDropouts { module.isTraining = false }
    }
}

extension Trainer {
    /// Caching is safe only while the backbone below the head is a fixed function of the
    /// example: all of it frozen, no BatchNorm on batch statistics, no augmentation.
    func updateFeatureCaching(frozen isFrozen: (String) -> Bool) {
        let heads = backbone.headPrefixes
        func inHead(_ key: String) -> Bool { heads.contains { key == $0 || key.hasPrefix($0 + ".") } }
        let bodyFrozen = backbone.namedParameters().allSatisfy { inHead($0.key) || !$0.parameter.requiresGradient }
        let statisticsFixed = backbone.namedModules().allSatisfy { entry in
            guard let bn = entry.module as? BatchNorm2d, !inHead(entry.path) else { return true }
            return bn.freezesStatistics
        }
        let bodyDropoutsOff = backbone.namedModules().allSatisfy { entry in
            !(entry.module is Dropout) || inHead(entry.path) || isFrozen(entry.path)
        }
        let enable = bodyFrozen && statisticsFixed && bodyDropoutsOff && loader.augmentation == nil
        if !enable {
            trainingFeatures.removeAll()
            validationFeatures.removeAll()
        }
        cachesFeatures = enable
    }
}
