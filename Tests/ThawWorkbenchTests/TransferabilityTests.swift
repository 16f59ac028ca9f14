import Testing
import ThawTUI
import ThawTrainingAPI
@testable import ThawWorkbench

/// The Backbones screen's transferability: when scoring is asked for, how its progress is
/// folded in (stale jobs ignored), sorting, and what the screen shows while it runs, once
/// the metrics agree, and when they do not.
@Suite struct TransferabilityTests {
    @Test func loadingTheDataScoresTheZooOnTheTrainingSplitWithoutFewShot() throws {
        var state = AppState(config: Fixtures.config, size: Size(width: 120, height: 40))
        state.config.data.fewShot = 10
        #expect(update(&state, .zooLoaded(Fixtures.zoo, problems: [])) == [.stopScoring], "no data yet: nothing to score")
        #expect(state.transfer.phase == .idle)
        let effects = update(&state, .datasetLoaded(Fixtures.dataset))
        var data = state.config.data
        data.fewShot = nil
        #expect(effects == [.scoreBackbones(TransferabilityRequest(job: state.transfer.job, data: data, seed: 1, limit: 500))])
        #expect(state.transfer.phase == .preparing)
        let job = state.transfer.job
        let refreshed = update(&state, .zooLoaded(Fixtures.zoo, problems: []))
        #expect(refreshed == [.scoreBackbones(TransferabilityRequest(job: job + 1, data: data, seed: 1, limit: 500))], "a new zoo restarts")
    }

    @Test func changingOrLosingTheDataStopsScoringAndClearsTheScores() {
        var state = TransferFixtures.progressed(Fixtures.state(.data), results: 2)
        #expect(state.transfer.ranking != nil)
        state.data.cursor = DataField.validation.rawValue
        let effects = Fixtures.key(&state, .char("l"))
        #expect(effects.contains(.stopScoring) && effects.contains { if case .loadDataset = $0 { true } else { false } })
        #expect(state.transfer.ranking == nil && state.transfer.outcomes.isEmpty)
        #expect(update(&state, .datasetFailed(path: "digits.csv", message: "gone")) == [.stopScoring])
    }

    @Test func progressOfACancelledJobIsIgnored() {
        let state = Fixtures.state()
        var stale = state
        _ = update(&stale, .transferability(.started(job: state.transfer.job - 1, TransferFixtures.sample)))
        _ = update(&stale, .transferability(.unavailable(job: state.transfer.job + 7, reason: "old")))
        #expect(stale == state)
    }

    @Test func resultsArriveOneAtATimeAndTheLastAnnouncesTheRanking() {
        var state = TransferFixtures.progressed(Fixtures.state(), results: 0)
        #expect(state.transfer.phase == .scoring)
        #expect(state.transfer.progress == (0, 2) && state.transfer.scoring == "smallcnn-mnist04")
        #expect(state.transfer.outcomes["minilm-sms"]?.outcome == .incompatible("reads text, data is numeric"))
        state = TransferFixtures.progressed(Fixtures.state(), results: 1)
        #expect(state.transfer.progress == (1, 2) && state.transfer.scoring == "resnet-cifar")
        var finished = Fixtures.state()
        let job = finished.transfer.job
        _ = update(&finished, .transferability(.started(job: job, TransferFixtures.sample)))
        _ = update(&finished, .transferability(.result(job: job, TransferFixtures.scored(TransferFixtures.small, seconds: 0.2), ranking: nil)))
        _ = update(&finished, .transferability(.result(job: job, BackboneTransferability(backbone: "resnet-cifar", outcome: .failed("weights truncated")),
                                                       ranking: TransferFixtures.ranking([TransferFixtures.small], meanRanks: [1]))))
        #expect(finished.transfer.phase == .finished)
        #expect(finished.status?.text == "transferability: smallcnn-mnist04 ranks first of 1, the metrics agree")
        let uncertain = TransferFixtures.progressed(Fixtures.state(), results: 2, uncertain: true)
        #expect(uncertain.transfer.ranking?.isUncertain == true)
    }

