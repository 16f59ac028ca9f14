/// The gradient rule of every op, in one exhaustive switch.
///
/// `send(input, gradient)` passes a gradient to one input; it is called only for inputs
/// that need one, so rules never compute gradients nobody asked for.
func propagate(_ op: Op, gradient g: Tensor, store: inout GradientStore, send: (Tensor, Tensor) -> Void) {
    func needs(_ t: Tensor) -> Bool { t.node != nil }
    func give(_ t: Tensor, _ gradient: @autoclosure () -> Tensor) { if needs(t) { send(t, gradient()) } }
    func giveOptional(_ t: Tensor?, _ gradient: Tensor?) { if let t, let gradient { send(t, gradient) } }

    switch op {
    case .parameter(let p):
        store.accumulate(g, for: p)
    case let .add(a, b):
        give(a, g.reduced(toShape: a.shape))
        give(b, g.reduced(toShape: b.shape))
    case let .subtract(a, b):
        give(a, g.reduced(toShape: a.shape))
        give(b, g.map(Negate()).reduced(toShape: b.shape))
    case let .multiply(a, b):
        give(a, ArithmeticGradients.multiply(g, other: b, toShape: a.shape))
        give(b, ArithmeticGradients.multiply(g, other: a, toShape: b.shape))
    case let .divide(a, b):
        give(a, ArithmeticGradients.divideNumerator(g, b: b, toShape: a.shape))
        give(b, ArithmeticGradients.divideDenominator(g, a: a, b: b))
    case let .negate(x):
        give(x, g.map(Negate()))
    case let .exp(x, y):
        give(x, g.zip(y, Times()))
    case let .log(x):
        give(x, g.zip(x.detached, Over()))
    case let .sqrt(x, y):
        give(x, g.zip(y, SquareRootGradient()))
    case let .pow(x, p):
        give(x, g.zip(x.detached, PowerGradient(exponent: p)))
    case let .abs(x):
        give(x, g.zip(x.detached, AbsoluteGradient()))
    case let .tanh(x, y):
        give(x, g.zip(y, TanhGradient()))
    case let .sigmoid(x, y):
        give(x, g.zip(y, SigmoidGradient()))
    case let .relu(x):
        give(x, g.zip(x.detached, ReluGradient()))
    case let .leakyRelu(x, slope):
        give(x, g.zip(x.detached, LeakyReluGradient(slope: slope)))
    case let .gelu(x, approximation):
        give(x, g.zip(x.detached, GELUGradient(approximation: approximation)))
    case let .silu(x):
        give(x, g.zip(x.detached, SiLUGradient()))
    case let .clamp(x, low, high):
        give(x, g.zip(x.detached, ClampGradient(low: low, high: high)))
    case let .matmul(a, b, ta, tb):
        let (da, db) = MatmulKernel.backward(g, a, b, ta: ta, tb: tb, needA: needs(a), needB: needs(b))
        giveOptional(a, da)
        giveOptional(b, db)
    case let .sum(x, axes):
        give(x, g.expanded(fromReducedAxes: axes, to: x.shape))
    case let .mean(x, axes):
        let n = Float(axes.reduce(1) { $0 * x.shape[$1] })
        give(x, g.map(DivideBy(divisor: n)).expanded(fromReducedAxes: axes, to: x.shape))
    case let .max(x, axis, argmax):
        give(x, ReductionGradients.max(g, input: x, axis: axis, argmax: argmax))
    case let .variance(x, axes, correction):
        give(x, ReductionGradients.variance(g, input: x, axes: axes, correction: correction))
    case let .reshape(x):
        give(x, g.reshapedRaw(x.shape))
    case let .permute(x, permutation):
        give(x, LayoutGradients.permute(g, permutation: permutation))
    case let .slice(x, axis, range):
        give(x, LayoutGradients.slice(g, inputShape: x.shape, axis: axis, range: range))
    case let .concat(parts, axis):
        for (part, piece) in zip(parts, LayoutGradients.concat(g, parts: parts, axis: axis)) { give(part, piece) }
    case let .indexSelect(x, axis, indices):
        give(x, GatherGradients.indexSelect(g, inputShape: x.shape, axis: axis, indices: indices))
    case let .embedding(weight, indices):
        give(weight, GatherGradients.indexSelect(g.reshapedRaw([indices.count, weight.shape[1]]),
                                                 inputShape: weight.shape, axis: 0, indices: indices))
    case let .softmax(x, axis, y):
        give(x, SoftmaxKernel.backward(g, output: y, axis: axis, log: false))
    case let .logSoftmax(x, axis, y):
        give(x, SoftmaxKernel.backward(g, output: y, axis: axis, log: true))
    case let .softmaxCrossEntropy(logits, targets, options, probabilities):
        give(logits, LossGradients.crossEntropy(g, targets: targets, options: options, probabilities: probabilities))
    case let .meanSquaredError(a, b):
        give(a, LossGradients.meanSquaredError(g, a, b, forFirst: true))
        give(b, LossGradients.meanSquaredError(g, a, b, forFirst: false))
    case let .conv2d(x, w, b, geometry):
        let (dx, dw, db) = ConvolutionKernel.backward(g, input: x.detached, weight: w.detached, geometry: geometry,
                                                      needInput: needs(x), needWeight: needs(w), needBias: b.map(needs) ?? false)
        giveOptional(x, dx)
        giveOptional(w, dw)
        giveOptional(b, db)
    case let .maxPool2d(x, window, argmax):
        give(x, PoolingGradients.maxPool(g, input: x, window: window, argmax: argmax))
    case let .avgPool2d(x, window, countIncludePad):
        give(x, PoolingGradients.avgPool(g, input: x, window: window, countIncludePad: countIncludePad))
    case let .adaptiveAvgPool2d(x):
        give(x, PoolingGradients.adaptiveAvgPool(g, input: x))
    case let .batchNorm(x, w, b, saved):
        let (dx, dw, db) = BatchNormGradients.backward(g, input: x, weight: w, saved: saved, needInput: needs(x),
                                                       needWeight: w.map(needs) ?? false, needBias: b.map(needs) ?? false)
        giveOptional(x, dx)
        giveOptional(w, dw)
        giveOptional(b, db)
    case let .layerNorm(x, w, b, saved):
        let (dx, dw, db) = LayerNormGradients.backward(g, input: x, weight: w, bias: b, saved: saved, needInput: needs(x),
                                                       needWeight: w.map(needs) ?? false, needBias: b.map(needs) ?? false)
        giveOptional(x, dx)
        giveOptional(w, dw)
        giveOptional(b, db)
    case let .dropout(x, mask):
        give(x, g.zip(mask, Times()))
    case let .attention(q, k, v, saved):
        let (dq, dk, dv) = AttentionGradients.backward(g, query: q, key: k, value: v, saved: saved,
                                                       need: (needs(q), needs(k), needs(v)))
        giveOptional(q, dq)
        giveOptional(k, dk)
        giveOptional(v, dv)
    }
}
