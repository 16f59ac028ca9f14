/// Which GELU: the exact one (BERT's "gelu") or the tanh approximation ("gelu_new").
public enum GELUApproximation: String, Sendable {
    case none, tanh
}

/// Elementwise functions; the formulas and their gradients are in `ScalarFunctions.swift`.
extension Tensor {
    public func exp() -> Tensor {
        let out = map(Exp())
        return Tensor.record(out, .exp(self, output: out), inputs: self)
    }

    public func log() -> Tensor {
        Tensor.record(map(Log()), .log(self), inputs: self)
    }

    public func sqrt() -> Tensor {
        let out = map(SquareRoot())
        return Tensor.record(out, .sqrt(self, output: out), inputs: self)
    }

    public func pow(_ exponent: Float) -> Tensor {
        Tensor.record(map(Power(exponent: exponent)), .pow(self, exponent: exponent), inputs: self)
    }

    public func abs() -> Tensor {
        Tensor.record(map(Absolute()), .abs(self), inputs: self)
    }

    public func tanh() -> Tensor {
        let out = map(HyperbolicTangent())
        return Tensor.record(out, .tanh(self, output: out), inputs: self)
    }

    public func sigmoid() -> Tensor {
        let out = map(Sigmoid())
        return Tensor.record(out, .sigmoid(self, output: out), inputs: self)
    }

    public func relu() -> Tensor {
        Tensor.record(map(Relu()), .relu(self), inputs: self)
    }

    public func leakyRelu(slope: Float = 0.01) -> Tensor {
        Tensor.record(map(LeakyRelu(slope: slope)), .leakyRelu(self, slope: slope), inputs: self)
    }

    public func gelu(approximation: GELUApproximation = .none) -> Tensor {
        Tensor.record(map(GELU(approximation: approximation)), .gelu(self, approximation: approximation), inputs: self)
    }

    public func silu() -> Tensor {
        Tensor.record(map(SiLU()), .silu(self), inputs: self)
    }

    public func clamp(min low: Float = -.infinity, max high: Float = .infinity) -> Tensor {
        precondition(!(low > high), "clamp: min \(low) > max \(high)")
        return Tensor.record(map(Clamp(low: low, high: high)), .clamp(self, min: low, max: high), inputs: self)
    }
}
