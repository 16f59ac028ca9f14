import Foundation

/// A learning-rate schedule as a value: `rate(at:)` is pure, so the schedule editor can
/// preview it, a checkpoint can store it, and a resumed run continues exactly.
///
/// The rate is `base × warmup(step) × shape(step)`: an optional linear warm-up from
/// `warmupStartFactor × base` over `warmupSteps`, then the shape. Shapes that define their own
/// rise (one-cycle, slanted triangular, inverse square root) ignore the warm-up.
public struct LRSchedule: Codable, Sendable, Equatable {
    public var base: Double
    public var warmupSteps: Int
    public var warmupStartFactor: Double
    public var shape: Shape

    public init(base: Double, shape: Shape = .constant, warmupSteps: Int = 0, warmupStartFactor: Double = 0) {
        self.base = base
        self.shape = shape
        self.warmupSteps = warmupSteps
        self.warmupStartFactor = warmupStartFactor
    }

    public enum Shape: Codable, Sendable, Equatable {
        case constant
        /// × gamma every `every` steps.
        case step(every: Int, gamma: Double)
        /// × gamma at each milestone.
        case multiStep(milestones: [Int], gamma: Double)
        /// × gamma per step.
        case exponential(gamma: Double)
        /// Cosine from 1 to `minimumFactor` over `period` steps after the warm-up; with
        /// restarts (SGDR) the period grows by `periodMultiplier` at each restart.
        case cosine(period: Int, minimumFactor: Double, restarts: Bool, periodMultiplier: Double)
        /// Smith's one-cycle: up from base/divFactor to base over `peakFraction` of `total`, then
        /// cosine down to base/(divFactor·finalDivFactor), as PyTorch's `OneCycleLR`.
        case oneCycle(total: Int, peakFraction: Double, divFactor: Double, finalDivFactor: Double)
        /// ULMFiT's slanted triangular rates (Howard & Ruder 2018): a short linear rise over
        /// `cutFraction` of `total`, a long linear decay; the lowest rate is base/ratio.
        case slantedTriangular(total: Int, cutFraction: Double, ratio: Double)
        /// Transformer schedule: linear rise over `warmup`, then ∝ 1/√step (peaking at base).
        case inverseSquareRoot(warmup: Int)
        /// Linear interpolation between (step, factor) points; flat outside them.
        case piecewise(points: [Point])
    }

    public struct Point: Codable, Sendable, Equatable {
        public var step: Int
        public var factor: Double
        public init(step: Int, factor: Double) { (self.step, self.factor) = (step, factor) }
    }

    /// The learning rate for optimizer step `step` (0-based).
    public func rate(at step: Int) -> Double {
        let t = Swift.max(step, 0)
        switch shape {
        case .oneCycle, .slantedTriangular, .inverseSquareRoot:
            return base * shapeFactor(t)
        default:
            guard t < warmupSteps else { return base * shapeFactor(t - warmupSteps) }
            let progress = Double(t) / Double(Swift.max(warmupSteps, 1))
            return base * (warmupStartFactor + (1 - warmupStartFactor) * progress) * shapeFactor(0)
        }
    }

