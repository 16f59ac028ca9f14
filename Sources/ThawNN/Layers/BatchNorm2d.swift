import ThawTensor

/// `nn.BatchNorm2d` (also right for `(N, C)` inputs, as `BatchNorm1d`).
///
/// `freezesStatistics` keeps the layer on its running statistics even while the model
/// trains: the usual choice when fine-tuning on small batches from a new domain.
public final class BatchNorm2d: Layer {
    public let weight: Parameter
    public let bias: Parameter
    public let runningMean: Parameter
    public let runningVariance: Parameter
    /// Counted like PyTorch's buffer (int64 in checkpoints); used when momentum is nil.
    public let numBatchesTracked: Parameter
    public let epsilon: Float
    /// nil = cumulative moving average, as PyTorch's `momentum=None`. Settable so AdaBN can
    /// re-estimate the statistics as an exact average over its batches and then put it back.
    public var momentum: Float?
    public var isTraining = true
    public var freezesStatistics = false
    /// Sees every input before it is normalised, in any mode, and changes nothing: how the
    /// BatchNorm-shift diagnostic measures the target statistics each layer receives without
    /// running the model in training mode (which would move the running statistics). Set and
    /// cleared by whoever measures; nil otherwise.
    public var inputObserver: ((Tensor) -> Void)?

    public init(features: Int, epsilon: Float = 1e-5, momentum: Float? = 0.1) {
        weight = Initialization.constant(1, [features])
        bias = Initialization.constant(0, [features])
        runningMean = Initialization.constant(0, [features], trainable: false)
        runningVariance = Initialization.constant(1, [features], trainable: false)
        numBatchesTracked = Initialization.constant(0, [], trainable: false)
        self.epsilon = epsilon
        self.momentum = momentum
    }

    public var features: Int { weight.count }

    public func visit<V: ModuleVisitor>(_ v: inout V) {
        v.parameter("weight", weight)
        v.parameter("bias", bias)
        v.buffer("running_mean", runningMean)
        v.buffer("running_var", runningVariance)
        v.buffer("num_batches_tracked", numBatchesTracked, storedAs: .int64)
    }

    /// True when this call uses (and updates) batch statistics.
    public var usesBatchStatistics: Bool { isTraining && !freezesStatistics }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        inputObserver?(x)
        let training = usesBatchStatistics
        var factor = momentum ?? 0
        if training {
            let batches = numBatchesTracked.value.scalar + 1
            numBatchesTracked.assign(Tensor(batches))
            if momentum == nil { factor = 1 / batches }
        }
        return batchNorm(x, weight: weight.tensor, bias: bias.tensor, runningMean: runningMean,
                         runningVariance: runningVariance, training: training, momentum: factor, epsilon: epsilon)
    }

    public var summary: String { "BatchNorm2d(\(features), eps: \(epsilon))" }
}
