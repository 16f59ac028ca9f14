import Foundation
import ThawModels
import ThawNN
import ThawTensor
import ThawTrainingAPI

/// The training loop's state and one step of it, synchronous and deterministic for a seed.
/// `TrainingEngine` runs it on its own thread; tests and the headless command call it
/// directly.
public final class Trainer {
    public let backbone: any Backbone
    public internal(set) var optimizer: any Optimizer
    public private(set) var groups: [ParameterGroup]
    public var schedule: LRSchedule
    public internal(set) var freezePlan: FreezePlan
    public let loader: BatchLoader
    public let validation: Dataset?
    public let inputKind: InputSpec.Kind
    public let options: TrainerOptions
    public internal(set) var step = 0
    var iterator: BatchLoader.Iterator
    let groupSpecs: [ParameterGroupSpec]
    let defaultWeightDecay: Double
    /// θ₀ for L2-SP: the weights the run started from.
    let anchor: [String: Tensor]
    var epochTotals = EpochTotals()
    let startTime = Date()
    /// Test-only fault injection (NaN in the loss or a gradient), for the finiteness guards.
    public var faults = FaultInjection()
    /// Dropout layers inside frozen parts, kept in evaluation mode.
    var frozenDropouts: [any Module] = []
    /// Frozen-backbone features of training and validation examples (see `FeatureCache`),
    /// used while `cachesFeatures` holds.
    var trainingFeatures = FeatureCache()
    var validationFeatures = FeatureCache()
    var cachesFeatures = false
    /// The from-scratch twin trained on the same batches, when diagnostics ask for it.
    public var shadow: ScratchShadow?
    /// Which validation examples the last evaluation got right (run and shadow), in order.
    public internal(set) var lastValidationCorrect: [Bool] = []
    public internal(set) var lastScratchValidationCorrect: [Bool] = []
    /// BatchNorm statistics each AdaBN recalibration replaced, newest last, for its undo.
    var batchNormSnapshots: [BatchNormSnapshot] = []

    public init(backbone: any Backbone, loader: BatchLoader, validation: Dataset?, inputKind: InputSpec.Kind,
                optimizer: any Optimizer, groups: [ParameterGroupSpec] = [], weightDecay: Double = 0,
                schedule: LRSchedule, freezePlan: FreezePlan = .none, options: TrainerOptions) {
        self.backbone = backbone
        self.loader = loader
        self.validation = validation
        self.inputKind = inputKind
        self.optimizer = optimizer
        self.groupSpecs = groups
        self.defaultWeightDecay = weightDecay
        self.schedule = schedule
        self.freezePlan = freezePlan
        self.options = options
        iterator = loader.makeIterator()
        anchor = options.l2SPStrength == nil ? [:] : Dictionary(backbone.namedParameters().map { ($0.key, $0.parameter.value) },
                                                                 uniquingKeysWith: { a, _ in a })
        self.groups = []
        rebuildGroups()
        applyFreezePlan(epoch: 0)
    }

    /// Where the next batch comes from; an epoch ends when this moves to the next epoch.
    public var position: LoaderPosition { iterator.position }
    public var epoch: Int { iterator.position.epoch }
    public var isFinished: Bool { epoch >= options.epochs }
    public var stepsPerEpoch: Int { loader.batchesPerEpoch }