    /// The shape's multiplier `t` steps after the warm-up.
    private func shapeFactor(_ t: Int) -> Double {
        switch shape {
        case .constant:
            return 1
        case let .step(every, gamma):
            return Foundation.pow(gamma, Double(t / Swift.max(every, 1)))
        case let .multiStep(milestones, gamma):
            return Foundation.pow(gamma, Double(milestones.filter { t >= $0 }.count))
        case let .exponential(gamma):
            return Foundation.pow(gamma, Double(t))
        case let .cosine(period, minimumFactor, restarts, multiplier):
            var position = Double(t), length = Double(Swift.max(period, 1))
            if restarts {
                while position >= length { position -= length; length *= Swift.max(multiplier, 1) }
            } else {
                position = Swift.min(position, length)
            }
            return minimumFactor + (1 - minimumFactor) * 0.5 * (1 + Foundation.cos(Double.pi * position / length))
        case let .oneCycle(total, peakFraction, divFactor, finalDivFactor):
            // PyTorch's OneCycleLR phases: rise until step peakFraction·total − 1, fall to total − 1.
            let start = 1 / divFactor, end = start / finalDivFactor
            let peak = peakFraction * Double(total) - 1
            let x = Double(Swift.min(t, total - 1))
            if x <= peak { return cosineBetween(start, 1, peak > 0 ? x / peak : 1) }
            return cosineBetween(1, end, (x - peak) / Swift.max(Double(total - 1) - peak, 1e-12))
        case let .slantedTriangular(total, cutFraction, ratio):
            let cut = Swift.max(1, Int((Double(total) * cutFraction).rounded(.down)))
            let p = t < cut ? Double(t) / Double(cut)
                            : 1 - Double(t - cut) / Double(Swift.max(cut, 1)) / (1 / cutFraction - 1)
            return (1 + Swift.max(p, 0) * (ratio - 1)) / ratio
        case let .inverseSquareRoot(warmup):
            let w = Double(Swift.max(warmup, 1)), s = Double(t + 1)
            return Swift.min(s / w, (w / s).squareRoot())
        case let .piecewise(points):
            let sorted = points.sorted { $0.step < $1.step }
            guard let first = sorted.first, let last = sorted.last else { return 1 }
            if t <= first.step { return first.factor }
            if t >= last.step { return last.factor }
            for (a, b) in zip(sorted, sorted.dropFirst()) where t >= a.step && t <= b.step {
                let f = Double(t - a.step) / Double(Swift.max(b.step - a.step, 1))
                return a.factor + f * (b.factor - a.factor)
            }
            return last.factor
        }
    }

    /// Half-cosine interpolation from `a` (f = 0) to `b` (f = 1), as PyTorch's OneCycleLR.
    private func cosineBetween(_ a: Double, _ b: Double, _ f: Double) -> Double {
        b + (a - b) / 2 * (1 + Foundation.cos(Double.pi * f))
    }

    /// Why the schedule cannot be used, or nil.
    public func validationProblem() -> String? {
        guard base.isFinite, base > 0 else { return "base learning rate must be a positive number, got \(base)" }
        guard warmupSteps >= 0 else { return "warm-up steps must not be negative" }
        guard warmupStartFactor >= 0, warmupStartFactor <= 1 else { return "warm-up start factor must be in [0, 1]" }
        switch shape {
        case let .step(every, gamma) where every < 1 || !(gamma > 0): return "step schedule needs every ≥ 1 and gamma > 0"
        case let .multiStep(_, gamma) where !(gamma > 0): return "multistep gamma must be > 0"
        case let .exponential(gamma) where !(gamma > 0): return "exponential gamma must be > 0"
        case let .cosine(period, minimum, _, multiplier) where period < 1 || minimum < 0 || minimum > 1 || multiplier < 1:
            return "cosine needs period ≥ 1, minimum factor in [0, 1], period multiplier ≥ 1"
        case let .oneCycle(total, peak, div, final) where total < 2 || !(peak > 0 && peak < 1) || !(div >= 1) || !(final >= 1):
            return "one-cycle needs total ≥ 2, peak fraction in (0, 1), div factors ≥ 1"
        case let .slantedTriangular(total, cut, ratio) where total < 2 || !(cut > 0 && cut < 1) || !(ratio >= 1):
            return "slanted triangular needs total ≥ 2, cut fraction in (0, 1), ratio ≥ 1"
        case let .inverseSquareRoot(warmup) where warmup < 1: return "inverse square root needs warm-up ≥ 1"
        case let .piecewise(points) where points.isEmpty || points.contains { !($0.factor >= 0) || $0.step < 0 }:
            return "piecewise needs at least one point with step ≥ 0 and factor ≥ 0"
        default: return nil
        }
    }
}
