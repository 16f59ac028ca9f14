import Foundation
import ThawTensor
@testable import ThawTraining

/// Seeded synthetic loss curves and features for the diagnostics tests.
enum DiagnosticsSyntheticData {
    /// Multiplicative log-normal noise of `sigma`, plus occasional hard batches (`spikeRate`,
    /// ×`spikeFactor`), around a smooth base curve.
    static func noisy(_ base: [Double], sigma: Double, spikeRate: Double = 0, spikeFactor: Double = 4, seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        return base.map { value in
            var noisy = value * Foundation.exp(sigma * Double(generator.nextNormal()))
            if Double(generator.nextUniform()) < spikeRate { noisy *= spikeFactor }
            return noisy
        }
    }

    /// Healthy: exponential decay from ln 10 to a floor, 40 % noise and 2 % hard batches.
    static func decaying(steps: Int, seed: UInt64) -> [Double] {
        noisy((0..<steps).map { 0.05 + 2.25 * Foundation.exp(-Double($0) / 300) }, sigma: 0.4, spikeRate: 0.02, seed: seed)
    }

    /// Healthy: slow descent, a long flat stretch, then a second descent (as after an LR drop).
    static func plateaus(steps: Int, seed: UInt64) -> [Double] {
        let base = (0..<steps).map { t -> Double in
            let x = Double(t)
            if t < 400 { return 2.3 - 0.0005 * x }
            if t < 900 { return 2.1 }
            return 1.05 + 1.05 * Foundation.exp(-(x - 900) / 200)
        }
        return noisy(base, sigma: 0.3, seed: seed)
    }

    /// Healthy: the first-epoch bump — the loss falls, rises by a third around step 150 (warm-up
    /// ending, a new epoch's reshuffle), then falls again.
    static func firstEpochBump(steps: Int, seed: UInt64) -> [Double] {
        let base = (0..<steps).map { t -> Double in
            let x = Double(t)
            return 2.3 * Foundation.exp(-x / 100) + 0.3 + 0.8 * Foundation.exp(-((x - 150) / 25) * ((x - 150) / 25))
        }
        return noisy(base, sigma: 0.25, seed: seed)
    }

    /// Healthy: memorisation toward zero, with relative noise growing as the loss shrinks.
    static func nearZero(steps: Int, seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed ^ 0xABCD)
        let clean = (0..<steps).map { 0.002 + 2.3 * Foundation.exp(-Double($0) / 50) }
        return clean.map { value in
            let sigma = 0.2 + 0.6 * (1 - value / 2.302)
            return value * Foundation.exp(sigma * Double(generator.nextNormal()))
        }
    }

    /// `healthy` up to `onset`, then multiplied by `rate` per step (a ×100 learning rate makes
    /// the loss grow geometrically).
    static func diverging(_ healthy: [Double], onset: Int, rate: Double) -> [Double] {
        healthy.enumerated().map { t, value in
            t < onset ? value : Swift.min(value * Foundation.pow(rate, Double(t - onset + 1)), 1e300)
        }
    }

    /// `count` examples in `classes` Gaussian clusters whose centres are `separation` apart per
    /// dimension; returns features and labels.
    static func clusters(count: Int, dimension: Int, classes: Int, separation: Double, seed: UInt64) -> (FeatureMatrix, [Int]) {
        var generator = SeededGenerator(seed: seed)
        let centres = (0..<(classes * dimension)).map { _ in separation * Double(generator.nextNormal()) }
        let labels = (0..<count).map { $0 % classes }
        var values = [Double](repeating: 0, count: count * dimension)
        for i in 0..<count {
            for j in 0..<dimension { values[i * dimension + j] = centres[labels[i] * dimension + j] + Double(generator.nextNormal()) }
        }
        return (try! FeatureMatrix(rows: count, columns: dimension, values: values), labels)
    }
}
