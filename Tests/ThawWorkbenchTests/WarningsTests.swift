import Testing
import ThawTUI
import ThawTrainingAPI
@testable import ThawWorkbench

@Suite struct WarningsTests {
    @Test func cardsAreKeyedByReportAndUpdatedInPlace() {
        var state = Fixtures.training(steps: 20)
        _ = update(&state, .training(.diagnostic(Fixtures.negativeTransfer)))
        _ = update(&state, .training(.diagnostic(Fixtures.batchNormShift)))
        var later = Fixtures.negativeTransfer
        later.step = 100
        _ = update(&state, .training(.diagnostic(later)))
        #expect(state.warnings.order == [Fixtures.negativeTransfer.id, Fixtures.batchNormShift.id])
        #expect(state.warnings.cards[later.id]?.step == 100)
        #expect(state.warnings.unseen == 2)
        _ = Fixtures.key(&state, .char("6"))
        #expect(state.warnings.unseen == 0)
    }

    @Test func applyingTheFirstActionFreezesLiveAndUndoThawsAgain() {
        var state = Fixtures.training(steps: 20)
        _ = update(&state, .training(.diagnostic(Fixtures.negativeTransfer)))
        state.screen = .warnings
        let applied = Fixtures.key(&state, .char("a"))
        #expect(state.config.freeze.frozen == ["layer1"])
        #expect(applied == [.send(.setFreezePlan(FreezePlan(frozen: ["layer1"])))])
        #expect(state.warnings.applied.count == 1)
        let undone = Fixtures.key(&state, .char("u"))
        #expect(state.config.freeze.frozen.isEmpty)
        #expect(undone == [.send(.setFreezePlan(FreezePlan()))])
        #expect(Fixtures.key(&state, .char("u")).isEmpty && state.status?.text == "nothing to undo")
    }

    @Test func scalingTheLearningRateAndStopping() {
        var state = Fixtures.training(steps: 20)
        _ = update(&state, .training(.diagnostic(Fixtures.divergence)))
        state.screen = .warnings
        let effects = Fixtures.key(&state, .enter)
        #expect(abs(state.config.optimizer.lr - 1e-4) < 1e-12)
        #expect(effects == [.send(.setSchedule(state.config.schedule.schedule(lr: state.config.optimizer.lr, totalSteps: state.totalSteps)))])
        _ = Fixtures.key(&state, .char("u"))
        #expect(state.config.optimizer.lr == 1e-3)
        let stop = WarningActions.apply(.stop, to: state.config, tree: nil, blocks: [], heads: [])
        #expect(stop.commands == [.stop] && stop.config == state.config)
    }

    @Test func everyActionChangesWhatItSays() {
        let tree = FreezeTree(layers: Fixtures.resNet.layers)
        let config = Fixtures.config
        func apply(_ action: SuggestedAction) -> RunConfig {
            WarningActions.apply(action, to: config, tree: tree, blocks: Fixtures.resNet.blocks, heads: ["fc"]).config
        }
        let recalibrate = apply(.recalibrateBatchNorm)
        #expect(recalibrate.freeze.recalibrateBatchNorm && recalibrate.freeze.batchNorm == config.freeze.batchNorm)
        let probe = apply(.linearProbeFirst)
        #expect(probe.freeze.frozen == ["conv1", "bn1", "relu", "layer1", "layer2", "avgpool"])
        #expect(probe.freeze.plan.effectiveFrozen(epoch: 1).isEmpty)
        #expect(apply(.switchToScratch).backbone.scratch)
        #expect(RateGroups.scale(for: "layer1.0", in: apply(.scaleLearningRate(group: "layer1", factor: 0.1)).optimizer) == 0.1)
        var frozen = config
        frozen.freeze.frozen = ["layer1"]
        let thawed = WarningActions.apply(.thaw(["layer1.1"]), to: frozen, tree: tree, blocks: [], heads: []).config
        #expect(thawed.freeze.frozen == ["layer1.0"])
    }

    /// AdaBN during a run changes the model's statistics, not the configuration: it goes out as
    /// an engine command, and its undo is the command that puts the replaced statistics back.
    @Test func recalibratingDuringARunIsACommandAndUndoRestores() {
        var state = Fixtures.training(steps: 20)
        _ = update(&state, .training(.diagnostic(Fixtures.batchNormShift)))
        state.screen = .warnings
        let config = state.config
        #expect(Fixtures.key(&state, .char("a")) == [.send(.recalibrateBatchNorm(batches: BatchNormRecalibration.defaultBatches))])
        #expect(state.config == config)
        let result = BatchNormRecalibration(kind: .recalibrated, step: 20, layers: 20, batches: 20, examples: 1280,
                                            shiftBefore: 0.26, shiftAfter: 0.0003, seconds: 1.2)
        _ = update(&state, .training(.batchNormRecalibrated(result)))
        #expect(state.status?.text == result.summary && state.training.logs.last == result.summary)
        #expect(result.summary == "AdaBN: re-estimated 20 BatchNorm layers on 1280 target examples in 20 batches (shift 0.260 → 3.0e-04), 1.20 s")
        #expect(Fixtures.key(&state, .char("u")) == [.send(.restoreBatchNormStatistics)])
        #expect(state.config == config && state.warnings.applied.isEmpty)
    }

    @Test func recalibratingWithoutARunAsksTheNextRunForIt() {
        var state = Fixtures.state(.warnings)
        _ = update(&state, .training(.diagnostic(Fixtures.batchNormShift)))
        #expect(Fixtures.key(&state, .char("a")).isEmpty)
        #expect(state.config.freeze.recalibrateBatchNorm)
        #expect(Fixtures.key(&state, .char("u")).isEmpty)
        #expect(!state.config.freeze.recalibrateBatchNorm)
    }

    @Test func undoAfterTheRunEndedSendsNothing() {
        var state = Fixtures.training(steps: 20)
        _ = update(&state, .training(.diagnostic(Fixtures.batchNormShift)))
        state.screen = .warnings
        _ = Fixtures.key(&state, .char("a"))
        _ = update(&state, .training(.state(.finished)))
        #expect(Fixtures.key(&state, .char("u")).isEmpty)
        #expect(state.status?.text == "the run has ended; what recalibrate BatchNorm on target data did to it stays")
    }
}
