import Foundation
import ThawTrainingAPI

/// Per-block learning-rate multipliers as the Layers screen edits them: one optimizer group
/// per block, named after it. The engine builds groups from the same configuration, so
/// these names are the ones it reports rates under and accepts scale commands for.
enum RateGroups {
    /// The steps `+` and `-` move along.
    static let ladder: [Double] = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10]

    /// Every group the configuration defines, with its multiplier, in the engine's order
    /// (explicit groups, then discriminative blocks). The implicit "rest" group is 1.
    static func scales(_ optimizer: OptimizerConfig) -> [(name: String, paths: [String], scale: Double)] {
        var result = optimizer.groups.map { (name: $0.name, paths: $0.paths, scale: $0.lrScale) }
        if let d = optimizer.discriminative {
            for (index, block) in d.blocks.enumerated() {
                result.append((block, [block], 1 / pow(d.factor, Double(d.blocks.count - 1 - index))))
            }
        }
        return result
    }

    /// The multiplier applied to `path`: the first group claiming it, else 1.
    static func scale(for path: String, in optimizer: OptimizerConfig) -> Double {
        scales(optimizer).first { group in group.paths.contains { FreezeTree.covers($0, path) } }?.scale ?? 1
    }

    /// The group name whose multiplier `path` gets, if any.
    static func group(for path: String, in optimizer: OptimizerConfig) -> String? {
        scales(optimizer).first { group in group.paths.contains { FreezeTree.covers($0, path) } }?.name
    }

    /// The next ladder step above (`up`) or below the current value.
    static func step(_ value: Double, up: Bool) -> Double {
        if up { return ladder.first { $0 > value * 1.0001 } ?? ladder.last! }
        return ladder.last { $0 < value * 0.9999 } ?? ladder.first!
    }

    /// Moves `block`'s multiplier one step. An explicit group for the block is created or
    /// updated; one back at 1 with nothing else set is removed, leaving the file tidy.
    static func adjusting(_ block: String, up: Bool, in optimizer: OptimizerConfig) -> OptimizerConfig {
        var result = optimizer
        let next = step(scale(for: block, in: optimizer), up: up)
        if let index = result.groups.firstIndex(where: { $0.name == block && $0.paths == [block] }) {
            result.groups[index].lrScale = next
            if next == 1, result.groups[index].weightDecay == nil, !(optimizer.discriminative?.blocks.contains(block) ?? false) {
                result.groups.remove(at: index)
            }
        } else {
            result.groups.insert(GroupConfig(name: block, paths: [block], lrScale: next), at: 0)
        }
        return result
    }

    /// Names and multipliers as the engine keys them ("rest" holds everything unclaimed).
    static func engineScales(_ optimizer: OptimizerConfig) -> [String: Double] {
        var result: [String: Double] = ["rest": 1]
        for group in scales(optimizer).reversed() { result[group.name] = group.scale }
        return result
    }
}
