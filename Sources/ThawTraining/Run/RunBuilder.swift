import Foundation
import ThawModels
import ThawNN
import ThawTensor
import ThawTrainingAPI

/// Everything a run needs, built from an experiment: data, the backbone with its weights,
/// and the trainer. Build it on the thread that will train (tensors never change threads).
public struct PreparedRun {
    public let experiment: Experiment
    public let data: ExperimentData
    public let trainer: Trainer
    /// The backbone's card as found in the zoo (nil for an MLP from scratch).
    public let sourceCard: BackboneCard?
    /// How the pretrained weights loaded (nil when training from scratch).
    public let loadReport: LoadReport?
    public let normalization: Normalization?
    /// The vocabulary file of a text backbone, copied beside an exported model.
    public let sourceVocabulary: URL?
    /// The source task's probe set with the source head (`diagnostics.source_probe`).
    public let sourceProbe: SourceProbe?
    /// What `backbone.head_init: logme` fitted, nil otherwise.
    public let headInit: LogMEHeadInit.Outcome?
}

public enum RunBuilder {
    public static func prepare(_ experiment: Experiment) throws -> PreparedRun {
        let config = experiment.config
        let base = experiment.baseDirectory
        let entry = try findBackbone(config.backbone, base: base)
        let textTokenizer: WordPieceTokenizer? = try entry.flatMap { try Self.tokenizer(for: $0) }
        let data = try ExperimentData.load(config.data, seed: config.seed, base: base, tokenizer: textTokenizer)
        let classes = data.classNames.count
        var generator = SeededGenerator(seed: config.seed)
        let backbone: any Backbone
        var report: LoadReport?
        if let entry {
            try checkInput(entry.card, data: data)
            if config.backbone.scratch {
                backbone = try BackboneLoader.build(entry.card, generator: &generator)
                if backbone.classes != classes { try backbone.replaceHead(classes: classes, generator: &generator) }
            } else {
                let loaded = try BackboneLoader.load(entry, classes: classes, seed: config.seed)
                backbone = loaded.backbone
                report = loaded.report
            }
        } else {
            backbone = try scratchBackbone(config.backbone, data: data, classes: classes, generator: &generator)
        }
        let normalization = try normalization(entry?.card, config: config.data, data: data)
        let loader = BatchLoader(dataset: data.train, batchSize: config.training.batchSize, seed: config.seed,
                                 augmentation: config.data.augment.map { ImageAugmentation(padding: $0.padding, horizontalFlip: $0.flip) },
                                 normalization: normalization)
        let totalSteps = config.training.epochs * loader.batchesPerEpoch
        let inputKind: InputSpec.Kind = data.isText ? .text : (entry?.card.input.kind ?? (data.train.featureShape.count == 3 ? .image : .tabular))
        // Before the trainer exists, so every snapshot of the starting weights (the L2-SP
        // anchor, the drift and distortion baselines) sees the fitted head.
        let headInit = config.backbone.headInit == .logme && report != nil
            ? try LogMEHeadInit.apply(to: backbone, data: data.train, validation: data.validation, normalization: normalization, seed: config.seed,
                                      batch: { inputKind == .text ? .tokens(TokenizedText.tokenBatch($0)) : .dense($0) })
            : nil
        let trainer = Trainer(
            backbone: backbone, loader: loader, validation: data.validation.count > 0 ? data.validation : nil,
            inputKind: inputKind, optimizer: optimizer(config.optimizer),
            groups: groups(config.optimizer), weightDecay: config.optimizer.weightDecay,
            schedule: config.schedule.schedule(lr: config.optimizer.lr, totalSteps: totalSteps), freezePlan: config.freeze.plan,
            options: TrainerOptions(epochs: config.training.epochs, gradientClipNorm: config.optimizer.clipNorm,
                                    l2SPStrength: config.optimizer.l2sp, labelSmoothing: config.training.labelSmoothing,
                                    evaluationBatchSize: config.training.evalBatchSize))
        if config.diagnostics.scratchBaseline, let entry, !config.backbone.scratch {
            var shadowGenerator = SeededGenerator(seed: config.seed ^ 0x5C2A_7C40)
            let twin = try BackboneLoader.build(entry.card, generator: &shadowGenerator)
            if twin.classes != classes { try twin.replaceHead(classes: classes, generator: &shadowGenerator) }
            trainer.shadow = ScratchShadow(backbone: twin, optimizer: optimizer(config.optimizer), weightDecay: config.optimizer.weightDecay,
                                           inputKind: trainer.inputKind)
        }
        let probe = try SourceProbe.load(config, entry: entry, base: base, tokenizer: textTokenizer, normalization: normalization)
        return PreparedRun(experiment: experiment, data: data, trainer: trainer, sourceCard: entry?.card, loadReport: report,
                           normalization: normalization, sourceVocabulary: entry.flatMap(vocabularyURL), sourceProbe: probe, headInit: headInit)
    }

