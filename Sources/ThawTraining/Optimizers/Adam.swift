import Foundation
import ThawTensor

/// Adam and AdamW with PyTorch's update rules (`torch.optim.Adam` / `AdamW`).
///
/// `decoupledWeightDecay` selects AdamW: weights shrink by `lr · weightDecay` directly instead
/// of the decay joining the gradient, which matters for fine-tuning because the adaptive
/// scaling would otherwise weaken the decay on rarely-updated weights.
public struct Adam: Optimizer {
    public var beta1: Float
    public var beta2: Float
    public var epsilon: Float
    public var decoupledWeightDecay: Bool
    private var firstMoment = ParameterBuffers()
    private var secondMoment = ParameterBuffers()
    private var steps: [String: Int] = [:]

    public init(beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, decoupledWeightDecay: Bool = false) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.decoupledWeightDecay = decoupledWeightDecay
    }

    public static func adamW(beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) -> Adam {
        Adam(beta1: beta1, beta2: beta2, epsilon: epsilon, decoupledWeightDecay: true)
    }

    public mutating func update(_ parameter: Parameter, key: String, gradient: Tensor, learningRate lr: Float, weightDecay wd: Float) {
        let t = (steps[key] ?? 0) + 1
        steps[key] = t
        let (b1, b2, eps, decoupled) = (beta1, beta2, epsilon, decoupledWeightDecay)
        let correction1 = 1 - Foundation.pow(b1, Float(t))
        let correction2Sqrt = (1 - Foundation.pow(b2, Float(t))).squareRoot()
        let stepSize = lr / correction1
        let count = parameter.count
        gradient.withUnsafeBufferPointer { g in
            firstMoment.withBuffer(for: key, count: count) { m in
                secondMoment.withBuffer(for: key, count: count) { v in
                    m.withUnsafeMutableBufferPointer { m in
                        v.withUnsafeMutableBufferPointer { v in
                            parameter.update { w in
                                Self.update(w, g, m, v, lr: lr, decay: wd, decoupled: decoupled, b1: b1, b2: b2,
                                            eps: eps, stepSize: stepSize, correction2Sqrt: correction2Sqrt)
                            }
                        }
                    }
                }
            }
        }
    }

    /// One parameter's update; the decay mode is decided outside the loop so it vectorises.
    @inline(__always)
    private static func update(_ w: UnsafeMutableBufferPointer<Float>, _ g: UnsafeBufferPointer<Float>,
                               _ m: UnsafeMutableBufferPointer<Float>, _ v: UnsafeMutableBufferPointer<Float>,
                               lr: Float, decay wd: Float, decoupled: Bool, b1: Float, b2: Float, eps: Float,
                               stepSize: Float, correction2Sqrt: Float) {
        let shrink = decoupled ? 1 - lr * wd : 1
        let l2 = decoupled ? 0 : wd
        for i in 0..<w.count {
            let weight = w[i] * shrink
            let d = g[i] + l2 * w[i]
            let mi = b1 * m[i] + (1 - b1) * d
            let vi = b2 * v[i] + (1 - b2) * d * d
            m[i] = mi
            v[i] = vi
            w[i] = weight - stepSize * mi / (vi.squareRoot() / correction2Sqrt + eps)
        }
    }

    public var state: OptimizerState {
        var state = OptimizerState()
        state.slots["exp_avg"] = firstMoment.buffers
        state.slots["exp_avg_sq"] = secondMoment.buffers
        state.steps = steps
        return state
    }

    public mutating func restore(_ state: OptimizerState, parameters: [String: Parameter]) throws {
        try firstMoment.restore(state.slots["exp_avg"] ?? [:], slot: "exp_avg", parameters: parameters)
        try secondMoment.restore(state.slots["exp_avg_sq"] ?? [:], slot: "exp_avg_sq", parameters: parameters)
        steps = state.steps
    }
}
