import ThawTensor

/// Stochastic gradient descent with momentum, Nesterov momentum and L2 weight decay, with
/// PyTorch's update rule (`torch.optim.SGD`): the decay is added to the gradient, the
/// momentum buffer starts as the first gradient, and dampening is zero.
public struct SGD: Optimizer {
    public var momentum: Float
    public var nesterov: Bool
    private var velocity = ParameterBuffers()

    public init(momentum: Float = 0, nesterov: Bool = false) {
        precondition(!nesterov || momentum > 0, "Nesterov momentum needs momentum > 0")
        self.momentum = momentum
        self.nesterov = nesterov
    }

    public mutating func update(_ parameter: Parameter, key: String, gradient: Tensor, learningRate lr: Float, weightDecay wd: Float) {
        let (mu, nesterov) = (momentum, self.nesterov)
        gradient.withUnsafeBufferPointer { g in
            guard mu != 0 else {
                parameter.update { w in
                    for i in 0..<w.count { w[i] -= lr * (g[i] + wd * w[i]) }
                }
                return
            }
            let first = velocity.buffers[key] == nil
            velocity.withBuffer(for: key, count: parameter.count) { v in
                v.withUnsafeMutableBufferPointer { v in
                    parameter.update { w in
                        for i in 0..<w.count {
                            let d = g[i] + wd * w[i]
                            v[i] = first ? d : mu * v[i] + d
                            w[i] -= lr * (nesterov ? d + mu * v[i] : v[i])
                        }
                    }
                }
            }
        }
    }

    public var state: OptimizerState {
        var state = OptimizerState()
        state.slots["momentum_buffer"] = velocity.buffers
        return state
    }

    public mutating func restore(_ state: OptimizerState, parameters: [String: Parameter]) throws {
        try velocity.restore(state.slots["momentum_buffer"] ?? [:], slot: "momentum_buffer", parameters: parameters)
    }
}
