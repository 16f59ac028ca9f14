import ThawTensor
import ThawTestSupport

/// One finite-difference check: inputs and the function of them whose gradient is checked.
struct GradientCase: CustomStringConvertible, Sendable {
    let name: String
    let inputs: @Sendable () -> [Tensor]
    let function: @Sendable ([Tensor]) -> Tensor
    var checker = GradientChecker()
    var description: String { name }
}

/// Deterministic inputs. `awayFromZero` keeps kinks (relu, abs, max) out of the ε-window.
func sample(_ shape: [Int], seed: UInt64, low: Float = -1, high: Float = 1, awayFromZero: Bool = false) -> Tensor {
    var generator = SeededGenerator(seed: seed)
    var values = Tensor.randomUniform(shape: shape, lower: low, upper: high, generator: &generator).scalars
    if awayFromZero { values = values.map { $0 >= 0 ? $0 + 0.1 : $0 - 0.1 } }
    return Tensor(shape: shape, scalars: values)
}

/// Distinct values spaced far apart relative to ε, so max and max-pool have one clear winner.
func distinct(_ shape: [Int], seed: UInt64) -> Tensor {
    var generator = SeededGenerator(seed: seed)
    var values = (0..<ShapeMath.count(shape)).map { Float($0) * 0.1 - 1 }
    values.shuffle(using: &generator)
    return Tensor(shape: shape, scalars: values)
}

enum GradientCases {
    static let elementwise: [GradientCase] = [
        GradientCase(name: "add broadcast", inputs: { [sample([2, 3, 4], seed: 1), sample([3, 1], seed: 2)] }, function: { $0[0] + $0[1] }),
        GradientCase(name: "subtract broadcast", inputs: { [sample([2, 3, 4], seed: 3), sample([1, 4], seed: 4)] }, function: { $0[0] - $0[1] }),
        GradientCase(name: "multiply broadcast", inputs: { [sample([2, 3, 4], seed: 5), sample([2, 1, 4], seed: 6)] }, function: { $0[0] * $0[1] }),
        GradientCase(name: "divide broadcast", inputs: { [sample([3, 4], seed: 7), sample([4], seed: 8, low: 1, high: 2)] }, function: { $0[0] / $0[1] }),
        GradientCase(name: "negate", inputs: { [sample([5], seed: 9)] }, function: { -$0[0] }),
        GradientCase(name: "exp", inputs: { [sample([6], seed: 10, low: -2, high: 2)] }, function: { $0[0].exp() }),
        GradientCase(name: "log", inputs: { [sample([6], seed: 11, low: 0.5, high: 3)] }, function: { $0[0].log() }),
        GradientCase(name: "sqrt", inputs: { [sample([6], seed: 12, low: 0.5, high: 3)] }, function: { $0[0].sqrt() }),
        GradientCase(name: "pow 3", inputs: { [sample([6], seed: 13)] }, function: { $0[0].pow(3) }),
        GradientCase(name: "pow 0.5", inputs: { [sample([6], seed: 14, low: 0.5, high: 2)] }, function: { $0[0].pow(0.5) }),
        GradientCase(name: "abs", inputs: { [sample([8], seed: 15, awayFromZero: true)] }, function: { $0[0].abs() }),
        GradientCase(name: "tanh", inputs: { [sample([8], seed: 16, low: -2, high: 2)] }, function: { $0[0].tanh() }),
        GradientCase(name: "sigmoid", inputs: { [sample([8], seed: 17, low: -3, high: 3)] }, function: { $0[0].sigmoid() }),
        GradientCase(name: "relu", inputs: { [sample([8], seed: 18, awayFromZero: true)] }, function: { $0[0].relu() }),
        GradientCase(name: "leaky relu", inputs: { [sample([8], seed: 19, awayFromZero: true)] }, function: { $0[0].leakyRelu(slope: 0.2) }),
        GradientCase(name: "gelu erf", inputs: { [sample([8], seed: 20, low: -3, high: 3)] }, function: { $0[0].gelu() }),
        GradientCase(name: "gelu tanh", inputs: { [sample([8], seed: 21, low: -3, high: 3)] }, function: { $0[0].gelu(approximation: .tanh) }),
        GradientCase(name: "silu", inputs: { [sample([8], seed: 22, low: -3, high: 3)] }, function: { $0[0].silu() }),
        GradientCase(name: "clamp", inputs: { [Tensor(shape: [6], scalars: [-2, -0.7, -0.2, 0.3, 0.8, 2])] }, function: { $0[0].clamp(min: -0.5, max: 0.5) }),
    ]

