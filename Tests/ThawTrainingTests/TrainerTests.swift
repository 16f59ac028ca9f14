import Testing
import ThawModels
import ThawNN
import ThawTensor
import ThawTrainingAPI
@testable import ThawTraining

/// Four Gaussian blobs in 8 dimensions: learnable in a few epochs, fast enough for the suite.
func blobs(count: Int, seed: UInt64) -> Dataset {
    var generator = SeededGenerator(seed: seed)
    var features: [Float] = [], labels: [Int] = []
    for i in 0..<count {
        let label = i % 4
        for d in 0..<8 { features.append((d % 4 == label ? 2.5 : 0) + generator.nextNormal()) }
        labels.append(label)
    }
    return Dataset(featureShape: [8], features: features, labels: labels, classNames: ["a", "b", "c", "d"])
}

func makeTrainer(seed: UInt64 = 1, epochs: Int = 3, schedule: LRSchedule = LRSchedule(base: 0.05),
                 plan: FreezePlan = .none, options: ((inout TrainerOptions) -> Void)? = nil) -> Trainer {
    var generator = SeededGenerator(seed: seed)
    let model = MLPBackbone(sizes: [8, 16, 4], generator: &generator)
    var trainerOptions = TrainerOptions(epochs: epochs)
    options?(&trainerOptions)
    return Trainer(backbone: model, loader: BatchLoader(dataset: blobs(count: 256, seed: 2), batchSize: 32, seed: seed),
                   validation: blobs(count: 128, seed: 3), inputKind: .tabular, optimizer: SGD(momentum: 0.9),
                   schedule: schedule, freezePlan: plan, options: trainerOptions)
}

@Suite("Trainer")
struct TrainerTests {
    @Test func learnsAndReportsEpochs() throws {
        let trainer = makeTrainer()
        var epochs: [EpochMetrics] = []
        while !trainer.isFinished {
            try trainer.trainStep()
            if trainer.epochJustEnded { epochs.append(try trainer.finishEpoch()) }
        }
        #expect(epochs.count == 3 && trainer.step == 24)
        #expect(epochs.last!.validationAccuracy! > 0.9)
        #expect(epochs.last!.trainLoss < epochs.first!.trainLoss)
    }

    @Test func sameSeedSameLosses() throws {
        let a = makeTrainer(), b = makeTrainer()
        for _ in 0..<10 { #expect(try a.trainStep().loss == b.trainStep().loss) }
    }

    /// QUALITY G15: 20 seeds, each with the fault at a different step.
    @Test(arguments: 0..<20)
    func nanInTheLossIsCaughtBeforeTheUpdate(_ seed: Int) throws {
        let k = seed % 7
        let trainer = makeTrainer(seed: UInt64(seed + 1))
        trainer.faults.loss = { step, loss in step == k ? loss * Float.nan : loss }
        for _ in 0..<k { try trainer.trainStep() }
        let before = trainer.backbone.namedParameters().map { $0.parameter.value.scalars }
        #expect(throws: TrainingInterruption.nonFinite(step: k, location: "the loss")) { try trainer.trainStep() }
        #expect(trainer.backbone.namedParameters().map { $0.parameter.value.scalars } == before)
        #expect(trainer.step == k)
    }

    @Test(arguments: 0..<20)
    func nanInOneGradientNamesTheParameter(_ seed: Int) throws {
        let trainer = makeTrainer(seed: UInt64(seed + 1))
        trainer.faults.gradients = { step, grads in
            guard step == 2 else { return }
            let p = grads.parameters[seed % grads.parameters.count]
            grads.set(Tensor(repeating: .nan, shape: p.shape), for: p)
        }
        try trainer.trainStep()
        try trainer.trainStep()
        let before = trainer.backbone.namedParameters().map { $0.parameter.value.scalars }
        #expect {
            try trainer.trainStep()
        } throws: { error in
            guard case let TrainingInterruption.nonFinite(step, location) = error else { return false }
            return step == 2 && location.hasPrefix("the gradient of ")
        }
        #expect(trainer.backbone.namedParameters().map { $0.parameter.value.scalars } == before)
    }

