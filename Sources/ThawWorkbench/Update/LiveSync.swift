import ThawTrainingAPI

/// Keeps a running engine in step with the experiment: after every edit, the parts of the
/// configuration an engine can change between steps (freezing, rates, schedule, group
/// multipliers) are compared with what it has, and the difference goes out as commands.
/// Everything else (epochs, batch size, data, backbone) applies to the next run.
enum LiveSync {
    static func sync(_ state: inout AppState, before: RunConfig) -> [Effect] {
        guard state.training.isActive, var live = state.training.liveConfig,
              let launched = state.training.launchedConfig else { return [] }
        let new = state.config
        var commands: [TrainingCommand] = []
        if live.freeze.plan != new.freeze.plan {
            commands.append(.setFreezePlan(new.freeze.plan))
            live.freeze = new.freeze
        }
        if live.optimizer.lr != new.optimizer.lr || live.schedule != new.schedule {
            commands.append(.setSchedule(new.schedule.schedule(lr: new.optimizer.lr, totalSteps: state.totalSteps)))
            live.optimizer.lr = new.optimizer.lr
            live.schedule = new.schedule
        }
        let known = RateGroups.engineScales(launched.optimizer)
        let was = RateGroups.engineScales(live.optimizer), now = RateGroups.engineScales(new.optimizer)
        var unknown: [String] = []
        for name in Set(was.keys).union(now.keys).sorted() where (was[name] ?? 1) != (now[name] ?? 1) {
            if known[name] != nil {
                commands.append(.setLearningRateScale(group: name, scale: now[name] ?? 1))
            } else {
                unknown.append(name)
            }
        }
        if live.optimizer.groups != new.optimizer.groups || live.optimizer.discriminative != new.optimizer.discriminative {
            live.optimizer.groups = new.optimizer.groups
            live.optimizer.discriminative = new.optimizer.discriminative
        }
        state.training.liveConfig = live
        if !unknown.isEmpty {
            Update.say(&state, "new group \(unknown.joined(separator: ", ")) takes effect in the next run", .warning)
        } else if nextRunOnly(before, new) {
            Update.say(&state, "saved for the next run (the running one keeps its epochs, batch size, data and model)")
        }
        return commands.map { .send($0) }
    }

    /// True when `new` differs from `live` in a way no command can carry.
    static func nextRunOnly(_ live: RunConfig, _ new: RunConfig) -> Bool {
        var a = live, b = new
        a.freeze = FreezeConfig(frozen: b.freeze.frozen, batchNorm: b.freeze.batchNorm, gradual: b.freeze.gradual,
                                recalibrateBatchNorm: a.freeze.recalibrateBatchNorm) // AdaBN before training: next run only
        a.optimizer.lr = b.optimizer.lr
        a.optimizer.groups = b.optimizer.groups
        a.optimizer.discriminative = b.optimizer.discriminative
        a.schedule = b.schedule
        return a != b
    }
}
