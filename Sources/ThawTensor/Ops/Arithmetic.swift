/// Broadcasting arithmetic, as operators so model code reads like the maths.

public func + (a: Tensor, b: Tensor) -> Tensor {
    Tensor.record(a.zip(b, Plus()), .add(a, b), inputs: a, b)
}

public func - (a: Tensor, b: Tensor) -> Tensor {
    Tensor.record(a.zip(b, Minus()), .subtract(a, b), inputs: a, b)
}

public func * (a: Tensor, b: Tensor) -> Tensor {
    Tensor.record(a.zip(b, Times()), .multiply(a, b), inputs: a, b)
}

public func / (a: Tensor, b: Tensor) -> Tensor {
    Tensor.record(a.zip(b, Over()), .divide(a, b), inputs: a, b)
}

public prefix func - (x: Tensor) -> Tensor {
    Tensor.record(x.map(Negate()), .negate(x), inputs: x)
}

public func + (a: Tensor, b: Float) -> Tensor { a + Tensor(b) }
public func - (a: Tensor, b: Float) -> Tensor { a - Tensor(b) }
public func * (a: Tensor, b: Float) -> Tensor { a * Tensor(b) }
public func / (a: Tensor, b: Float) -> Tensor { a / Tensor(b) }
public func + (a: Float, b: Tensor) -> Tensor { Tensor(a) + b }
public func - (a: Float, b: Tensor) -> Tensor { Tensor(a) - b }
public func * (a: Float, b: Tensor) -> Tensor { Tensor(a) * b }
public func / (a: Float, b: Tensor) -> Tensor { Tensor(a) / b }

extension Tensor {
    /// Sums a broadcast gradient back down to `target`, the shape of the input it flows to.
    /// The single place where broadcasting is undone.
    func reduced(toShape target: [Int]) -> Tensor {
        if shape == target { return self }
        let lead = rank - target.count
        precondition(lead >= 0, "cannot reduce \(shape) to \(target)")
        var axes = Array(0..<lead)
        for (i, d) in target.enumerated() where d == 1 && shape[lead + i] != 1 {
            axes.append(lead + i)
        }
        return sumKernel(axes: axes).reshapedRaw(target)
    }

    /// Same storage, new shape, no graph.
    func reshapedRaw(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, storage: storage)
    }
}

/// Backward rules for the arithmetic ops.
enum ArithmeticGradients {
    static func multiply(_ g: Tensor, other: Tensor, toShape shape: [Int]) -> Tensor {
        g.zip(other.detached, Times()).reduced(toShape: shape)
    }

    static func divideNumerator(_ g: Tensor, b: Tensor, toShape shape: [Int]) -> Tensor {
        g.zip(b.detached, Over()).reduced(toShape: shape)
    }

    /// d(a/b)/db = −a/b²
    static func divideDenominator(_ g: Tensor, a: Tensor, b: Tensor) -> Tensor {
        let quotient = a.detached.zip(b.detached, Over())
        return g.zip(quotient, Times()).zip(b.detached, NegatedQuotient()).reduced(toShape: b.shape)
    }
}
