import ThawTensor

/// An optimizer turns a gradient into an in-place parameter update.
///
/// State (momentum, Adam moments) is keyed by the parameter's state-dict key, so it can be
/// checkpointed by name and survives re-building the model; it is created on the first
/// update a parameter receives, so parameters thawed mid-run join cleanly.
public protocol Optimizer {
    /// Updates one parameter. `weightDecay` comes from the parameter's group.
    mutating func update(_ parameter: Parameter, key: String, gradient: Tensor, learningRate: Float, weightDecay: Float)
    /// Every state buffer, as (slot, parameter key) → values, for checkpoints.
    var state: OptimizerState { get }
    /// Restores buffers saved by `state`; throws when a buffer does not fit its parameter.
    mutating func restore(_ state: OptimizerState, parameters: [String: Parameter]) throws
}

extension Optimizer {
    /// Updates every parameter in `parameters` that has a gradient, with one rate and decay.
    public mutating func step(_ gradients: GradientStore, parameters: [(key: String, parameter: Parameter)],
                              learningRate: Float, weightDecay: Float = 0) {
        for (key, parameter) in parameters {
            guard let gradient = gradients[parameter] else { continue }
            update(parameter, key: key, gradient: gradient, learningRate: learningRate, weightDecay: weightDecay)
        }
    }
}

/// Optimizer buffers by slot ("momentum", "exp_avg", …) and parameter key, plus per-key
/// step counts: everything needed to resume exactly.
public struct OptimizerState: Sendable, Equatable {
    public var slots: [String: [String: [Float]]] = [:]
    public var steps: [String: Int] = [:]
    public init() {}
}

public struct OptimizerStateError: Error, CustomStringConvertible, Equatable {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// Per-parameter buffers, allocated on first use and updated in place afterwards.
struct ParameterBuffers {
    private(set) var buffers: [String: [Float]] = [:]

    mutating func withBuffer<R>(for key: String, count: Int, _ body: (inout [Float]) -> R) -> R {
        var buffer = buffers.removeValue(forKey: key) ?? [Float](repeating: 0, count: count)
        defer { buffers[key] = buffer }
        return body(&buffer)
    }

    /// Replaces all buffers, checking each against its parameter's size.
    mutating func restore(_ saved: [String: [Float]], slot: String, parameters: [String: Parameter]) throws {
        for (key, values) in saved {
            guard let parameter = parameters[key] else { throw OptimizerStateError("optimizer \(slot) state for \(key), which the model does not have") }
            guard parameter.count == values.count else {
                throw OptimizerStateError("optimizer \(slot) state for \(key) has \(values.count) values, the parameter \(parameter.count)")
            }
        }
        buffers = saved
    }
}
