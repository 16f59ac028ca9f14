import Foundation

/// Options of `softmaxCrossEntropy`, as `torch.nn.functional.cross_entropy` names them.
public struct CrossEntropyOptions: Sendable, Equatable {
    public var labelSmoothing: Float
    /// Targets equal to this contribute nothing and do not count in the mean.
    public var ignoreIndex: Int

    public init(labelSmoothing: Float = 0, ignoreIndex: Int = -100) {
        self.labelSmoothing = labelSmoothing
        self.ignoreIndex = ignoreIndex
    }
}

/// Mean cross-entropy of `logits (N, C)` against class `targets (N)`, fused with the softmax:
/// one pass forward, and the gradient `(softmax − smoothed one-hot) / count` needs no
/// separate softmax backward.
public func softmaxCrossEntropy(logits: Tensor, targets: [Int], options: CrossEntropyOptions = .init()) -> Tensor {
    precondition(logits.rank == 2, "cross-entropy logits must be (N, C), got \(logits.shape)")
    let n = logits.shape[0], c = logits.shape[1]
    precondition(targets.count == n, "cross-entropy: \(targets.count) targets for \(n) rows")
    for t in targets where t != options.ignoreIndex {
        precondition(t >= 0 && t < c, "cross-entropy target \(t) out of range 0..<\(c)")
    }
    let probabilities = SoftmaxKernel.forward(logits, axis: 1, log: false)
    let eps = options.labelSmoothing
    var total: Double = 0
    var counted = 0
    let x = logits.pointer
    for i in 0..<n where targets[i] != options.ignoreIndex {
        let row = x + i * c
        var m = -Float.infinity
        for j in 0..<c { m = Swift.max(m, row[j]) }
        var s: Float = 0
        for j in 0..<c { s += Foundation.exp(row[j] - m) }
        let logZ = m + Foundation.log(s)
        var loss = Double(logZ - row[targets[i]]) * Double(1 - eps)
        if eps > 0 {
            var sumLogP: Double = 0
            for j in 0..<c { sumLogP += Double(row[j] - logZ) }
            loss -= Double(eps) / Double(c) * sumLogP
        }
        total += loss
        counted += 1
    }
    // 0/0 = NaN when every target is ignored, as in PyTorch; the trainer's finiteness check
    // then stops the step instead of silently training on nothing.
    let out = Tensor(Float(total / Double(counted)))
    return Tensor.record(out, .softmaxCrossEntropy(logits: logits, targets: targets.map { Int32($0) }, options,
                                                   probabilities: probabilities), inputs: logits)
}

/// Mean of squared differences, like `F.mse_loss`.
public func meanSquaredError(_ prediction: Tensor, _ target: Tensor) -> Tensor {
    precondition(prediction.shape == target.shape, "mse: shapes \(prediction.shape) and \(target.shape) differ")
    var total: Double = 0
    for i in 0..<prediction.count {
        let d = Double(prediction.pointer[i] - target.pointer[i])
        total += d * d
    }
    let out = Tensor(Float(total / Double(prediction.count)))
    return Tensor.record(out, .meanSquaredError(prediction, target), inputs: prediction, target)
}

enum LossGradients {
    static func crossEntropy(_ g: Tensor, targets: [Int32], options: CrossEntropyOptions, probabilities p: Tensor) -> Tensor {
        let n = p.shape[0], c = p.shape[1]
        let counted = targets.reduce(0) { $0 + ($1 == Int32(options.ignoreIndex) ? 0 : 1) }
        let scale = g.scalar / Float(counted)
        let eps = options.labelSmoothing
        let pp = p.pointer
        return Tensor.filling(p.shape) { dst in
            for i in 0..<n {
                let row = dst + i * c
                if targets[i] == Int32(options.ignoreIndex) {
                    row.initialize(repeating: 0, count: c)
                    continue
                }
                for j in 0..<c { row[j] = (pp[i * c + j] - eps / Float(c)) * scale }
                row[Int(targets[i])] -= (1 - eps) * scale
            }
        }
    }

    static func meanSquaredError(_ g: Tensor, _ a: Tensor, _ b: Tensor, forFirst: Bool) -> Tensor {
        let scale = 2 * g.scalar / Float(a.count) * (forFirst ? 1 : -1)
        return a.detached.zip(b.detached, ScaledDifference(factor: scale))
    }
}