    static let algebra: [GradientCase] = [
        GradientCase(name: "matmul", inputs: { [sample([3, 4], seed: 30), sample([4, 5], seed: 31)] }, function: { $0[0].matmul($0[1]) }),
        GradientCase(name: "matmul aᵀ", inputs: { [sample([4, 3], seed: 32), sample([4, 5], seed: 33)] }, function: { $0[0].matmul($0[1], transposeA: true) }),
        GradientCase(name: "matmul bᵀ", inputs: { [sample([3, 4], seed: 34), sample([5, 4], seed: 35)] }, function: { $0[0].matmul($0[1], transposeB: true) }),
        GradientCase(name: "matmul aᵀbᵀ", inputs: { [sample([4, 3], seed: 36), sample([5, 4], seed: 37)] }, function: { $0[0].matmul($0[1], transposeA: true, transposeB: true) }),
        GradientCase(name: "matmul batched", inputs: { [sample([2, 3, 4], seed: 38), sample([2, 4, 5], seed: 39)] }, function: { $0[0].matmul($0[1]) }),
        GradientCase(name: "matmul batched aᵀ bᵀ", inputs: { [sample([2, 4, 3], seed: 40), sample([2, 5, 4], seed: 41)] }, function: { $0[0].matmul($0[1], transposeA: true, transposeB: true) }),
        GradientCase(name: "matmul shared weight (linear)", inputs: { [sample([2, 3, 4], seed: 42), sample([5, 4], seed: 43)] }, function: { $0[0].matmul($0[1], transposeB: true) }),
        GradientCase(name: "sum axes keep", inputs: { [sample([2, 3, 4], seed: 50)] }, function: { $0[0].sum(axes: [0, 2], keepingDims: true) }),
        GradientCase(name: "sum all", inputs: { [sample([2, 3], seed: 51)] }, function: { $0[0].sum() }),
        GradientCase(name: "mean axis", inputs: { [sample([2, 3, 4], seed: 52)] }, function: { $0[0].mean(axis: 1) }),
        GradientCase(name: "max axis", inputs: { [distinct([3, 4, 2], seed: 53)] }, function: { $0[0].max(axis: 1) }),
        GradientCase(name: "variance unbiased", inputs: { [sample([3, 5], seed: 54)] }, function: { $0[0].variance(axes: [1]) }),
        GradientCase(name: "variance biased all", inputs: { [sample([2, 3, 2], seed: 55)] }, function: { $0[0].variance(axes: [0, 2], correction: 0) }),
    ]

    static let layout: [GradientCase] = [
        GradientCase(name: "reshape", inputs: { [sample([2, 6], seed: 60)] }, function: { $0[0].reshaped([3, -1]) * $0[0].reshaped([3, 4]) }),
        GradientCase(name: "permute", inputs: { [sample([2, 3, 4], seed: 61)] }, function: { $0[0].permuted([2, 0, 1]) }),
        GradientCase(name: "slice", inputs: { [sample([3, 5], seed: 62)] }, function: { $0[0].slice(axis: 1, 1..<4) }),
        GradientCase(name: "concat", inputs: { [sample([2, 2], seed: 63), sample([2, 3], seed: 64)] }, function: { Tensor.concat([$0[0], $0[1], $0[0]], axis: 1) }),
        GradientCase(name: "index select repeats", inputs: { [sample([4, 3], seed: 65)] }, function: { $0[0].indexSelect(axis: 0, indices: [2, 0, 2, 3]) }),
        GradientCase(name: "embedding", inputs: { [sample([5, 3], seed: 66)] }, function: { embedding($0[0], indices: [1, 4, 1, 0, 1, 2], indexShape: [2, 3]) }),
        GradientCase(name: "softmax middle axis", inputs: { [sample([2, 4, 3], seed: 67, low: -2, high: 2)] }, function: { $0[0].softmax(axis: 1) }),
        GradientCase(name: "log softmax", inputs: { [sample([3, 5], seed: 68, low: -2, high: 2)] }, function: { $0[0].logSoftmax(axis: -1) }),
        GradientCase(name: "cross entropy smoothing ignore", inputs: { [sample([5, 4], seed: 69, low: -2, high: 2)] },
                     function: { softmaxCrossEntropy(logits: $0[0], targets: [1, -100, 3, 0, 2], options: .init(labelSmoothing: 0.1)) }),
        GradientCase(name: "mse", inputs: { [sample([3, 4], seed: 70), sample([3, 4], seed: 71)] }, function: { meanSquaredError($0[0], $0[1]) }),
    ]

