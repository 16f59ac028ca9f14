import ThawTrainingAPI

extension Update {
    /// Events from the training thread.
    static func training(_ state: inout AppState, _ event: TrainingEvent) -> [Effect] {
        switch event {
        case .steps(let steps):
            state.training.history.record(steps)
        case .epoch(let epoch):
            state.training.history.record(epoch)
            log(&state, epochLine(epoch))
        case .log(let line):
            log(&state, line)
        case .batchNormRecalibrated(let result):
            log(&state, result.summary)
            say(&state, result.summary, result.layers > 0 ? .success : .warning)
        case .diagnostic(let report):
            let id = report.id
            if state.warnings.cards[id] == nil {
                state.warnings.order.append(id)
                if state.screen != .warnings { state.warnings.unseen += 1 }
                let level: StatusMessage.Level = report.severity == .info ? .info : .warning
                say(&state, "\(report.severity.name): \(report.title) (6: Warnings)", level)
                log(&state, "step \(report.step) \(report.severity.name): \(report.title)")
            }
            state.warnings.cards[id] = report
        case .state(let new):
            return changeState(&state, to: new)
        }
        return []
    }

    /// One line per evaluation in the Train screen's log, so the numbers behind the curves
    /// can be read exactly (and the scratch twin's beside them).
    static func epochLine(_ epoch: EpochMetrics) -> String {
        var parts = ["epoch \(epoch.epoch + 1) (step \(epoch.step))",
                     "train loss \(Format.fixed(epoch.trainLoss)) acc \(Format.percent(epoch.trainAccuracy))"]
        if let loss = epoch.validationLoss, let accuracy = epoch.validationAccuracy {
            parts.append("val loss \(Format.fixed(loss)) acc \(Format.percent(accuracy))")
        }
        if let accuracy = epoch.scratchValidationAccuracy { parts.append("scratch val acc \(Format.percent(accuracy))") }
        return parts.joined(separator: " · ")
    }

    static func log(_ state: inout AppState, _ line: String) {
        state.training.logs.append(line)
        if state.training.logs.count > TrainingUI.maximumLogLines { state.training.logs.removeFirst() }
    }

    static func changeState(_ state: inout AppState, to new: TrainingState) -> [Effect] {
        state.training.state = new
        if new != .idle { state.training.launching = false }
        let runs: [Effect] = [.refreshRuns(directory: state.config.output.runs)]
        switch new {
        case .idle:
            return []
        case .running:
            say(&state, "training")
            return []
        case .paused(let reason?):
            say(&state, "paused: \(reason)", .error)
            return []
        case .paused(nil):
            say(&state, "paused (s resumes)")
            return []
        case .finished:
            let best = state.training.history.bestValidationAccuracy
            say(&state, "run finished" + (best.map { ", best validation accuracy \(Format.percent($0))" } ?? ""), .success)
            return runs
        case .stopped:
            say(&state, "run stopped; its checkpoint is in the run directory")
            return runs
        case .failed(let reason):
            say(&state, "run failed: \(reason)", .error)
            return runs
        }
    }

    /// Results of background work.
    static func loaded(_ state: inout AppState, _ msg: Msg) -> [Effect] {
        switch msg {
        case .trainingLaunchFailed(let reason):
            state.training.launching = false
            state.training.state = .failed(reason: reason)
            say(&state, "cannot start: \(reason)", .error)
        case .runDirectory(let path):
            state.training.runDirectory = path
        case let .zooLoaded(zoo, problems):
            let current = state.backboneAtCursor?.name
            state.zoo = zoo
            state.zooProblems = problems
            state.zooLoading = false
            let effects = restartScoring(&state)
            let listed = state.listedBackbones
            let target = current ?? state.config.backbone.name
            state.backbones.cursor = listed.firstIndex { $0.name == target } ?? Swift.min(state.backbones.cursor, Swift.max(0, zoo.count - 1))
            if let problem = problems.first { say(&state, "\(problems.count) backbone(s) skipped: \(problem)", .warning) }
            return effects
        case .backboneUpdated(let backbone):
            if let index = state.zoo.firstIndex(where: { $0.name == backbone.name }) {
                state.zoo[index] = backbone
            } else {
                state.zoo.append(backbone)
            }
            if backbone.name == state.config.backbone.name, state.layers.selected == nil {
                state.layers.selected = backbone.blocks.first
            }
        case .datasetLoaded(let summary):
            state.dataset = summary
            state.datasetLoading = false
            state.datasetError = nil
            say(&state, "\(summary.path): \(summary.examples) examples, \(summary.classes.count) classes", .success)
            return restartScoring(&state)
        case let .datasetFailed(path, message):
            state.datasetLoading = false
            state.datasetError = message
            say(&state, "cannot read \(path): \(message)", .error)
            return stopScoring(&state)
        case .transferability(let progress):
            return transferability(&state, progress)
        case .runsLoaded(let runs):
            state.runs = runs
            state.runsUI.cursor = Swift.min(state.runsUI.cursor, Swift.max(0, runs.count - 1))
        case .learningRateCurveLoaded(let curve):
            state.schedule.finderRunning = false
            state.schedule.finderCurve = curve
            say(&state, "LR finder: valley " + (curve.valley.map(Format.number) ?? "-") + " (a uses it)", .success)
        case .learningRateFinderFailed(let reason):
            state.schedule.finderRunning = false
            say(&state, "LR finder failed: \(reason)", .error)
        case .exported(let path):
            say(&state, "exported \(path)", .success)
        case .failed(let reason):
            say(&state, reason, .error)
        default:
            break
        }
        return []
    }
}
