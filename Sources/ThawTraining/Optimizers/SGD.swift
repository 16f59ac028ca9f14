import ThawTensor

/// Stochastic gradient descent with momentum, Nesterov momentum and L2 weight decay, with
/// PyTorch's update rule (`torch.optim.SGD`): the decay is added to the gradient, the
/// momentum buffer starts as the first gradient, and dampening is zero.
public struct SGD: Optimizer {
    public var momentum: Float
    public var nesterov: Bool
    public var weightDecay: Float
    private var velocity = ParameterBuffers()
    private var started: Set<ObjectIdentifier> = []

    public init(momentum: Float = 0, nesterov: Bool = false, weightDecay: Float = 0) {
        precondition(!nesterov || momentum > 0, "Nesterov momentum needs momentum > 0")
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
    }

    public mutating func step(_ gradients: GradientStore, learningRate lr: Float) {
        for parameter in gradients.parameters {
            guard let gradient = gradients[parameter] else { continue }
            let first = started.insert(ObjectIdentifier(parameter)).inserted
            let (mu, wd, nesterov) = (momentum, weightDecay, self.nesterov)
            gradient.withUnsafeBufferPointer { g in
                if mu == 0 {
                    parameter.update { w in
                        for i in 0..<w.count { w[i] -= lr * (g[i] + wd * w[i]) }
                    }
                    return
                }
                velocity.withBuffer(for: parameter) { v in
                    parameter.update { w in
                        v.withUnsafeMutableBufferPointer { v in
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
    }
}
