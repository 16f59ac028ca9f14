import ThawTrainingAPI

/// The learning-rate curve the experiment would follow, computed with the same
/// `LRSchedule.rate(at:)` the trainer calls, per parameter group.
enum SchedulePreview {
    struct Curve: Equatable, Sendable {
        var name: String
        var scale: Double
        var steps: [Double]
        var rates: [Double]
    }

    /// One curve for the base rate ("rest") and one per distinct group multiplier, sampled
    /// at up to `samples` steps over the run.
    static func curves(_ config: RunConfig, totalSteps: Int, samples: Int = 240) -> [Curve] {
        let schedule = config.schedule.schedule(lr: config.optimizer.lr, totalSteps: totalSteps)
        let count = Swift.max(2, Swift.min(samples, totalSteps))
        let steps = (0..<count).map { Int((Double($0) / Double(count - 1) * Double(totalSteps - 1)).rounded()) }
        let base = steps.map { schedule.rate(at: $0) }
        var curves = [Curve(name: "base", scale: 1, steps: steps.map(Double.init), rates: base)]
        var seen: Set<Double> = [1]
        for group in RateGroups.scales(config.optimizer) where seen.insert(group.scale).inserted && curves.count < 6 {
            curves.append(Curve(name: group.name, scale: group.scale, steps: steps.map(Double.init), rates: base.map { $0 * group.scale }))
        }
        return curves
    }

    /// Where gradual unfreezing thaws each group: (step, label).
    static func thawMarkers(_ config: RunConfig, stepsPerEpoch: Int) -> [(step: Int, label: String)] {
        guard let gradual = config.freeze.plan.gradual else { return [] }
        return zip(gradual.thawEpochs, gradual.groups).map { epoch, group in
            (epoch * stepsPerEpoch, "thaw " + (group.first ?? "") + (group.count > 1 ? "+\(group.count - 1)" : ""))
        }
    }
}
