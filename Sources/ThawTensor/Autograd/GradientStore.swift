/// Gradients of one backward pass, keyed by parameter. Returned by value so a step's
/// gradients cannot leak into the next one (no hidden `.grad`, nothing to zero).
public struct GradientStore {
    private var byParameter: [ObjectIdentifier: Tensor] = [:]
    private var order: [Parameter] = []

    public init() {}

    public subscript(parameter: Parameter) -> Tensor? {
        byParameter[ObjectIdentifier(parameter)]
    }

    /// Parameters that received a gradient, in the order they were first reached.
    public var parameters: [Parameter] { order }

    public var isEmpty: Bool { order.isEmpty }

    mutating func accumulate(_ gradient: Tensor, for parameter: Parameter) {
        let key = ObjectIdentifier(parameter)
        if let existing = byParameter[key] {
            byParameter[key] = existing.adding(gradient)
        } else {
            byParameter[key] = gradient
            order.append(parameter)
        }
    }

    /// Replaces a gradient (clipping, masking); the shape must match the parameter.
    public mutating func set(_ gradient: Tensor, for parameter: Parameter) {
        precondition(gradient.shape == parameter.shape, "gradient shape \(gradient.shape) ≠ parameter shape \(parameter.shape)")
        if byParameter.updateValue(gradient.detached, forKey: ObjectIdentifier(parameter)) == nil {
            order.append(parameter)
        }
    }
}
