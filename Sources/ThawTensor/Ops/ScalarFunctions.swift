import Foundation

/// Elementwise formulas as small value types rather than closures.
///
/// The elementwise loops are generic over these, so each loop is specialised with its formula
/// inlined; a closure captured into the worker-thread split is called indirectly per element
/// instead (measured: the ReLU closure alone took 10% of a CNN training step).
protocol UnaryFunction {
    func callAsFunction(_ x: Float) -> Float
}

protocol BinaryFunction {
    func callAsFunction(_ a: Float, _ b: Float) -> Float
}

struct Plus: BinaryFunction { func callAsFunction(_ a: Float, _ b: Float) -> Float { a + b } }
struct Minus: BinaryFunction { func callAsFunction(_ a: Float, _ b: Float) -> Float { a - b } }
struct Times: BinaryFunction { func callAsFunction(_ a: Float, _ b: Float) -> Float { a * b } }
struct Over: BinaryFunction { func callAsFunction(_ a: Float, _ b: Float) -> Float { a / b } }
struct Negate: UnaryFunction { func callAsFunction(_ x: Float) -> Float { -x } }
struct Square: UnaryFunction { func callAsFunction(_ x: Float) -> Float { x * x } }

struct DivideBy: UnaryFunction {
    let divisor: Float
    func callAsFunction(_ x: Float) -> Float { x / divisor }
}

/// `(a − b) · factor`: the MSE gradient.
struct ScaledDifference: BinaryFunction {
    let factor: Float
    func callAsFunction(_ a: Float, _ b: Float) -> Float { (a - b) * factor }
}

/// `a · b · factor`.
struct ScaledProduct: BinaryFunction {
    let factor: Float
    func callAsFunction(_ a: Float, _ b: Float) -> Float { a * b * factor }
}

/// `−a / b`: with a = g·(x/y), the gradient of x/y for y.
struct NegatedQuotient: BinaryFunction { func callAsFunction(_ a: Float, _ b: Float) -> Float { -a / b } }

// Activations: each forward formula beside its gradient `(g, x or y) → g · f′`.

struct Exp: UnaryFunction { func callAsFunction(_ x: Float) -> Float { Foundation.exp(x) } }
struct Log: UnaryFunction { func callAsFunction(_ x: Float) -> Float { Foundation.log(x) } }
struct SquareRoot: UnaryFunction { func callAsFunction(_ x: Float) -> Float { x.squareRoot() } }
/// d√x = 1/(2√x), from the saved output r = √x.
struct SquareRootGradient: BinaryFunction { func callAsFunction(_ g: Float, _ r: Float) -> Float { g * 0.5 / r } }

struct Power: UnaryFunction {
    let exponent: Float
    func callAsFunction(_ x: Float) -> Float { exponent == 2 ? x * x : Foundation.pow(x, exponent) }
}
struct PowerGradient: BinaryFunction {
    let exponent: Float
    func callAsFunction(_ g: Float, _ x: Float) -> Float { g * exponent * Foundation.pow(x, exponent - 1) }
}

struct Absolute: UnaryFunction { func callAsFunction(_ x: Float) -> Float { Swift.abs(x) } }
/// sign(x), with 0 at 0 as PyTorch.
struct AbsoluteGradient: BinaryFunction {
    func callAsFunction(_ g: Float, _ x: Float) -> Float { x > 0 ? g : (x < 0 ? -g : 0) }
}

struct HyperbolicTangent: UnaryFunction { func callAsFunction(_ x: Float) -> Float { Foundation.tanh(x) } }
/// From the saved output t: 1 − t².
struct TanhGradient: BinaryFunction { func callAsFunction(_ g: Float, _ t: Float) -> Float { g * (1 - t * t) } }

struct Sigmoid: UnaryFunction {
    /// Split by sign so exp never overflows.
    func callAsFunction(_ x: Float) -> Float {
        if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
        let e = Foundation.exp(x)
        return e / (1 + e)
    }
}
/// From the saved output s: s(1 − s).
struct SigmoidGradient: BinaryFunction { func callAsFunction(_ g: Float, _ s: Float) -> Float { g * s * (1 - s) } }

/// Keeps NaN as NaN (a plain `x > 0 ? x : 0` would hide it), as PyTorch does.
struct Relu: UnaryFunction { func callAsFunction(_ x: Float) -> Float { x > 0 || x.isNaN ? x : 0 } }
struct ReluGradient: BinaryFunction { func callAsFunction(_ g: Float, _ x: Float) -> Float { x > 0 ? g : 0 } }

struct LeakyRelu: UnaryFunction {
    let slope: Float
    func callAsFunction(_ x: Float) -> Float { x > 0 ? x : x * slope }
}
struct LeakyReluGradient: BinaryFunction {
    let slope: Float
    func callAsFunction(_ g: Float, _ x: Float) -> Float { x > 0 ? g : g * slope }
}

private let invSqrt2: Float = 0.70710678118654752
private let invSqrt2Pi: Float = 0.39894228040143268
private let sqrt2OverPi: Float = 0.79788456080286536

/// `erfc(−x/√2)` rather than `1 + erf(x/√2)`: the sum cancels for negative x and loses
/// digits in the tail.
struct GELU: UnaryFunction {
    let approximation: GELUApproximation
    func callAsFunction(_ x: Float) -> Float {
        switch approximation {
        case .none: 0.5 * x * erfc(-x * invSqrt2)
        case .tanh: 0.5 * x * (1 + Foundation.tanh(sqrt2OverPi * (x + 0.044715 * x * x * x)))
        }
    }
}
struct GELUGradient: BinaryFunction {
    let approximation: GELUApproximation
    func callAsFunction(_ g: Float, _ x: Float) -> Float {
        switch approximation {
        case .none:
            return g * (0.5 * erfc(-x * invSqrt2) + x * invSqrt2Pi * Foundation.exp(-0.5 * x * x))
        case .tanh:
            let t = Foundation.tanh(sqrt2OverPi * (x + 0.044715 * x * x * x))
            let dInner = sqrt2OverPi * (1 + 3 * 0.044715 * x * x)
            return g * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * dInner)
        }
    }
}

struct SiLU: UnaryFunction { func callAsFunction(_ x: Float) -> Float { x * Sigmoid()(x) } }
struct SiLUGradient: BinaryFunction {
    func callAsFunction(_ g: Float, _ x: Float) -> Float {
        let s = Sigmoid()(x)
        return g * s * (1 + x * (1 - s))
    }
}

struct Clamp: UnaryFunction {
    let low: Float, high: Float
    func callAsFunction(_ x: Float) -> Float { Swift.min(Swift.max(x, low), high) }
}
/// Passes the gradient where x lies inside [low, high], bounds included, as PyTorch.
struct ClampGradient: BinaryFunction {
    let low: Float, high: Float
    func callAsFunction(_ g: Float, _ x: Float) -> Float { x >= low && x <= high ? g : 0 }
}
