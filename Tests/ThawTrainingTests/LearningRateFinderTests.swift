import Testing
import ThawTrainingAPI
@testable import ThawTraining

@Suite("Learning-rate finder")
struct LearningRateFinderTests {
    @Test func sweepSuggestsSaneRatesAndRestoresEverything() throws {
        let trainer = makeTrainer(epochs: 100)
        try trainer.trainStep()
        let before = trainer.backbone.namedTensors().map { $0.parameter.value.scalars }
        let (step, position, schedule) = (trainer.step, trainer.position, trainer.schedule)
        let sweep = try LearningRateFinder.sweep(trainer, from: 1e-5, to: 100, steps: 80)
        #expect(sweep.rates.count > 20 && sweep.rates.count <= 80)  // stopped on divergence
        let valley = try #require(sweep.valley), steepest = try #require(sweep.steepest), minimum = try #require(sweep.minimum)
        for rate in [valley, steepest, minimum] { #expect(rate > 1e-5 && rate < 10) }
        #expect(trainer.backbone.namedTensors().map { $0.parameter.value.scalars } == before)
        #expect(trainer.step == step && trainer.position == position && trainer.schedule == schedule)
        // The run continues as if no sweep had happened.
        let reference = makeTrainer(epochs: 100)
        try reference.trainStep()
        #expect(try trainer.trainStep().loss == reference.trainStep().loss)
    }

    @Test func valleyFollowsTheLongestDescent() {
        let rates = (0..<10).map { 1e-4 * Double(1 << $0) }
        let losses: [Double] = [3, 3.1, 2.9, 2.5, 2.0, 1.5, 1.2, 1.1, 4, 9]
        let s = LearningRateFinder.suggest(rates: rates, losses: losses)
        #expect(s.minimum == rates[7] / 10)
        // Longest descent ends at index 7 with length 7: start 0, section 7/3 → 0 + 2 + 1 = 3.
        #expect(s.valley == rates[3])
        #expect(s.steepest == rates[4]) // 2.5 → 2.0, the first of the two largest drops
    }
}
