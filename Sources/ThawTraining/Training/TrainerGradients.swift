import ThawNN
import ThawTensor

extension Trainer {
    /// L2-SP: adds α·(θ − θ₀) to each non-head gradient.
    func addL2SP(to grads: inout GradientStore) {
        guard let alpha = options.l2SPStrength, alpha > 0 else { return }
        let heads = backbone.headPrefixes
        for (key, parameter) in backbone.namedParameters() where !heads.contains(where: { key == $0 || key.hasPrefix($0 + ".") }) {
            guard let gradient = grads[parameter], let start = anchor[key] else { continue }
            let pull = withNoGradient { gradient + (parameter.value - start) * Float(alpha) }
            grads.set(pull, for: parameter)
        }
    }

    /// L2 norm of the gradient per layer (module path of each parameter) and overall.
    func layerNorms(_ grads: GradientStore) -> (byLayer: [String: Double], total: Double) {
        var squares: [String: Double] = [:]
        var total = 0.0
        for (key, parameter) in backbone.namedParameters() {
            guard let gradient = grads[parameter] else { continue }
            let layer = key.split(separator: ".").dropLast().joined(separator: ".")
            let sum = gradient.withUnsafeBufferPointer { g in g.reduce(0.0) { $0 + Double($1) * Double($1) } }
            squares[layer, default: 0] += sum
            total += sum
        }
        return (squares.mapValues { $0.squareRoot() }, total.squareRoot())
    }

    /// The factor that brings the global norm down to the clipping threshold (1 if below).
    func clipScale(totalNorm: Double) -> Float {
        guard let clip = options.gradientClipNorm, totalNorm > clip, totalNorm > 0 else { return 1 }
        return Float(clip / (totalNorm + 1e-6))
    }
}
