import Foundation
import ThawNN
import ThawTensor
import ThawTrainingAPI

/// The learning-rate range test (Smith 2017; as fastai's `lr_find`): train a few steps with an
/// exponentially rising rate, record the loss, stop when it diverges, then put everything
/// back exactly as it was.
public struct LearningRateSweep: Sendable, Equatable {
    public var rates: [Double]
    /// Debiased exponential moving average of the loss (β = 0.98), as fastai plots it.
    public var losses: [Double]
    /// fastai's suggestions: the minimum's rate ÷ 10, the steepest descent, and the valley.
    public var minimum: Double?
    public var steepest: Double?
    public var valley: Double?
}

public enum LearningRateFinder {
    public static func sweep(_ trainer: Trainer, from start: Double = 1e-7, to end: Double = 10, steps: Int = 100,
                             divergence: Double = 4) throws -> LearningRateSweep {
        let snapshot = TrainerSnapshot(trainer)
        defer { snapshot.restore(into: trainer) }
        var rates: [Double] = [], losses: [Double] = []
        var average = 0.0, best = Double.infinity
        for i in 0..<Swift.max(steps, 2) {
            let rate = start * Foundation.pow(end / start, Double(i) / Double(Swift.max(steps - 1, 1)))
            trainer.schedule = LRSchedule(base: rate)
            let loss: Double
            do { loss = try trainer.trainStep().loss } catch is TrainingInterruption { break }
            average = 0.98 * average + 0.02 * loss
            let smoothed = average / (1 - Foundation.pow(0.98, Double(i + 1)))
            rates.append(rate)
            losses.append(smoothed)
            best = Swift.min(best, smoothed)
            if i > 0 && smoothed > divergence * best { break }
        }
        return suggest(rates: rates, losses: losses)
    }

    /// The three suggestions from a recorded sweep.
    public static func suggest(rates: [Double], losses: [Double]) -> LearningRateSweep {
        var result = LearningRateSweep(rates: rates, losses: losses)
        guard losses.count >= 3 else { return result }
        if let index = losses.indices.min(by: { losses[$0] < losses[$1] }) { result.minimum = rates[index] / 10 }
        // Steepest: the most negative slope of loss against log(rate).
        var steepestIndex: Int?, steepestSlope = 0.0
        for i in 1..<losses.count {
            let slope = (losses[i] - losses[i - 1]) / (Foundation.log(rates[i]) - Foundation.log(rates[i - 1]))
            if slope < steepestSlope { steepestSlope = slope; steepestIndex = i }
        }
        result.steepest = steepestIndex.map { rates[$0] }
        // Valley (fastai): the longest decreasing subsequence of the curve, a little over
        // half-way along it.
        var length = [Int](repeating: 1, count: losses.count), end = 0
        for i in 1..<losses.count {
            for j in 0..<i where losses[i] < losses[j] && length[i] < length[j] + 1 { length[i] = length[j] + 1 }
            if length[i] > length[end] { end = i }
        }
        let begin = end - length[end]
        let section = Double(end - begin) / 3
        result.valley = rates[Swift.min(begin + Int(section) + Int(section / 2), rates.count - 1)]
        return result
    }
}

/// Everything a sweep changes, kept so it can be put back.
struct TrainerSnapshot {
    let weights: [(Parameter, Tensor)]
    let optimizerState: OptimizerState
    let position: LoaderPosition
    let step: Int
    let schedule: LRSchedule
    let totals: EpochTotals

    init(_ trainer: Trainer) {
        weights = trainer.backbone.namedTensors().map { ($0.parameter, $0.parameter.value) }
        optimizerState = trainer.optimizer.state
        position = trainer.position
        step = trainer.step
        schedule = trainer.schedule
        totals = trainer.epochTotals
    }

    func restore(into trainer: Trainer) {
        for (parameter, value) in weights { parameter.assign(value) }
        let parameters = Dictionary(trainer.backbone.namedParameters().map { ($0.key, $0.parameter) }, uniquingKeysWith: { a, _ in a })
        try? trainer.optimizer.restore(optimizerState, parameters: parameters)
        trainer.iterator = trainer.loader.makeIterator(from: position)
        trainer.step = step
        trainer.schedule = schedule
        trainer.epochTotals = totals
    }
}
