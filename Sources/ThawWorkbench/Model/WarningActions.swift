import ThawTrainingAPI

/// What a diagnostic's suggested action does to the experiment. Most actions change the
/// configuration (sent to a running engine by `LiveSync`) and undo puts back exactly the part
/// they touched. Two are commands instead: `stop`, which cannot be undone, and AdaBN during a
/// run (`recalibrateBatchNorm` with `live`), which changes the model's statistics rather than
/// the configuration: its undo is the command that restores the statistics it replaced.
/// Without a run, AdaBN becomes `freeze.recalibrate_batch_norm` for the next one.
enum WarningActions {
    struct Outcome: Equatable, Sendable {
        var config: RunConfig
        var commands: [TrainingCommand]
        /// What undo sends to the engine (empty: undo is a configuration change, or nothing).
        var undoCommands: [TrainingCommand] = []
        /// One line for the status bar.
        var note: String
    }

    /// `live`: a run is going, so engine commands reach it.
    static func apply(_ action: SuggestedAction, to config: RunConfig, tree: FreezeTree?, blocks: [String],
                      heads: [String], live: Bool = false) -> Outcome {
        var c = config
        var commands: [TrainingCommand] = [], undoCommands: [TrainingCommand] = []
        var note = "applied: \(action.label)"
        switch action {
        case .freeze(let paths):
            for path in paths { c.freeze.frozen = tree?.freezing(path, in: c.freeze.frozen) ?? (c.freeze.frozen + [path]) }
        case .thaw(let paths):
            for path in paths {
                c.freeze.frozen = tree?.thawing(path, in: c.freeze.frozen) ?? c.freeze.frozen.filter { !FreezeTree.covers(path, $0) }
            }
        case let .scaleLearningRate(group, factor):
            if let group {
                let current = RateGroups.scale(for: group, in: c.optimizer)
                if let index = c.optimizer.groups.firstIndex(where: { $0.name == group }) {
                    c.optimizer.groups[index].lrScale = current * factor
                } else {
                    c.optimizer.groups.insert(GroupConfig(name: group, paths: [group], lrScale: current * factor), at: 0)
                }
            } else {
                c.optimizer.lr *= factor
            }
        case .recalibrateBatchNorm where live:
            let batches = BatchNormRecalibration.defaultBatches
            commands.append(.recalibrateBatchNorm(batches: batches))
            undoCommands.append(.restoreBatchNormStatistics)
            note = "re-estimating BatchNorm statistics on \(batches) target batches (AdaBN)"
        case .recalibrateBatchNorm:
            c.freeze.recalibrateBatchNorm = true
            note = "the next run re-estimates BatchNorm statistics on the target data first (AdaBN)"
        case .linearProbeFirst:
            let body = blocks.filter { block in !heads.contains { FreezeTree.covers($0, block) } }
            c.freeze.frozen = body
            c.freeze.gradual = GradualConfig(groups: [body], everyEpochs: 1, startEpoch: 1)
            note = "the head trains alone for one epoch, then everything (LP-FT)"
        case .switchToScratch:
            c.backbone.scratch = true
            note = "the next run trains from random weights"
        case .stop:
            commands.append(.stop)
        }
        return Outcome(config: c, commands: commands, undoCommands: undoCommands, note: note)
    }

    /// The configuration with the parts `applied.action` changed restored from before it.
    static func undo(_ applied: AppliedAction, in config: RunConfig) -> RunConfig {
        var c = config
        let before = applied.previousConfig
        switch applied.action {
        case .recalibrateBatchNorm:
            if applied.undoCommands.isEmpty { c.freeze.recalibrateBatchNorm = before.freeze.recalibrateBatchNorm }
        case .freeze, .thaw, .linearProbeFirst: c.freeze = before.freeze
        case .scaleLearningRate:
            c.optimizer.lr = before.optimizer.lr
            c.optimizer.groups = before.optimizer.groups
        case .switchToScratch: c.backbone.scratch = before.backbone.scratch
        case .stop: break
        }
        return c
    }
}
