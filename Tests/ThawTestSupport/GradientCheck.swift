import ThawTensor

/// Finite-difference gradient checking.
///
/// The engine computes in Float32 only, so the check perturbs Float32 inputs but forms the
/// probe `L = Σ f(x) ⊙ r` (r a fixed random projection) and the central differences
/// `(L(x+ε) − L(x−ε)) / 2ε` in Double. Analytic gradients come from `gradients(of:seed:)`,
/// i.e. the vector–Jacobian product with the same r.
public struct GradientCheckResult: CustomStringConvertible {
    public let input: Int
    /// Largest |analytic − numeric| / (atol + rtol·|numeric|) over the input's elements; ≤ 1 passes.
    public let worstRatio: Double
    public let worstIndex: Int
    public let analytic: Double
    public let numeric: Double

    public var passed: Bool { worstRatio <= 1 }
    public var description: String {
        "input \(input): worst element \(worstIndex) analytic \(analytic) numeric \(numeric) (ratio \(worstRatio))"
    }
}

public struct GradientChecker: Sendable {
    public var epsilon: Float
    public var absoluteTolerance: Double
    public var relativeTolerance: Double

    public init(epsilon: Float = 1e-2, absoluteTolerance: Double = 2e-3, relativeTolerance: Double = 1e-2) {
        self.epsilon = epsilon
        self.absoluteTolerance = absoluteTolerance
        self.relativeTolerance = relativeTolerance
    }

    /// Checks d f / d inputs[i] for every input (each is made a trainable parameter).
    public func check(_ inputs: [Tensor], seed: UInt64 = 7, _ f: ([Tensor]) -> Tensor) -> [GradientCheckResult] {
        let parameters = inputs.map { Parameter($0) }
        let output = f(parameters.map(\.tensor))
        var generator = SeededGenerator(seed: seed)
        let projection = Tensor.randomNormal(shape: output.shape, generator: &generator)
        let analytic = gradients(of: output, seed: projection)
        let r = projection.scalars.map(Double.init)

        func probe(_ values: [Tensor]) -> Double {
            let out = withNoGradient { f(values) }.scalars
            var total = 0.0
            for i in out.indices { total += Double(out[i]) * r[i] }
            return total
        }

        return inputs.indices.map { index in
            let g = analytic[parameters[index]]?.scalars ?? [Float](repeating: 0, count: inputs[index].count)
            var base = inputs.map(\.scalars)
            var worst = (ratio: 0.0, index: 0, a: 0.0, n: 0.0)
            for e in 0..<inputs[index].count {
                let original = base[index][e]
                base[index][e] = original + epsilon
                let plus = probe(zip(inputs, base).map { Tensor(shape: $0.shape, scalars: $1) })
                base[index][e] = original - epsilon
                let minus = probe(zip(inputs, base).map { Tensor(shape: $0.shape, scalars: $1) })
                base[index][e] = original
                let numeric = (plus - minus) / (2 * Double(epsilon))
                let a = Double(g[e])
                let ratio = Swift.abs(a - numeric) / (absoluteTolerance + relativeTolerance * Swift.abs(numeric))
                if ratio > worst.ratio || !ratio.isFinite { worst = (ratio.isFinite ? ratio : .infinity, e, a, numeric) }
            }
            return GradientCheckResult(input: index, worstRatio: worst.ratio, worstIndex: worst.index,
                                       analytic: worst.a, numeric: worst.n)
        }
    }
}