    /// One optimizer step. Throws `TrainingInterruption` (weights untouched) when the loss, a
    /// gradient or the update is not finite.
    @discardableResult
    public func trainStep() throws -> StepMetrics {
        let started = Date()
        guard let batch = iterator.next() else { throw TrainingInterruption.nonFinite(step: step, location: "an empty training set") }
        if batch.position.batch == 0 { applyFreezePlan(epoch: batch.position.epoch) }
        enterTrainingMode()
        let logits: Tensor
        if cachesFeatures {
            let features = try trainingFeatures.features(for: batch.indices, inputs: { batch.inputs }, backbone: backbone,
                                                         batch: backboneBatch)
            logits = backbone.classify(features: features)
        } else {
            logits = try backbone.logits(backboneBatch(batch.inputs))
        }
        let computed = softmaxCrossEntropy(logits: logits, targets: batch.labels,
                                       options: .init(labelSmoothing: Float(options.labelSmoothing)))
        var grads = gradients(of: computed)
        let loss = faults.loss?(step, computed) ?? computed
        faults.gradients?(step, &grads)
        guard loss.isFinite else {
            iterator = loader.makeIterator(from: batch.position)
            throw TrainingInterruption.nonFinite(step: step, location: "the loss")
        }
        if let bad = groups.lazy.flatMap(\.members).first(where: { grads[$0.parameter]?.isFinite == false }) {
            iterator = loader.makeIterator(from: batch.position)
            throw TrainingInterruption.nonFinite(step: step, location: "the gradient of \(bad.key)")
        }
        addL2SP(to: &grads)
        let norms = layerNorms(grads)
        let scale = clipScale(totalNorm: norms.total)
        let rates = try update(grads, gradientScale: scale, restoring: batch.position)
        epochTotals.add(loss: Double(loss.scalar), logits: logits, labels: batch.labels)
        let scratchLoss = try shadow?.step(inputs: batch.inputs, labels: batch.labels, learningRate: schedule.rate(at: step),
                                           batch: backboneBatch)
        step += 1
        let seconds = Date().timeIntervalSince(started)
        var metrics = StepMetrics(step: step, epoch: batch.position.epoch, loss: Double(loss.scalar), learningRates: rates,
                                  gradientNorms: norms.byLayer, samplesPerSecond: Double(batch.labels.count) / Swift.max(seconds, 1e-9),
                                  elapsed: Date().timeIntervalSince(startTime))
        metrics.scratchLoss = scratchLoss
        return metrics
    }

    /// Applies the optimizer group by group. With `guardUpdates`, an update that is not
    /// finite, or that moves the weights by more than `maximumRelativeUpdate` times their own
    /// norm (a learning rate off by orders of magnitude), is undone and the loader rewound, so
    /// the model is exactly as before the step.
    private func update(_ grads: GradientStore, gradientScale: Float, restoring position: LoaderPosition) throws -> [String: Double] {
        var rates: [String: Double] = [:]
        var previous: [(key: String, parameter: Parameter, value: Tensor, rate: Double)] = []
        for group in groups {
            let rate = schedule.rate(at: step) * group.learningRateScale
            rates[group.name] = rate
            for (key, parameter) in group.members where parameter.requiresGradient {
                guard var gradient = grads[parameter] else { continue }
                if gradientScale != 1 { gradient = withNoGradient { gradient * gradientScale } }
                if options.guardUpdates { previous.append((key, parameter, parameter.value, rate)) }
                optimizer.update(parameter, key: key, gradient: gradient, learningRate: Float(rate), weightDecay: Float(group.weightDecay))
            }
        }
        if let problem = UpdateCheck.problem(previous.map { ($0.key, $0.parameter, $0.value, $0.rate) },
                                             maximumRelativeUpdate: options.maximumRelativeUpdate) {
            for entry in previous { entry.parameter.assign(entry.value) }
            iterator = loader.makeIterator(from: position)
            throw TrainingInterruption.nonFinite(step: step, location: problem)
        }
        return rates
    }

    /// Converts a loader batch into what the backbone reads.
    func backboneBatch(_ inputs: Tensor) -> BackboneBatch {
        inputKind == .text ? .tokens(TokenizedText.tokenBatch(inputs)) : .dense(inputs)
    }

    /// Forms the parameter groups again, e.g. after the head was replaced.
    public func rebuildGroups() {
        groups = ParameterGroups.make(groupSpecs, parameters: backbone.namedParameters(), defaultWeightDecay: defaultWeightDecay)
    }

    public func setLearningRateScale(group: String, scale: Double) {
        guard let index = groups.firstIndex(where: { $0.name == group }) else { return }
        groups[index].learningRateScale = scale
    }
}

/// Hooks that corrupt a step on purpose, so tests can prove the guards catch it.
public struct FaultInjection {
    public var loss: ((Int, Tensor) -> Tensor)?
    public var gradients: ((Int, inout GradientStore) -> Void)?
    public init() {}
}
