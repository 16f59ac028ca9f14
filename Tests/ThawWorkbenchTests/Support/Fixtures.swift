import Foundation
import ThawTUI
import ThawTrainingAPI
import ThawWorkbench

/// Deterministic fake data: a zoo with a SmallCNN-like and a ResNet-like tree, a dataset,
/// past runs, diagnostics and a training event stream. No files, no tensors.
enum Fixtures {
    /// Builds parents-first layer nodes; a parent's parameters are the sum of its children's.
    static func layers(_ leaves: [(String, String, Int, Bool)]) -> [LayerNode] {
        var order: [String] = [], summaries: [String: String] = [:], params: [String: Int] = [:], bn: Set<String> = []
        for (path, summary, count, isBN) in leaves {
            let parts = path.split(separator: ".").map(String.init)
            for depth in 1...parts.count {
                let prefix = parts.prefix(depth).joined(separator: ".")
                if params[prefix] == nil { order.append(prefix); params[prefix] = 0 }
                params[prefix]! += count
            }
            summaries[path] = summary
            if isBN { bn.insert(path) }
        }
        return order.map { path in
            let hasChildren = order.contains { $0.hasPrefix(path + ".") }
            return LayerNode(path: path, depth: path.split(separator: ".").count, summary: summaries[path] ?? (hasChildren ? "Sequential" : "Module"),
                             parameters: params[path]!, isBatchNorm: bn.contains(path), hasChildren: hasChildren)
        }
    }

    static let smallCNN = BackboneSummary(
        name: "smallcnn-mnist04", architecture: "SmallCNN(1x28x28, width 32)", parameters: 421_642, sourceTask: "digits 0-4 (mnist)",
        sourceClasses: ["0", "1", "2", "3", "4"], input: "image [1, 28, 28], mean [0.13], std [0.31]", inputKind: "image",
        origin: "sample data: sample-data/backbones/smallcnn-mnist04.json",
        card: ["Small CNN trained on MNIST digits 0-4", "made by: thaw train mnist04.yaml", "source accuracy: 0.9931"],
        layers: layers([("features.0", "Conv2d(1, 32, 3x3)", 320, false), ("features.1", "ReLU", 0, false),
                        ("features.2", "MaxPool2d(2)", 0, false), ("features.3", "Conv2d(32, 64, 3x3)", 18_496, false),
                        ("features.4", "ReLU", 0, false), ("features.5", "MaxPool2d(2)", 0, false),
                        ("classifier.0", "Linear(3136, 128)", 401_536, false), ("classifier.1", "ReLU", 0, false),
                        ("classifier.2", "Dropout(0.5)", 0, false), ("classifier.3", "Linear(128, 10)", 1_290, false)]),
        blocks: ["features", "classifier"], headPrefixes: ["classifier.3"])

