import Foundation

/// Which GELU: the exact one (BERT's "gelu") or the tanh approximation ("gelu_new").
public enum GELUApproximation: String, Sendable {
    case none, tanh
}

extension Tensor {
    public func exp() -> Tensor {
        let out = map { Foundation.exp($0) }
        return Tensor.record(out, .exp(self, output: out), inputs: self)
    }

    public func log() -> Tensor {
        Tensor.record(map { Foundation.log($0) }, .log(self), inputs: self)
    }

    public func sqrt() -> Tensor {
        let out = map { $0.squareRoot() }
        return Tensor.record(out, .sqrt(self, output: out), inputs: self)
    }

    public func pow(_ exponent: Float) -> Tensor {
        let out: Tensor
        if exponent == 2 {
            out = map { $0 * $0 }
        } else {
            out = map { Foundation.pow($0, exponent) }
        }
        return Tensor.record(out, .pow(self, exponent: exponent), inputs: self)
    }

    public func abs() -> Tensor {
        Tensor.record(map { Swift.abs($0) }, .abs(self), inputs: self)
    }

    public func tanh() -> Tensor {
        let out = map { Foundation.tanh($0) }
        return Tensor.record(out, .tanh(self, output: out), inputs: self)
    }

    public func sigmoid() -> Tensor {
        let out = map(Activation.sigmoid)
        return Tensor.record(out, .sigmoid(self, output: out), inputs: self)
    }

    public func relu() -> Tensor {
        // `x > 0 ? x : 0` keeps NaN as NaN (comparison false → 0 would hide it), as PyTorch does.
        Tensor.record(map { $0 > 0 || $0.isNaN ? $0 : 0 }, .relu(self), inputs: self)
    }

    public func leakyRelu(slope: Float = 0.01) -> Tensor {
        Tensor.record(map { $0 > 0 ? $0 : $0 * slope }, .leakyRelu(self, slope: slope), inputs: self)
    }

    public func gelu(approximation: GELUApproximation = .none) -> Tensor {
        let out = approximation == .none ? map(Activation.geluExact) : map(Activation.geluTanh)
        return Tensor.record(out, .gelu(self, approximation: approximation), inputs: self)
    }

    public func silu() -> Tensor {
        Tensor.record(map { $0 * Activation.sigmoid($0) }, .silu(self), inputs: self)
    }

    public func clamp(min low: Float = -.infinity, max high: Float = .infinity) -> Tensor {
        precondition(!(low > high), "clamp: min \(low) > max \(high)")
        return Tensor.record(map { Swift.min(Swift.max($0, low), high) }, .clamp(self, min: low, max: high), inputs: self)
    }
}

/// Scalar formulas and their derivatives, kept together so forward and backward cannot drift.
enum Activation {
    @inline(__always)
    static func sigmoid(_ x: Float) -> Float {
        // Split by sign so exp never overflows.
        if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
        let e = Foundation.exp(x)
        return e / (1 + e)
    }

    static let invSqrt2: Float = 0.70710678118654752
    static let invSqrt2Pi: Float = 0.39894228040143268
    static let sqrt2OverPi: Float = 0.79788456080286536

    /// `erfc(−x/√2)` rather than `1 + erf(x/√2)`: the sum cancels for negative x and loses
    /// digits in the tail.
    @inline(__always)
    static func geluExact(_ x: Float) -> Float { 0.5 * x * erfc(-x * invSqrt2) }

    @inline(__always)
    static func geluExactDerivative(_ x: Float) -> Float {
        0.5 * erfc(-x * invSqrt2) + x * invSqrt2Pi * Foundation.exp(-0.5 * x * x)
    }

    @inline(__always)
    static func geluTanh(_ x: Float) -> Float {
        0.5 * x * (1 + Foundation.tanh(sqrt2OverPi * (x + 0.044715 * x * x * x)))
    }

    @inline(__always)
    static func geluTanhDerivative(_ x: Float) -> Float {
        let inner = sqrt2OverPi * (x + 0.044715 * x * x * x)
        let t = Foundation.tanh(inner)
        let dInner = sqrt2OverPi * (1 + 3 * 0.044715 * x * x)
        return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * dInner
    }

    @inline(__always)
    static func siluDerivative(_ x: Float) -> Float {
        let s = sigmoid(x)
        return s * (1 + x * (1 - s))
    }
}
