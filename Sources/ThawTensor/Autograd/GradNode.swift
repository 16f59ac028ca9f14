/// One recorded op in the autograd graph. A class so that tensors sharing a producer share the
/// node, which is how the backward pass finds the graph's joins.
///
/// `@unchecked Sendable` is not claimed: graphs live and die on the thread that builds them.
final class GradNode {
    let op: Op
    init(op: Op) { self.op = op }
}

extension Tensor {
    /// Wraps a freshly computed `result` as the output of `op`, recording the op only when
    /// gradients are enabled and some input needs them.
    static func record(_ result: Tensor, _ op: @autoclosure () -> Op, inputs: Tensor...) -> Tensor {
        guard ComputeContext.current.isGradientEnabled, inputs.contains(where: { $0.node != nil }) else {
            return result
        }
        return Tensor(shape: result.shape, storage: result.storage, node: GradNode(op: op()))
    }

    static func record(_ result: Tensor, _ op: @autoclosure () -> Op, inputList: [Tensor]) -> Tensor {
        guard ComputeContext.current.isGradientEnabled, inputList.contains(where: { $0.node != nil }) else {
            return result
        }
        return Tensor(shape: result.shape, storage: result.storage, node: GradNode(op: op()))
    }
}