    @Test func sortingCyclesTheMetricsAndTheCursorStaysOnItsBackbone() {
        var state = TransferFixtures.progressed(Fixtures.state(), results: 2)
        #expect(state.listedBackbones.map(\.name) == ["smallcnn-mnist04", "resnet-cifar", "minilm-sms"], "by rank, unscored last")
        #expect(state.backboneAtCursor?.name == "resnet-cifar")
        var sorts: [BackboneSort] = []
        for _ in BackboneSort.allCases {
            _ = Fixtures.key(&state, .char("o"))
            sorts.append(state.transfer.sort)
            #expect(state.backboneAtCursor?.name == "resnet-cifar")
        }
        #expect(sorts == [.logME, .leep, .nce, .hScore, .zoo, .rank])
        // By LEEP the ResNet with the better source head comes first; the cursor follows it.
        var uncertain = TransferFixtures.progressed(Fixtures.state(), results: 2, uncertain: true)
        _ = Fixtures.key(&uncertain, .char("o"), .char("o"))
        #expect(uncertain.transfer.sort == .leep)
        #expect(uncertain.listedBackbones.first?.name == "resnet-cifar" && uncertain.backbones.cursor == 0)
        _ = Fixtures.key(&uncertain, .enter)
        #expect(uncertain.config.backbone.name == "resnet-cifar")
    }

    @Test func theSortKeyIsInTheKeymapAndTheHelp() {
        let keymap = Keymaps.keymap(for: .backbones)
        #expect(keymap.action(for: .char("o")) == Action.sortBackbones.rawValue)
        #expect(keymap.helpLines().map(\.plainText).joined(separator: "\n").contains("Sort"))
        #expect(Keymaps.barActions(for: .backbones).contains(.sortBackbones))
    }

    // MARK: Render

    @Test func snapshotsWhileScoringRankedAndUncertain() {
        let scoring = TransferFixtures.progressed(Fixtures.state(), results: 1)
        Snapshot.check(ThawWorkbenchTests.screen(scoring, width: 80, height: 24).render(), named: "backbones-scoring-80x24")
        var preparing = Fixtures.state()
        preparing.status = nil
        Snapshot.check(ThawWorkbenchTests.screen(preparing, width: 80, height: 24).render(), named: "backbones-sampling-80x24")
        let uncertain = TransferFixtures.progressed(Fixtures.state(), results: 2, uncertain: true)
        for (w, h) in [(80, 24), (120, 40)] {
            Snapshot.check(ThawWorkbenchTests.screen(uncertain, width: w, height: h).render(), named: "backbones-uncertain-\(w)x\(h)")
        }
        var skipped = TransferFixtures.progressed(Fixtures.state(), results: 2)
        _ = Fixtures.key(&skipped, .char("G"))
        Snapshot.check(ThawWorkbenchTests.screen(skipped, width: 120, height: 40).render(), named: "backbones-incompatible-120x40")
    }

    @Test func theScreenSaysWhatIsHappening() {
        let scoring = ThawWorkbenchTests.screen(TransferFixtures.progressed(Fixtures.state(), results: 1), width: 120, height: 40).render()
        #expect(scoring.contains("scoring 2/2"))
        let ranked = ThawWorkbenchTests.screen(TransferFixtures.progressed(Fixtures.state(), results: 2), width: 120, height: 40).render()
        #expect(ranked.contains("1★") && ranked.contains("metrics agree") && ranked.contains("0.045") && ranked.contains("-0.2338"))
        #expect(ranked.contains("Higher: a linear head fits"))
        let uncertain = ThawWorkbenchTests.screen(TransferFixtures.progressed(Fixtures.state(), results: 2, uncertain: true),
                                                  width: 80, height: 24).render()
        #expect(uncertain.contains("1?") && uncertain.contains("uncertain: LogME favours smallcnn-mnist04 but LEEP"))
        var unavailable = Fixtures.state()
        _ = update(&unavailable, .transferability(.unavailable(job: unavailable.transfer.job, reason: "digits.csv: no such file")))
        #expect(ThawWorkbenchTests.screen(unavailable, width: 80, height: 24).render().contains("transferability unavailable: digits.csv"))
    }
}