    static let resNet = BackboneSummary(
        name: "resnet-cifar", architecture: "ResNet(basic, [2, 1], cifar stem)", parameters: 388_938, sourceTask: "cifar-10 objects",
        sourceClasses: ["plane", "car", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"],
        input: "image [3, 32, 32], mean [0.49, 0.48, 0.45], std [0.25, 0.24, 0.26]", inputKind: "image",
        origin: "your library: ~/.local/share/thaw/backbones/resnet-cifar.json", card: ["ResNet with two stages"],
        layers: layers([("conv1", "Conv2d(3, 64, 7x7)", 9_408, false), ("bn1", "BatchNorm2d(64)", 128, true), ("relu", "ReLU", 0, false),
                        ("layer1.0.conv1", "Conv2d(64, 64, 3x3)", 36_864, false), ("layer1.0.bn1", "BatchNorm2d(64)", 128, true),
                        ("layer1.0.conv2", "Conv2d(64, 64, 3x3)", 36_864, false), ("layer1.0.bn2", "BatchNorm2d(64)", 128, true),
                        ("layer1.1.conv1", "Conv2d(64, 64, 3x3)", 36_864, false), ("layer1.1.bn1", "BatchNorm2d(64)", 128, true),
                        ("layer1.1.conv2", "Conv2d(64, 64, 3x3)", 36_864, false), ("layer1.1.bn2", "BatchNorm2d(64)", 128, true),
                        ("layer2.0.conv1", "Conv2d(64, 128, 3x3)", 73_728, false), ("layer2.0.bn1", "BatchNorm2d(128)", 256, true),
                        ("layer2.0.conv2", "Conv2d(128, 128, 3x3)", 147_456, false), ("layer2.0.bn2", "BatchNorm2d(128)", 256, true),
                        ("layer2.0.downsample.0", "Conv2d(64, 128, 1x1)", 8_192, false),
                        ("layer2.0.downsample.1", "BatchNorm2d(128)", 256, true),
                        ("avgpool", "AdaptiveAvgPool2d(1x1)", 0, false), ("fc", "Linear(128, 10)", 1_290, false)]),
        blocks: ["conv1", "bn1", "relu", "layer1", "layer2", "avgpool", "fc"], headPrefixes: ["fc"])

    /// A text backbone: it cannot read the digits, which the transferability column shows.
    static let miniLM = BackboneSummary(
        name: "minilm-sms", architecture: "BERTClassifier(6 layers, 384)", parameters: 22_713_602, sourceTask: "sms spam",
        sourceClasses: ["ham", "spam"], input: "text, up to 64 tokens", inputKind: "text",
        origin: "--backbones: backbones/minilm-sms/config.json", card: [], layers: [], blocks: [], headPrefixes: ["classifier"])

    static let zoo = [smallCNN, resNet, miniLM]

    static let dataset = DatasetSummary(path: "digits.csv", format: "csv", examples: 1797, shape: [1, 8, 8],
                                        classes: (0..<10).map(String.init), trainCounts: [125, 127, 124, 128, 127, 127, 127, 125, 122, 126],
                                        validationCount: 180, testCount: 359)

    static var config: RunConfig {
        RunConfig(name: "digits-transfer", seed: 1, data: DataConfig(train: "digits.csv", shape: [1, 8, 8], scale: 16),
                  backbone: BackboneConfig(name: "resnet-cifar"), optimizer: OptimizerConfig(kind: .adamw, lr: 1e-3),
                  schedule: ScheduleConfig(kind: .cosine, warmupSteps: 20), training: TrainingConfig(epochs: 5, batchSize: 64))
    }

    /// A state with everything loaded, on `screen`.
    static func state(_ screen: Screen = .backbones) -> AppState {
        var state = AppState(config: config, experimentPath: "digits.yaml", size: Size(width: 120, height: 40))
        _ = update(&state, .zooLoaded(zoo, problems: []))
        _ = update(&state, .datasetLoaded(dataset))
        _ = update(&state, .runsLoaded(runs))
        state.status = nil
        state.screen = screen
        return state
    }

    static var runs: [RunRecord] {
        var other = config
        other.optimizer.lr = 0.01
        other.freeze.frozen = ["conv1", "layer1"]
        return [RunRecord(directory: "runs/digits-transfer-20261128-101500", name: "digits-transfer-20261128-101500", backbone: "resnet-cifar",
                          state: "finished", bestValidationAccuracy: 0.944, finalValidationAccuracy: 0.938, testAccuracy: 0.931, steps: 125,
                          wallSeconds: 84, config: other, validationCurve: [0.61, 0.82, 0.9, 0.93, 0.938]),
                RunRecord(directory: "runs/digits-scratch-20261127-090000", name: "digits-scratch-20261127-090000", backbone: "mlp (scratch)",
                          state: "stopped", bestValidationAccuracy: 0.71, finalValidationAccuracy: 0.7, testAccuracy: nil, steps: 60,
                          wallSeconds: 12.5, config: nil, validationCurve: [0.45, 0.71])]
    }

    /// Step metrics with a decaying, wiggling loss (deterministic, no RNG).
    static func steps(_ range: ClosedRange<Int>, perEpoch: Int = 25) -> [StepMetrics] {
        range.map { step in
            let loss = 2.3 * exp(-Double(step) / 40) + 0.15 + 0.08 * sin(Double(step) * 1.7)
            let norms = ["conv1": 0.02 + 0.001 * Double(step % 7), "layer1.0.conv1": 0.05, "layer1.1.conv2": 0.08,
                         "layer2.0.conv1": 0.3, "layer2.0.downsample.0": 0.12, "fc": 1.4 + 0.1 * sin(Double(step))]
            var metrics = StepMetrics(step: step, epoch: (step - 1) / perEpoch, loss: loss,
                                      learningRates: ["rest": 1e-3 * (1 - Double(step) / 200), "layer1": 1e-4 * (1 - Double(step) / 200)],
                                      gradientNorms: norms, samplesPerSecond: 850, elapsed: Double(step) * 0.075)
            metrics.scratchLoss = loss + 0.6 * exp(-Double(step) / 90) + 0.2
            return metrics
        }
    }

    static func epochs(_ count: Int, perEpoch: Int = 25) -> [EpochMetrics] {
        (0..<count).map { (e: Int) -> EpochMetrics in
            let n = Double(e)
            let trainLoss: Double = 1.2 / (n + 1), trainAccuracy: Double = 0.6 + 0.08 * n
            let validationLoss: Double = 1.0 / (n + 1) + 0.1, validationAccuracy: Double = 0.62 + 0.07 * n
            let scratchLoss: Double = 1.6 / (n + 1) + 0.3, scratchAccuracy: Double = 0.4 + 0.06 * n
            return EpochMetrics(epoch: e, step: (e + 1) * perEpoch, trainLoss: trainLoss, trainAccuracy: trainAccuracy,
                                validationLoss: validationLoss, validationAccuracy: validationAccuracy,
                                scratchValidationLoss: scratchLoss, scratchValidationAccuracy: scratchAccuracy)
        }
    }

    static let negativeTransfer = DiagnosticsReport(
        kind: .negativeTransfer, severity: .warning, step: 75, title: "Pretrained weights trail the scratch baseline",
        explanation: "Validation loss of the pretrained run is 0.21 above the from-scratch twin after 3 epochs.",
        evidence: [.init("val loss gap", 0.21, detail: "layer1"), .init("epochs behind", 3)],
        source: "Wang et al. 2019, Characterizing and avoiding negative transfer",
        actions: [.freeze(["layer1"]), .scaleLearningRate(group: "layer1", factor: 0.1)])

    static let batchNormShift = DiagnosticsReport(
        kind: .batchNormShift, severity: .info, step: 30, title: "BatchNorm statistics differ on the target data",
        explanation: "Running means in layer2 are 2.4 standard deviations away from the target batches.",
        evidence: [.init("max z", 2.4, detail: "layer2.0.bn1")], source: "Li et al. 2016, AdaBN", actions: [.recalibrateBatchNorm])

    static let divergence = DiagnosticsReport(
        kind: .divergence, severity: .critical, step: 90, title: "Loss is diverging",
        explanation: "The loss rose 5x over 20 steps.", evidence: [.init("loss ratio", 5.1)], source: "practice",
        actions: [.scaleLearningRate(group: nil, factor: 0.1), .stop])

    static let learningRateCurve: LearningRateCurve = {
        let rates = (0..<60).map { 1e-7 * pow(10, Double($0) / 59 * 8) }
        let losses = rates.indices.map { i -> Double in
            let x = Double(i) / 59
            return x < 0.7 ? 2.3 - 1.6 * x * x : 2.3 - 0.78 + 20 * (x - 0.7) * (x - 0.7)
        }
        return LearningRateCurve(rates: rates, losses: losses, valley: rates[35], steepest: rates[30], minimum: rates[41] / 10)
    }()

    /// A state mid-run: events fed through `update`, the way the loop does.
    static func training(steps count: Int = 110) -> AppState {
        var state = state(.train)
        _ = update(&state, .key(.char("s")))
        _ = update(&state, .training(.state(.idle)))
        _ = update(&state, .training(.state(.running)))
        _ = update(&state, .runDirectory("runs/digits-transfer-20261129-120000"))
        var step = 1
        while step <= count {
            let end = Swift.min(count, step + 4)
            _ = update(&state, .training(.steps(steps(step...end))))
            if end % 25 == 0 { _ = update(&state, .training(.epoch(epochs(end / 25).last!))) }
            step = end + 1
        }
        _ = update(&state, .training(.log("freeze plan changed: nothing frozen")))
        state.status = nil
        return state
    }

    static func key(_ state: inout AppState, _ keys: Key...) -> [Effect] {
        keys.flatMap { update(&state, .key($0)) }
    }
}
