import Foundation
import ThawTrainingAPI

/// What the Train screen plots, fed from training events. Step data is bounded (see
/// `BoundedSeries`); epoch data is kept whole (a run has few epochs and every one matters).
public struct MetricHistory: Equatable, Sendable {
    /// EMA weights the Train screen offers (TensorBoard's debiased form). Each is computed
    /// per raw step here rather than in the chart so it stays exact after the raw series is
    /// downsampled, which is why the choices are a short fixed list.
    public static let smoothingChoices = [0.6, 0.9, 0.97]
    /// The weight of the loss shown in the status line and drawn by default.
    public static let defaultSmoothingIndex = 1

    public var loss = BoundedSeries()
    /// Per entry of `smoothingChoices`.
    public private(set) var smoothedLosses = smoothingChoices.map { _ in BoundedSeries() }
    /// The from-scratch shadow run's loss on the same batches, smoothed the same ways.
    public private(set) var smoothedScratchLosses = smoothingChoices.map { _ in BoundedSeries() }
    private var emas = smoothingChoices.map { DebiasedAverage(beta: $0) }
    private var scratchEMAs = smoothingChoices.map { DebiasedAverage(beta: $0) }
    /// Seconds since the run started, against the step: the time axis of the loss chart.
    public private(set) var clock = BoundedSeries()
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
            for i in emas.indices {
                if let value = emas[i].add(metrics.loss) { smoothedLosses[i].append(x: x, y: value) }
                if let scratch = metrics.scratchLoss, let value = scratchEMAs[i].add(scratch) { smoothedScratchLosses[i].append(x: x, y: value) }
            }
            if metrics.elapsed.isFinite { clock.append(x: x, y: metrics.elapsed) }
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

    public var smoothedLoss: BoundedSeries { smoothedLosses[Self.defaultSmoothingIndex] }
    public var smoothedScratchLoss: BoundedSeries { smoothedScratchLosses[Self.defaultSmoothingIndex] }

    /// Seconds since the start at `step`, interpolated between the recorded steps (nil
    /// before any step has been seen).
    public func elapsed(atStep step: Double) -> Double? {
        let xs = clock.xs, ys = clock.ys
        guard let first = xs.first, let last = xs.last else { return nil }
        if step <= first { return ys[0] * (first > 0 ? Swift.max(0, step) / first : 1) }
        if step >= last { return ys[ys.count - 1] }
        var lo = 0, hi = xs.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if xs[mid] <= step { lo = mid } else { hi = mid }
        }
        let t = xs[hi] > xs[lo] ? (step - xs[lo]) / (xs[hi] - xs[lo]) : 0
        return ys[lo] + t * (ys[hi] - ys[lo])
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
