import Foundation
import ThawTrainingAPI

/// One editable value on the Schedule screen. ←/→ step it along a sensible ladder, Enter
/// takes a typed value; which fields show depends on the optimizer and schedule kinds.
public enum ScheduleField: String, CaseIterable, Equatable, Sendable {
    case optimizer, learningRate, weightDecay, momentum, epochs, batchSize
    case kind, warmupSteps, minFactor, period, restarts, periodMultiplier
    case every, gamma, peakFraction, divFactor, finalDivFactor, cutFraction, ratio

    public var label: String {
        switch self {
        case .optimizer: "optimizer"
        case .learningRate: "learning rate"
        case .weightDecay: "weight decay"
        case .momentum: "momentum"
        case .epochs: "epochs"
        case .batchSize: "batch size"
        case .kind: "schedule"
        case .warmupSteps: "warm-up steps"
        case .minFactor: "min factor"
        case .period: "period (steps)"
        case .restarts: "restarts"
        case .periodMultiplier: "period multiplier"
        case .every: "every (steps)"
        case .gamma: "gamma"
        case .peakFraction: "peak fraction"
        case .divFactor: "div factor"
        case .finalDivFactor: "final div factor"
        case .cutFraction: "cut fraction"
        case .ratio: "ratio"
        }
    }

    /// The fields shown for this configuration, in screen order.
    public static func visible(for config: RunConfig) -> [ScheduleField] {
        var fields: [ScheduleField] = [.optimizer, .learningRate, .weightDecay]
        if config.optimizer.kind == .sgd { fields.append(.momentum) }
        fields += [.epochs, .batchSize, .kind]
        switch config.schedule.kind {
        case .constant, .exponential, .multistep, .piecewise, .step:
            fields.append(.warmupSteps)
            if config.schedule.kind == .step { fields.append(.every) }
            if [.step, .multistep, .exponential].contains(config.schedule.kind) { fields.append(.gamma) }
        case .cosine: fields += [.warmupSteps, .minFactor, .period, .restarts, .periodMultiplier]
        case .oneCycle: fields += [.peakFraction, .divFactor, .finalDivFactor]
        case .slantedTriangular: fields += [.cutFraction, .ratio]
        case .inverseSqrt: fields.append(.warmupSteps)
        }
        return fields
    }

    /// The value as shown ("run" for lengths that default to the whole run).
    public func value(in config: RunConfig) -> String {
        let s = config.schedule
        switch self {
        case .optimizer: return config.optimizer.kind.rawValue
        case .learningRate: return Format.number(config.optimizer.lr)
        case .weightDecay: return Format.number(config.optimizer.weightDecay)
        case .momentum: return Format.number(config.optimizer.momentum)
        case .epochs: return "\(config.training.epochs)"
        case .batchSize: return "\(config.training.batchSize)"
        case .kind: return s.kind.rawValue
        case .warmupSteps: return "\(s.warmupSteps)"
        case .minFactor: return Format.number(s.minFactor ?? 0)
        case .period: return s.period.map { "\($0)" } ?? "run"
        case .restarts: return (s.restarts ?? false) ? "on" : "off"
        case .periodMultiplier: return Format.number(s.periodMultiplier ?? 1)
        case .every: return s.every.map { "\($0)" } ?? "run/3"
        case .gamma: return Format.number(s.gamma ?? (s.kind == .exponential ? 0.999 : 0.1))
        case .peakFraction: return Format.number(s.peakFraction ?? 0.3)
        case .divFactor: return Format.number(s.divFactor ?? 25)
        case .finalDivFactor: return Format.number(s.finalDivFactor ?? 1e4)
        case .cutFraction: return Format.number(s.cutFraction ?? 0.1)
        case .ratio: return Format.number(s.ratio ?? 32)
        }
    }

    static func decades(_ mantissas: [Double], from low: Int, to high: Int) -> [Double] {
        // Division by an exact power of ten gives the same Double as the literal (2e-3).
        (low...high).flatMap { e in mantissas.map { e < 0 ? $0 / pow(10, Double(-e)) : $0 * pow(10, Double(e)) } }
    }

    static func along(_ ladder: [Double], _ value: Double, _ delta: Int) -> Double {
        if delta > 0 { return ladder.first { $0 > value * 1.0001 + 1e-15 } ?? ladder.last! }
        return ladder.last { $0 < value * 0.9999 - 1e-15 } ?? ladder.first!
    }

    static func cycle<T: Equatable>(_ all: [T], _ value: T, _ delta: Int) -> T {
        let index = all.firstIndex(of: value) ?? 0
        return all[((index + delta) % all.count + all.count) % all.count]
    }

