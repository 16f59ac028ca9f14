/// The only mutable tensor: model weights and buffers (BatchNorm running statistics) that
/// optimizers and training-mode layers update between steps.
///
/// Reading `tensor` hands out the current value as a graph leaf; writing copies first when
/// anything else (a saved activation, a caller's `let`) still shares the buffer, so values
/// already handed out never change under their holder.
public final class Parameter {
    public let shape: [Int]
    private var storage: TensorStorage
    /// Frozen parameters (false) are read as constants: no graph is recorded through them,
    /// so the backward pass never visits the layers they belong to.
    public var requiresGradient: Bool

    public init(_ value: Tensor, requiresGradient: Bool = true) {
        shape = value.shape
        storage = value.storage
        self.requiresGradient = requiresGradient
    }

    public var count: Int { storage.count }

    /// The current value as a constant.
    public var value: Tensor { Tensor(shape: shape, storage: storage) }

    /// The value to use in a forward pass, linked to this parameter when gradients are on.
    public var tensor: Tensor {
        guard requiresGradient, ComputeContext.current.isGradientEnabled else { return value }
        return Tensor(shape: shape, storage: storage, node: GradNode(op: .parameter(self)))
    }

    /// Replaces the value; the shape must stay the same (a state-dict load of another shape is
    /// the caller's error to report, not a silent reshape here).
    public func assign(_ newValue: Tensor) {
        precondition(newValue.shape == shape,
                     "assigning shape \(newValue.shape) to a parameter of shape \(shape)")
        storage = newValue.storage
    }

    /// Updates the value in place: the optimizer hot path, allocation-free whenever no one
    /// else holds the buffer.
    public func update(_ body: (UnsafeMutableBufferPointer<Float>) -> Void) {
        if !isKnownUniquelyReferenced(&storage) {
            storage = TensorStorage(copying: storage.pointer, count: storage.count)
        }
        body(storage.buffer)
    }
}
