/// Reverse-mode differentiation over the recorded graph.
///
/// Returns the gradient of the scalar `loss` for every parameter it depends on. Parameters
/// that are frozen, or not reached, get none: their layers were never recorded, so the pass
/// does no work for them.
public func gradients(of loss: Tensor) -> GradientStore {
    precondition(loss.count == 1, "gradients(of:) needs a scalar loss, got shape \(loss.shape)")
    return gradients(of: loss, seed: Tensor(repeating: 1, shape: loss.shape))
}

/// Vector–Jacobian product: gradients of `Σ output ⊙ seed`.
public func gradients(of output: Tensor, seed: Tensor) -> GradientStore {
    precondition(seed.shape == output.shape, "seed shape \(seed.shape) must match output \(output.shape)")
    var store = GradientStore()
    guard let root = output.node else { return store }
    withNoGradient {
        var pending: [ObjectIdentifier: Tensor] = [ObjectIdentifier(root): seed.detached]
        for node in topologicalOrder(from: root).reversed() {
            guard let g = pending.removeValue(forKey: ObjectIdentifier(node)) else { continue }
            propagate(node.op, gradient: g, store: &store) { input, gradient in
                guard let inputNode = input.node else { return }
                let key = ObjectIdentifier(inputNode)
                precondition(gradient.shape == input.shape,
                             "internal error: \(node.op.kind.map { "\($0)" } ?? "leaf") produced a gradient of shape \(gradient.shape) for an input of shape \(input.shape)")
                if let existing = pending[key] {
                    pending[key] = existing.adding(gradient)
                } else {
                    pending[key] = gradient
                }
            }
        }
    }
    return store
}

/// Nodes ordered so every node comes after all of its inputs (iterative DFS: deep graphs
/// such as a 50-layer ResNet's must not overflow the stack).
private func topologicalOrder(from root: GradNode) -> [GradNode] {
    var order: [GradNode] = []
    var visited: Set<ObjectIdentifier> = []
    var stack: [(GradNode, Bool)] = [(root, false)]
    while let (node, expanded) = stack.popLast() {
        if expanded { order.append(node); continue }
        guard visited.insert(ObjectIdentifier(node)).inserted else { continue }
        stack.append((node, true))
        for input in node.op.inputs {
            if let child = input.node, !visited.contains(ObjectIdentifier(child)) {
                stack.append((child, false))
            }
        }
    }
    return order
}
