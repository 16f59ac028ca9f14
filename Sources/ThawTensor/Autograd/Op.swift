/// Every differentiable operation, carrying the inputs and whatever the backward pass needs.
///
/// One enum with one exhaustive `switch` in `Backward.swift`: adding a case without a gradient
/// rule does not compile, and `kind` ties each case to the gradient-check registry test.
enum Op {
    /// A leaf: gradients arriving here are collected for the parameter.
    case parameter(Parameter)

    // Elementwise, binary (NumPy broadcasting).
    case add(Tensor, Tensor)
    case subtract(Tensor, Tensor)
    case multiply(Tensor, Tensor)
    case divide(Tensor, Tensor)

    // Elementwise, unary. Some keep their output because the derivative is cheaper from it.
    case negate(Tensor)
    case exp(Tensor, output: Tensor)
    case log(Tensor)
    case sqrt(Tensor, output: Tensor)
    case pow(Tensor, exponent: Float)
    case abs(Tensor)
    case tanh(Tensor, output: Tensor)
    case sigmoid(Tensor, output: Tensor)
    case relu(Tensor)
    case leakyRelu(Tensor, slope: Float)
    case gelu(Tensor, approximation: GELUApproximation)
    case silu(Tensor)
    case clamp(Tensor, min: Float, max: Float)

    // Linear algebra.
    case matmul(Tensor, Tensor, transposeA: Bool, transposeB: Bool)

    // Reductions.
    case sum(Tensor, axes: [Int])
    case mean(Tensor, axes: [Int])
    case max(Tensor, axis: Int, argmax: [Int32])
    case variance(Tensor, axes: [Int], correction: Int)

    // Layout.
    case reshape(Tensor)
    case permute(Tensor, permutation: [Int])
    case slice(Tensor, axis: Int, range: Range<Int>)
    case concat([Tensor], axis: Int)
    case indexSelect(Tensor, axis: Int, indices: [Int32])
    case embedding(weight: Tensor, indices: [Int32])

    // Normalised exponentials and losses.
    case softmax(Tensor, axis: Int, output: Tensor)
    case logSoftmax(Tensor, axis: Int, output: Tensor)
    case softmaxCrossEntropy(logits: Tensor, targets: [Int32], CrossEntropyOptions, probabilities: Tensor)
    case meanSquaredError(Tensor, Tensor)

    // Convolutional networks.
    case conv2d(input: Tensor, weight: Tensor, bias: Tensor?, ConvolutionGeometry)
    case maxPool2d(Tensor, WindowGeometry, argmax: [Int32])
    case avgPool2d(Tensor, WindowGeometry, countIncludePad: Bool)
    case adaptiveAvgPool2d(Tensor)
    case batchNorm(Tensor, weight: Tensor?, bias: Tensor?, BatchNormSaved)
    case layerNorm(Tensor, weight: Tensor?, bias: Tensor?, LayerNormSaved)
    case dropout(Tensor, mask: Tensor)

    // Attention.
    case attention(query: Tensor, key: Tensor, value: Tensor, AttentionSaved)

    var kind: OpKind? {
        switch self {
        case .parameter: nil
        case .add: .add
        case .subtract: .subtract
        case .multiply: .multiply
        case .divide: .divide
        case .negate: .negate
        case .exp: .exp
        case .log: .log
        case .sqrt: .sqrt
        case .pow: .pow
        case .abs: .abs
        case .tanh: .tanh
        case .sigmoid: .sigmoid
        case .relu: .relu
        case .leakyRelu: .leakyRelu
        case .gelu: .gelu
        case .silu: .silu
        case .clamp: .clamp
        case .matmul: .matmul
        case .sum: .sum
        case .mean: .mean
        case .max: .max
        case .variance: .variance
        case .reshape: .reshape
        case .permute: .permute
        case .slice: .slice
        case .concat: .concat
        case .indexSelect: .indexSelect
        case .embedding: .embedding
        case .softmax: .softmax
        case .logSoftmax: .logSoftmax
        case .softmaxCrossEntropy: .softmaxCrossEntropy
        case .meanSquaredError: .meanSquaredError
        case .conv2d: .conv2d
        case .maxPool2d: .maxPool2d
        case .avgPool2d: .avgPool2d
        case .adaptiveAvgPool2d: .adaptiveAvgPool2d
        case .batchNorm: .batchNorm
        case .layerNorm: .layerNorm
        case .dropout: .dropout
        case .attention: .attention
        }
    }

    /// Inputs that may carry gradient, in a fixed order.
    var inputs: [Tensor] {
        switch self {
        case .parameter: []
        case let .add(a, b), let .subtract(a, b), let .multiply(a, b), let .divide(a, b),
             let .matmul(a, b, _, _), let .meanSquaredError(a, b):
            [a, b]
        case let .negate(x), let .exp(x, _), let .log(x), let .sqrt(x, _), let .pow(x, _),
             let .abs(x), let .tanh(x, _), let .sigmoid(x, _), let .relu(x), let .leakyRelu(x, _),
             let .gelu(x, _), let .silu(x), let .clamp(x, _, _), let .sum(x, _), let .mean(x, _),
             let .max(x, _, _), let .variance(x, _, _), let .reshape(x), let .permute(x, _),
             let .slice(x, _, _), let .indexSelect(x, _, _), let .embedding(x, _),
             let .softmax(x, _, _), let .logSoftmax(x, _, _), let .softmaxCrossEntropy(x, _, _, _),
             let .maxPool2d(x, _, _), let .avgPool2d(x, _, _), let .adaptiveAvgPool2d(x),
             let .dropout(x, _):
            [x]
        case let .concat(parts, _):
            parts
        case let .conv2d(x, w, b, _):
            [x, w] + [b].compactMap { $0 }
        case let .batchNorm(x, w, b, _), let .layerNorm(x, w, b, _):
            [x] + [w, b].compactMap { $0 }
        case let .attention(q, k, v, _):
            [q, k, v]
        }
    }
}

/// The op cases by name, for the registry test that demands a gradient check for each.
public enum OpKind: String, CaseIterable, Sendable {
    case add, subtract, multiply, divide
    case negate, exp, log, sqrt, pow, abs, tanh, sigmoid, relu, leakyRelu, gelu, silu, clamp
    case matmul
    case sum, mean, max, variance
    case reshape, permute, slice, concat, indexSelect, embedding
    case softmax, logSoftmax, softmaxCrossEntropy, meanSquaredError
    case conv2d, maxPool2d, avgPool2d, adaptiveAvgPool2d, batchNorm, layerNorm, dropout
    case attention
}
