import Testing
import ThawTUI
import ThawTrainingAPI
@testable import ThawWorkbench

@Suite struct TrainingControlTests {
    @Test func startPauseResumeFromAnyScreen() {
        var state = Fixtures.state(.schedule)
        let start = Fixtures.key(&state, .char("s"))
        #expect(start == [.startTraining(state.config)])
        #expect(state.screen == .train && state.training.launching)
        #expect(Fixtures.key(&state, .char("s")).isEmpty, "a second s while starting does nothing")
        _ = update(&state, .training(.state(.idle)))
        #expect(state.training.launching, "idle is the engine starting up")
        _ = update(&state, .training(.state(.running)))
        #expect(!state.training.launching && state.training.isRunning)
        _ = Fixtures.key(&state, .char("1"))
        #expect(Fixtures.key(&state, .char("s")) == [.send(.pause)])
        _ = update(&state, .training(.state(.paused(reason: nil))))
        #expect(Fixtures.key(&state, .char("s")) == [.send(.resume)])
    }

    @Test func startNeedsData() {
        var state = Fixtures.state()
        state.config.data.train = ""
        #expect(Fixtures.key(&state, .char("s")).isEmpty)
        #expect(state.status?.level == .warning)
        #expect(!state.training.isActive)
    }

    @Test func stopAsksFirst() {
        var state = Fixtures.training(steps: 10)
        #expect(Fixtures.key(&state, .char("x")).isEmpty)
        #expect(state.dialog == DialogState(kind: .stopTraining))
        #expect(Fixtures.key(&state, .enter).isEmpty, "Enter on the default button keeps training")
        #expect(state.dialog == nil)
        _ = Fixtures.key(&state, .char("x"))
        _ = Fixtures.key(&state, .right)
        #expect(Fixtures.key(&state, .enter) == [.send(.stop)])
        _ = update(&state, .training(.state(.stopped)))
        #expect(!state.training.isActive)
        #expect(Fixtures.key(&state, .char("x")).isEmpty && state.dialog == nil)
    }

    @Test func quitAsksWhileTrainingAndNotOtherwise() {
        var idle = Fixtures.state()
        #expect(Fixtures.key(&idle, .char("q")) == [.quit])
        var state = Fixtures.training(steps: 10)
        #expect(Fixtures.key(&state, .char("q")).isEmpty)
        #expect(state.dialog?.kind == .quitWhileTraining)
        #expect(Fixtures.key(&state, .char("1")).isEmpty && state.screen == .train, "the dialog takes every key")
        #expect(Fixtures.key(&state, .escape).isEmpty && state.dialog == nil)
        _ = Fixtures.key(&state, .char("q"))
        #expect(Fixtures.key(&state, .char("y")) == [.quit])
    }

    @Test func interruptQuitsWithoutAskingEvenFromADialog() {
        var state = Fixtures.training(steps: 10)
        _ = Fixtures.key(&state, .char("q"))
        #expect(state.dialog != nil)
        #expect(update(&state, .interrupt) == [.quit])
        #expect(state.dialog == nil)
        #expect(state.status?.text.contains("saving a checkpoint") == true)
        var idle = Fixtures.state()
        #expect(update(&idle, .interrupt) == [.quit])
    }

    @Test func finishedRunRefreshesRunsAndCanStartAgain() {
        var state = Fixtures.training(steps: 50)
        let effects = update(&state, .training(.state(.finished)))
        #expect(effects == [.refreshRuns(directory: "runs")])
        #expect(state.status?.level == .success)
        #expect(Fixtures.key(&state, .char("s")) == [.startTraining(state.config)])
        #expect(state.training.history.stepsSeen == 0, "a new run starts with empty charts")
    }

    @Test func launchFailureIsShown() {
        var state = Fixtures.state()
        _ = Fixtures.key(&state, .char("s"))
        _ = update(&state, .trainingLaunchFailed("data.train: cannot read digits.csv"))
        #expect(state.training.state == .failed(reason: "data.train: cannot read digits.csv"))
        #expect(!state.training.isActive && state.status?.level == .error)
    }
}
