import ThawNN
import ThawTensor
import ThawTrainingAPI

/// A named set of parameters sharing a learning-rate multiplier and weight decay: the unit of
/// discriminative fine-tuning (lower rates for layers closer to the input).
public struct ParameterGroup {
    public let name: String
    public let members: [(key: String, parameter: Parameter)]
    public var learningRateScale: Double
    public var weightDecay: Double
}

/// How to form parameter groups: each spec claims the parameters under its module paths;
/// parameters nobody claims form the group named `"rest"`.
public struct ParameterGroupSpec: Codable, Sendable, Equatable {
    public var name: String
    public var paths: [String]
    public var learningRateScale: Double
    public var weightDecay: Double?

    public init(name: String, paths: [String], learningRateScale: Double = 1, weightDecay: Double? = nil) {
        (self.name, self.paths, self.learningRateScale, self.weightDecay) = (name, paths, learningRateScale, weightDecay)
    }

    /// ULMFiT-style discriminative rates: one group per block, the last (output side) at 1 and
    /// each earlier block `factor` times lower (ULMFiT uses 2.6).
    public static func discriminative(blocks: [String], factor: Double) -> [ParameterGroupSpec] {
        blocks.enumerated().map { index, block in
            ParameterGroupSpec(name: block, paths: [block],
                               learningRateScale: 1 / Foundation.pow(factor, Double(blocks.count - 1 - index)))
        }
    }
}

public enum ParameterGroups {
    /// Splits `parameters` by `specs` (first matching spec wins; unmatched → "rest").
    public static func make(_ specs: [ParameterGroupSpec], parameters: [(key: String, parameter: Parameter)],
                            defaultWeightDecay: Double) -> [ParameterGroup] {
        var members: [[(key: String, parameter: Parameter)]] = Array(repeating: [], count: specs.count)
        var rest: [(key: String, parameter: Parameter)] = []
        for entry in parameters {
            if let index = specs.firstIndex(where: { spec in spec.paths.contains { entry.key == $0 || entry.key.hasPrefix($0 + ".") } }) {
                members[index].append(entry)
            } else {
                rest.append(entry)
            }
        }
        var groups = zip(specs, members).map { spec, members in
            ParameterGroup(name: spec.name, members: members, learningRateScale: spec.learningRateScale,
                           weightDecay: spec.weightDecay ?? defaultWeightDecay)
        }
        if !rest.isEmpty {
            groups.append(ParameterGroup(name: "rest", members: rest, learningRateScale: 1, weightDecay: defaultWeightDecay))
        }
        return groups
    }
}

import Foundation