    static func scratchBackbone(_ config: BackboneConfig, data: ExperimentData, classes: Int,
                                generator: inout SeededGenerator) throws -> any Backbone {
        switch config.architecture {
        case .mlp:
            return MLPBackbone(sizes: [data.train.featureCount] + (config.hidden ?? [128]) + [classes], generator: &generator)
        case .smallcnn:
            let shape = data.train.featureShape
            guard shape.count == 3, shape[1] == shape[2], shape[1] % 4 == 0 else {
                throw ConfigError(file: "backbone", path: "backbone.architecture",
                                  message: "smallcnn needs square images with a side divisible by 4 (data.shape [C, H, W]); the data has \(shape)")
            }
            return SmallCNN(channels: shape[0], imageSize: shape[1], classes: classes, generator: &generator)
        case .resnet:
            let shape = data.train.featureShape
            guard shape.count == 3 else {
                throw ConfigError(file: "backbone", path: "backbone.architecture", message: "resnet needs images [C, H, W]; the data has \(shape)")
            }
            // Small images: the CIFAR stem (3×3, no max pool) keeps enough resolution.
            let stem: ResNetStem = min(shape[1], shape[2]) < 64 ? .cifar : .imagenet
            return try ResNet(ResNetConfig(depth: config.depth ?? 18, classes: classes, stem: stem, inputChannels: shape[0],
                                           baseWidth: config.baseWidth ?? 64), generator: &generator)
        }
    }

    static func findBackbone(_ config: BackboneConfig, base: URL) throws -> BackboneEntry? {
        if let path = config.path {
            let url = URL(fileURLWithPath: ExperimentData.resolve(path, base: base))
            guard let entry = try BackboneZoo.entry(at: url, origin: .explicit) else {
                throw ConfigError(file: url.path, path: "backbone.path", message: "not a backbone card, weights file with a card, or Hugging Face directory")
            }
            return entry
        }
        guard let name = config.name else { return nil }
        let extra = config.directories.map { URL(fileURLWithPath: ExperimentData.resolve($0, base: base)) }
        let discovery = BackboneZoo.discover(in: BackboneZoo.searchDirectories(explicit: extra))
        guard let entry = discovery.entries.first(where: { $0.card.name == name }) else {
            let known = discovery.entries.map(\.card.name).joined(separator: ", ")
            throw ConfigError(file: "backbone", path: "backbone.name", message: "no backbone named \"\(name)\"" + (known.isEmpty ? "" : "; known: \(known)"))
        }
        return entry
    }

    static func tokenizer(for entry: BackboneEntry) throws -> WordPieceTokenizer? {
        guard let vocabulary = vocabularyURL(entry) else { return nil }
        return try WordPieceTokenizer(vocabularyFile: vocabulary)
    }

    static func vocabularyURL(_ entry: BackboneEntry) -> URL? {
        guard entry.card.input.kind == .text else { return nil }
        return entry.cardURL.deletingLastPathComponent().appendingPathComponent(entry.card.input.vocabulary ?? "vocab.txt")
    }

    static func checkInput(_ card: BackboneCard, data: ExperimentData) throws {
        if let mismatch = InputMismatch.check(card, isText: data.isText, featureShape: data.train.featureShape) {
            throw ConfigError(file: card.name, path: mismatch.configPath, message: mismatch.message)
        }
    }

    /// The pretrained backbone's own normalisation when its card has one (inputs must look like
    /// its source data), else statistics of the training split when asked for.
    static func normalization(_ card: BackboneCard?, config: DataConfig, data: ExperimentData) throws -> Normalization? {
        if data.isText { return nil }
        if let mean = card?.input.mean, let std = card?.input.std { return Normalization(mean: mean, std: std) }
        return config.normalize ? Normalization.fit(on: data.train) : nil
    }

    static func optimizer(_ config: OptimizerConfig) -> any Optimizer {
        switch config.kind {
        case .sgd: SGD(momentum: Float(config.momentum), nesterov: config.nesterov)
        case .adam: Adam()
        case .adamw: Adam.adamW()
        }
    }

    static func groups(_ config: OptimizerConfig) -> [ParameterGroupSpec] {
        config.groups.map { ParameterGroupSpec(name: $0.name, paths: $0.paths, learningRateScale: $0.lrScale, weightDecay: $0.weightDecay) }
            + (config.discriminative.map { ParameterGroupSpec.discriminative(blocks: $0.blocks, factor: $0.factor) } ?? [])
    }
}
