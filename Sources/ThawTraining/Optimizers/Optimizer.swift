import ThawTensor

/// An optimizer turns one step's gradients into in-place parameter updates.
///
/// State (momentum buffers, Adam moments) is keyed by parameter identity and created on the
/// first step a parameter receives a gradient, so parameters thawed mid-run join cleanly.
public protocol Optimizer {
    /// Applies one update with base learning rate `learningRate` to every parameter that
    /// has a gradient in `gradients`.
    mutating func step(_ gradients: GradientStore, learningRate: Float)
}

/// Per-parameter optimizer buffers, allocated once and updated in place afterwards.
struct ParameterBuffers {
    private var buffers: [ObjectIdentifier: [Float]] = [:]

    /// The buffer for `parameter`, created as zeros on first use.
    mutating func withBuffer<R>(for parameter: Parameter, _ body: (inout [Float]) -> R) -> R {
        let key = ObjectIdentifier(parameter)
        var buffer = buffers.removeValue(forKey: key) ?? [Float](repeating: 0, count: parameter.count)
        defer { buffers[key] = buffer }
        return body(&buffer)
    }

    func buffer(for parameter: Parameter) -> [Float]? { buffers[ObjectIdentifier(parameter)] }
}