    static let networks: [GradientCase] = [
        GradientCase(name: "conv2d groups stride dilation", inputs: { [sample([2, 4, 7, 6], seed: 80), sample([6, 2, 3, 2], seed: 81), sample([6], seed: 82)] },
                     function: { conv2d($0[0], weight: $0[1], bias: $0[2], stride: (2, 1), padding: (1, 2), dilation: (2, 1), groups: 2) }),
        GradientCase(name: "conv2d 1x1", inputs: { [sample([1, 3, 4, 4], seed: 83), sample([2, 3, 1, 1], seed: 84)] },
                     function: { conv2d($0[0], weight: $0[1]) }),
        GradientCase(name: "max pool", inputs: { [distinct([2, 2, 5, 5], seed: 85)] }, function: { maxPool2d($0[0], kernel: (3, 3), stride: (2, 2), padding: (1, 1)) }),
        GradientCase(name: "avg pool include pad", inputs: { [sample([2, 2, 5, 5], seed: 86)] }, function: { avgPool2d($0[0], kernel: (3, 3), stride: (2, 2), padding: (1, 1)) }),
        GradientCase(name: "avg pool exclude pad", inputs: { [sample([1, 2, 5, 4], seed: 87)] }, function: { avgPool2d($0[0], kernel: (3, 2), stride: (1, 2), padding: (1, 1), countIncludePad: false) }),
        GradientCase(name: "adaptive avg pool", inputs: { [sample([2, 2, 7, 5], seed: 88)] }, function: { adaptiveAvgPool2d($0[0], outputSize: (3, 2)) }),
        GradientCase(name: "batch norm train", inputs: { [sample([4, 3, 2, 2], seed: 89), sample([3], seed: 90, low: 0.5, high: 1.5), sample([3], seed: 91)] },
                     function: { batchNorm($0[0], weight: $0[1], bias: $0[2], runningMean: nil, runningVariance: nil, training: true) }),
        GradientCase(name: "batch norm eval", inputs: { [sample([3, 2, 2, 2], seed: 92), sample([2], seed: 93), sample([2], seed: 94)] },
                     function: {
                         batchNorm($0[0], weight: $0[1], bias: $0[2],
                                   runningMean: Parameter(Tensor(shape: [2], scalars: [0.1, -0.2]), requiresGradient: false),
                                   runningVariance: Parameter(Tensor(shape: [2], scalars: [0.8, 1.3]), requiresGradient: false), training: false)
                     }),
        GradientCase(name: "layer norm", inputs: { [sample([3, 5], seed: 95, low: -2, high: 2), sample([5], seed: 96), sample([5], seed: 97)] },
                     function: { layerNorm($0[0], normalizedShape: [5], weight: $0[1], bias: $0[2]) }),
        GradientCase(name: "dropout", inputs: { [sample([4, 5], seed: 98)] },
                     function: { x in var generator = SeededGenerator(seed: 5); return dropout(x[0], probability: 0.3, generator: &generator) }),
        GradientCase(name: "attention with padding mask",
                     inputs: { [sample([2, 2, 3, 4], seed: 99), sample([2, 2, 4, 4], seed: 100), sample([2, 2, 4, 3], seed: 101)] },
                     function: { scaledDotProductAttention(query: $0[0], key: $0[1], value: $0[2],
                                                           keyPaddingMask: [true, true, true, true, true, true, false, false]) }),
    ]

    static let all = elementwise + algebra + layout + networks
}