    /// Steps the value left (−1) or right (+1).
    public func adjust(_ config: inout RunConfig, by delta: Int, totalSteps: Int) {
        let d = delta >= 0 ? 1 : -1
        let fraction = { (v: Double, lo: Double, hi: Double) in Swift.min(hi, Swift.max(lo, ((v + 0.05 * Double(d)) * 100).rounded() / 100)) }
        let stride = Swift.max(1, totalSteps / 20)
        switch self {
        case .optimizer: config.optimizer.kind = Self.cycle(OptimizerConfig.Kind.allCases, config.optimizer.kind, d)
            if config.optimizer.kind != .sgd { config.optimizer.nesterov = false }
        case .learningRate: config.optimizer.lr = Self.along(Self.decades([1, 2, 5], from: -7, to: 0), config.optimizer.lr, d)
        case .weightDecay: config.optimizer.weightDecay = Self.along([0, 1e-5, 1e-4, 1e-3, 0.01, 0.05, 0.1, 0.3], config.optimizer.weightDecay, d)
        case .momentum: config.optimizer.momentum = fraction(config.optimizer.momentum, 0, 0.99)
        case .epochs: config.training.epochs = Swift.min(1000, Swift.max(1, config.training.epochs + d))
        case .batchSize: config.training.batchSize = Swift.min(4096, Swift.max(1, d > 0 ? config.training.batchSize * 2 : config.training.batchSize / 2))
        case .kind: config.schedule.kind = Self.cycle(ScheduleConfig.Kind.allCases, config.schedule.kind, d)
        case .warmupSteps: config.schedule.warmupSteps = Swift.max(0, config.schedule.warmupSteps + d * stride)
        case .minFactor: config.schedule.minFactor = fraction(config.schedule.minFactor ?? 0, 0, 1)
        case .period: config.schedule.period = Swift.max(1, (config.schedule.period ?? totalSteps) + d * stride)
        case .restarts: config.schedule.restarts = !(config.schedule.restarts ?? false)
        case .periodMultiplier: config.schedule.periodMultiplier = Swift.min(10, Swift.max(1, (config.schedule.periodMultiplier ?? 1) + 0.5 * Double(d)))
        case .every: config.schedule.every = Swift.max(1, (config.schedule.every ?? Swift.max(totalSteps / 3, 1)) + d * stride)
        case .gamma:
            let current = config.schedule.gamma ?? (config.schedule.kind == .exponential ? 0.999 : 0.1)
            config.schedule.gamma = Self.along([0.01, 0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 0.995, 0.999, 0.9995, 0.9999], current, d)
        case .peakFraction: config.schedule.peakFraction = fraction(config.schedule.peakFraction ?? 0.3, 0.05, 0.95)
        case .divFactor: config.schedule.divFactor = Self.along([1, 2, 5, 10, 25, 50, 100, 1000], config.schedule.divFactor ?? 25, d)
        case .finalDivFactor: config.schedule.finalDivFactor = Self.along(Self.decades([1], from: 0, to: 6), config.schedule.finalDivFactor ?? 1e4, d)
        case .cutFraction: config.schedule.cutFraction = fraction(config.schedule.cutFraction ?? 0.1, 0.05, 0.9)
        case .ratio: config.schedule.ratio = Self.along([1, 2, 4, 8, 16, 32, 64, 128], config.schedule.ratio ?? 32, d)
        }
    }

    /// Sets a typed value; returns why it was refused, or nil.
    public func set(_ config: inout RunConfig, text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch self {
        case .optimizer:
            guard let kind = OptimizerConfig.Kind(rawValue: trimmed.lowercased()) else { return "optimizer: use sgd, adam or adamw" }
            config.optimizer.kind = kind
            return nil
        case .kind:
            guard let kind = ScheduleConfig.Kind(rawValue: trimmed.lowercased()) else {
                return "schedule: use " + ScheduleConfig.Kind.allCases.map(\.rawValue).joined(separator: ", ")
            }
            config.schedule.kind = kind
            return nil
        case .restarts:
            guard let on = ["on": true, "true": true, "yes": true, "off": false, "false": false, "no": false][trimmed.lowercased()] else {
                return "restarts: use on or off"
            }
            config.schedule.restarts = on
            return nil
        case .epochs, .batchSize, .warmupSteps, .period, .every:
            guard let n = Int(trimmed), n >= (self == .warmupSteps ? 0 : 1) else { return "\(label): a whole number \(self == .warmupSteps ? "at least 0" : "at least 1")" }
            switch self {
            case .epochs: config.training.epochs = n
            case .batchSize: config.training.batchSize = n
            case .warmupSteps: config.schedule.warmupSteps = n
            case .period: config.schedule.period = n
            default: config.schedule.every = n
            }
            return nil
        default:
            guard let v = Double(trimmed), v.isFinite else { return "\(label): not a number" }
            return setNumber(&config, v)
        }
    }

    private func setNumber(_ config: inout RunConfig, _ v: Double) -> String? {
        func within(_ lo: Double, _ hi: Double, _ apply: (inout RunConfig) -> Void) -> String? {
            guard v >= lo, v <= hi else { return "\(label): must be between \(Format.number(lo)) and \(Format.number(hi))" }
            apply(&config)
            return nil
        }
        switch self {
        case .learningRate: return v > 0 && v <= 10 ? within(0, 10) { $0.optimizer.lr = v } : "learning rate: must be in (0, 10]"
        case .weightDecay: return within(0, 10) { $0.optimizer.weightDecay = v }
        case .momentum: return within(0, 0.999) { $0.optimizer.momentum = v }
        case .minFactor: return within(0, 1) { $0.schedule.minFactor = v }
        case .periodMultiplier: return within(1, 100) { $0.schedule.periodMultiplier = v }
        case .gamma: return v > 0 ? within(0, 10) { $0.schedule.gamma = v } : "gamma: must be > 0"
        case .peakFraction: return v > 0 && v < 1 ? within(0, 1) { $0.schedule.peakFraction = v } : "peak fraction: must be in (0, 1)"
        case .divFactor: return within(1, 1e6) { $0.schedule.divFactor = v }
        case .finalDivFactor: return within(1, 1e9) { $0.schedule.finalDivFactor = v }
        case .cutFraction: return v > 0 && v < 1 ? within(0, 1) { $0.schedule.cutFraction = v } : "cut fraction: must be in (0, 1)"
        case .ratio: return within(1, 1e6) { $0.schedule.ratio = v }
        default: return nil
        }
    }

    /// True when a running engine can take a change of this field (as a new schedule).
    public var appliesLive: Bool {
        ![.optimizer, .weightDecay, .momentum, .epochs, .batchSize].contains(self)
    }
}
