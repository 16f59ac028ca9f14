import Testing
import ThawTUI
import ThawTrainingAPI
@testable import ThawWorkbench

@Suite struct ScheduleTests {
    @Test func arrowsEditTheSelectedFieldAndThePreviewFollows() {
        var state = Fixtures.state(.schedule)
        let before = SchedulePreview.curves(state.config, totalSteps: state.totalSteps)
        _ = Fixtures.key(&state, .char("j"))
        #expect(ScheduleField.visible(for: state.config)[state.schedule.cursor] == .learningRate)
        _ = Fixtures.key(&state, .char("l"))
        #expect(state.config.optimizer.lr == 2e-3)
        _ = Fixtures.key(&state, .left, .left)
        #expect(state.config.optimizer.lr == 5e-4)
        let after = SchedulePreview.curves(state.config, totalSteps: state.totalSteps)
        #expect(after[0].rates.max()! == before[0].rates.max()! / 2)
    }

    @Test func previewUsesTheDataForItsLength() {
        let state = Fixtures.state(.schedule)
        // 1,258 training examples at batch 64 → 20 steps per epoch, 5 epochs.
        #expect(state.stepsPerEpoch == 20)
        #expect(state.totalSteps == 100)
        let curve = SchedulePreview.curves(state.config, totalSteps: 100)[0]
        #expect(curve.rates.first == 0, "the warm-up starts at 0")
        #expect(abs(curve.rates.max()! - 1e-3) < 1e-4)
    }

    @Test func changingTheKindChangesTheFields() {
        var state = Fixtures.state(.schedule)
        let kindRow = ScheduleField.visible(for: state.config).firstIndex(of: .kind)!
        state.schedule.cursor = kindRow
        _ = Fixtures.key(&state, .right)
        #expect(state.config.schedule.kind == .oneCycle)
        #expect(ScheduleField.visible(for: state.config).contains(.peakFraction))
        #expect(ScheduleField.visible(for: state.config)[state.schedule.cursor] == .kind)
    }

    @Test func typedValuesAreCheckedAndTextInputWorks() {
        var state = Fixtures.state(.schedule)
        state.schedule.cursor = ScheduleField.visible(for: state.config).firstIndex(of: .epochs)!
        _ = Fixtures.key(&state, .enter)
        #expect(state.editing == .scheduleField(.epochs))
        _ = Fixtures.key(&state, .backspace, .char("1"), .char("2"), .enter)
        #expect(state.config.training.epochs == 12 && state.editing == nil)
        _ = Fixtures.key(&state, .enter, .ctrl("u"), .char("x"), .enter)
        #expect(state.config.training.epochs == 12)
        #expect(state.status?.level == .error)
        _ = Fixtures.key(&state, .enter, .char("9"), .escape)
        #expect(state.config.training.epochs == 12 && state.editing == nil, "Esc cancels")
    }

    @Test func finderRunsOnlyWhenIdleAndItsValleyApplies() {
        var state = Fixtures.state(.schedule)
        #expect(Fixtures.key(&state, .char("a")).isEmpty && state.status?.level == .warning)
        #expect(Fixtures.key(&state, .char("f")) == [.runLearningRateFinder(state.config)])
        #expect(Fixtures.key(&state, .char("f")).isEmpty, "one sweep at a time")
        #expect(Fixtures.key(&state, .char("s")).isEmpty, "no run while the finder trains")
        _ = update(&state, .learningRateCurveLoaded(Fixtures.learningRateCurve))
        _ = Fixtures.key(&state, .char("a"))
        #expect(state.config.optimizer.lr == Fixtures.learningRateCurve.valley)
        var training = Fixtures.training(steps: 5)
        training.screen = .schedule
        #expect(Fixtures.key(&training, .char("f")).isEmpty)
    }

    @Test func rateChangesWhileTrainingSendANewSchedule() {
        var state = Fixtures.training(steps: 10)
        state.screen = .schedule
        state.schedule.cursor = 1
        let effects = Fixtures.key(&state, .char("l"))
        #expect(effects == [.send(.setSchedule(state.config.schedule.schedule(lr: 2e-3, totalSteps: state.totalSteps)))])
        state.schedule.cursor = ScheduleField.visible(for: state.config).firstIndex(of: .epochs)!
        #expect(Fixtures.key(&state, .char("l")).isEmpty)
        #expect(state.status?.text.contains("next run") == true)
    }

    @Test func formats() {
        #expect(Format.number(0.001) == "0.001")
        #expect(Format.number(3.2e-5) == "3.2e-5")
        #expect(Format.number(1e-4) == "1e-4")
        #expect(Format.number(25) == "25")
        #expect(Format.number(1e5) == "1e5")
        #expect(Format.count(421_642) == "422k")
        #expect(Format.count(11_200_000) == "11.2M")
        #expect(Format.duration(185) == "3m05s")
        #expect(Format.percent(0.9234) == "92.3%")
    }
}
