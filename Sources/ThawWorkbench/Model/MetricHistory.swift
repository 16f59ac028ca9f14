import Foundation
import ThawTrainingAPI

/// What the Train screen plots, fed from training events. Step data is bounded (see
/// `BoundedSeries`); epoch data is kept whole (a run has few epochs and every one matters).
public struct MetricHistory: Equatable, Sendable {
    /// EMA weight for the smoothed loss; TensorBoard's debiased form, computed per raw step
    /// here rather than in the chart so it stays exact after the raw series is downsampled.
    public static let lossSmoothing = 0.9

    public var loss = BoundedSeries()
    public var smoothedLoss = BoundedSeries()
    /// The from-scratch shadow run's loss on the same batches, smoothed the same way.
    public var smoothedScratchLoss = BoundedSeries()
    private var ema = DebiasedAverage(beta: lossSmoothing)
    private var scratchEMA = DebiasedAverage(beta: lossSmoothing)
    public var epochs: [EpochMetrics] = []
    /// Per parameter group, the newest learning rates (for sparklines).
    public var learningRates: [String: RecentValues] = [:]
    /// The latest per-layer gradient norms.
    public var gradientNorms: [String: Double] = [:]
    public var lastStep: StepMetrics?
    /// Smoothed throughput; a single slow step (a checkpoint) should not swing the ETA.
    public var samplesPerSecond: Double = 0
    public var stepsSeen = 0

    public init() {}

    public mutating func record(_ steps: [StepMetrics]) {
        for metrics in steps {
            let x = Double(metrics.step)
            loss.append(x: x, y: metrics.loss)
            if let value = ema.add(metrics.loss) { smoothedLoss.append(x: x, y: value) }
            if let scratch = metrics.scratchLoss, let value = scratchEMA.add(scratch) { smoothedScratchLoss.append(x: x, y: value) }
            for (group, rate) in metrics.learningRates { learningRates[group, default: RecentValues()].append(rate) }
            if !metrics.gradientNorms.isEmpty { gradientNorms = metrics.gradientNorms }
            if metrics.samplesPerSecond.isFinite, metrics.samplesPerSecond > 0 {
                samplesPerSecond = samplesPerSecond == 0 ? metrics.samplesPerSecond
                    : 0.9 * samplesPerSecond + 0.1 * metrics.samplesPerSecond
            }
            stepsSeen += 1
        }
        if let last = steps.last { lastStep = last }
    }

    public mutating func record(_ epoch: EpochMetrics) {
        epochs.append(epoch)
    }

    /// Steps per epoch as the run reports them (exact once an epoch has ended).
    public var observedStepsPerEpoch: Int? {
        guard let first = epochs.first, first.step > 0 else { return nil }
        return first.step / (first.epoch + 1)
    }

    public var bestValidationAccuracy: Double? { epochs.compactMap(\.validationAccuracy).max() }
}

/// TensorBoard's debiased exponential moving average, one value at a time: without the
/// division by 1 − βᵗ the first points would be pulled towards zero. Non-finite values are
/// skipped so one NaN does not poison the rest.
struct DebiasedAverage: Equatable, Sendable {
    let beta: Double
    private var sum = 0.0
    private var count = 0.0

    init(beta: Double) { self.beta = beta }

    mutating func add(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        sum = beta * sum + (1 - beta) * value
        count += 1
        return sum / (1 - pow(beta, count))
    }
}
