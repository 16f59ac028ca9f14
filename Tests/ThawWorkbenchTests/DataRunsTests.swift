import Testing
import ThawTUI
import ThawTrainingAPI
@testable import ThawWorkbench

@Suite struct DataRunsTests {
    @Test func typingAPathLoadsIt() {
        var state = Fixtures.state(.data)
        _ = Fixtures.key(&state, .enter)
        #expect(state.editing == .dataPath)
        _ = Fixtures.key(&state, .ctrl("u"))
        let effects = "mnist.csv".map { Key.char($0) }.flatMap { update(&state, .key($0)) } + Fixtures.key(&state, .enter)
        #expect(state.config.data.train == "mnist.csv")
        #expect(effects == [.loadDataset(state.config.data, seed: 1), .stopScoring], "scores of the old data stop")
        #expect(state.datasetLoading && state.dataset == nil)
        _ = update(&state, .datasetFailed(path: "mnist.csv", message: "no such file"))
        #expect(state.datasetError == "no such file" && !state.datasetLoading)
    }

    @Test func splitsReloadAndFewShotIsApplied() {
        var state = Fixtures.state(.data)
        _ = Fixtures.key(&state, .char("j"))
        let effects = Fixtures.key(&state, .char("l"))
        #expect(state.config.data.split.validation == 0.15)
        #expect(effects == [.loadDataset(state.config.data, seed: 1), .stopScoring])
        _ = Fixtures.key(&state, .char("j"), .char("j"), .char("l"), .char("l"), .char("l"), .char("l"))
        #expect(state.config.data.fewShot == 10)
        #expect(state.trainingExamples == 100)
        #expect(state.stepsPerEpoch == 2)
        _ = Fixtures.key(&state, .char("h"), .char("h"), .char("h"), .char("h"))
        #expect(state.config.data.fewShot == nil)
    }

    @Test func runsOverlayAndExport() {
        var state = Fixtures.state(.runs)
        _ = Fixtures.key(&state, .char("o"))
        #expect(state.runsUI.overlay == Fixtures.runs[0].directory)
        _ = Fixtures.key(&state, .char("o"))
        #expect(state.runsUI.overlay == nil)
        #expect(Fixtures.key(&state, .char("e")) == [.exportRuns(Fixtures.runs, directory: "runs")])
        #expect(Fixtures.key(&state, .char("r")) == [.refreshRuns(directory: "runs")])
        _ = Fixtures.key(&state, .char("j"), .char("j"))
        #expect(state.runsUI.cursor == 1)
    }

    @Test func configDifferencesNameTheKeys() {
        let changes = ConfigDiff.changes(from: Fixtures.runs[0].config!, to: Fixtures.config)
        #expect(changes.contains(ConfigDiff.Change(key: "optimizer.lr", old: "0.01", new: "0.001")))
        #expect(changes.contains(ConfigDiff.Change(key: "freeze.frozen", old: "[conv1, layer1]", new: "[]")))
        #expect(changes.count == 2)
        #expect(ConfigDiff.changes(from: Fixtures.config, to: Fixtures.config).isEmpty)
    }
}