    /// The learning rate jumps ×10⁶ at a random step (QUALITY G15).
    @Test(arguments: 0..<20)
    func explodingLearningRateLeavesTheWeightsAsTheyWere(_ seed: Int) throws {
        let trainer = makeTrainer(seed: UInt64(seed + 1))
        for _ in 0..<(seed % 5) { try trainer.trainStep() }
        trainer.schedule = LRSchedule(base: 0.05 * 1e6)
        let before = trainer.backbone.namedParameters().map { $0.parameter.value.scalars }
        #expect(throws: TrainingInterruption.self) { try trainer.trainStep() } // caught in the same step
        #expect(trainer.backbone.namedParameters().map { $0.parameter.value.scalars } == before)
    }

    @Test func frozenLayersDoNotMoveAndThawKeepsTheSchedule() throws {
        let trainer = makeTrainer(plan: FreezePlan(frozen: ["0"]))
        let frozenBefore = trainer.backbone.namedParameters()[0].parameter.value.scalars
        for _ in 0..<3 { try trainer.trainStep() }
        #expect(trainer.backbone.namedParameters()[0].parameter.value.scalars == frozenBefore)
        trainer.setFreezePlan(.none)
        let metrics = try trainer.trainStep()
        #expect(trainer.backbone.namedParameters()[0].parameter.value.scalars != frozenBefore)
        #expect(metrics.learningRates["rest"] == 0.05)
        #expect(trainer.invariantProblems().isEmpty)
    }

    @Test func replacedHeadOutsideTheGroupsIsReported() throws {
        let trainer = makeTrainer()
        var generator = SeededGenerator(seed: 9)
        try trainer.backbone.replaceHead(classes: 4, generator: &generator)
        #expect(trainer.invariantProblems().contains { $0.contains("in no optimizer group") })
        trainer.rebuildGroups()
        #expect(trainer.invariantProblems().isEmpty)
    }

    @Test func clippingBoundsTheGlobalNorm() {
        let trainer = makeTrainer { $0.gradientClipNorm = 0.5 }
        #expect(trainer.clipScale(totalNorm: 2) < 0.26 && trainer.clipScale(totalNorm: 0.1) == 1)
    }

    @Test func gradualUnfreezingThawsOneGroupPerEpoch() throws {
        let plan = FreezePlan(frozen: ["0"], gradual: GradualUnfreezing(groups: [["0"]], everyEpochs: 1, startEpoch: 1))
        let trainer = makeTrainer(plan: plan)
        #expect(!trainer.backbone.namedParameters()[0].parameter.requiresGradient)
        for _ in 0..<trainer.stepsPerEpoch { try trainer.trainStep() }
        try trainer.trainStep() // first step of epoch 1 applies the plan
        #expect(trainer.backbone.namedParameters()[0].parameter.requiresGradient)
    }
}

@Suite("Frozen-feature cache")
struct FeatureCacheTests {
    @Test func frozenBodyIsCachedAndGivesTheSameRun() throws {
        let cached = makeTrainer(plan: FreezePlan(frozen: ["0"])), direct = makeTrainer(plan: FreezePlan(frozen: ["0"]))
        #expect(cached.cachesFeatures)
        direct.cachesFeatures = false
        for _ in 0..<20 { #expect(try cached.trainStep().loss == direct.trainStep().loss) }
        #expect(try cached.finishEpoch().validationAccuracy == direct.finishEpoch().validationAccuracy)
    }

    @Test func thawingTurnsTheCacheOff() {
        let trainer = makeTrainer(plan: FreezePlan(frozen: ["0"]))
        trainer.setFreezePlan(.none)
        #expect(!trainer.cachesFeatures)
        #expect(!makeTrainer().cachesFeatures)
    }
}
