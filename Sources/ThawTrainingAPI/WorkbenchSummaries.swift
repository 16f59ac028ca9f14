/// What the workbench shows about backbones, data and past runs: values gathered by the
/// program from the zoo and the files, so the UI never touches a tensor or a file.

/// One module of a backbone's layer tree.
public struct LayerNode: Sendable, Equatable, Codable {
    /// State-dict path, e.g. `layer1.0.conv1`.
    public var path: String
    public var depth: Int
    /// e.g. `Conv2d(64→64, kernel 3×3, stride 1, padding 1)`.
    public var summary: String
    /// Parameters in this module and everything inside it.
    public var parameters: Int
    public var isBatchNorm: Bool
    public var hasChildren: Bool

    public init(path: String, depth: Int, summary: String, parameters: Int, isBatchNorm: Bool, hasChildren: Bool) {
        (self.path, self.depth, self.summary, self.parameters, self.isBatchNorm, self.hasChildren) =
            (path, depth, summary, parameters, isBatchNorm, hasChildren)
    }
}

/// A backbone in the zoo.
public struct BackboneSummary: Sendable, Equatable, Identifiable {
    public var name: String
    /// e.g. `SmallCNN`, `ResNet-18(cifar stem, …)`, `BERTClassifier(…)`.
    public var architecture: String
    public var parameters: Int
    public var sourceTask: String
    public var sourceClasses: [String]
    /// e.g. `image [1, 28, 28], mean [0.13], std [0.31]`.
    public var input: String
    public var inputKind: String
    /// Where it was found (sample data, your library, …) and the card's path.
    public var origin: String
    /// The card as readable lines (provenance, head, accuracy…).
    public var card: [String]
    public var layers: [LayerNode]
    /// Top-level children in order (input side first): the units of "freeze everything below".
    public var blocks: [String]
    public var headPrefixes: [String]

    public var id: String { name }

    public init(name: String, architecture: String, parameters: Int, sourceTask: String, sourceClasses: [String], input: String,
                inputKind: String, origin: String, card: [String], layers: [LayerNode], blocks: [String], headPrefixes: [String]) {
        (self.name, self.architecture, self.parameters, self.sourceTask, self.sourceClasses) = (name, architecture, parameters, sourceTask, sourceClasses)
        (self.input, self.inputKind, self.origin, self.card, self.layers) = (input, inputKind, origin, card, layers)
        (self.blocks, self.headPrefixes) = (blocks, headPrefixes)
    }
}

/// A dataset as the Data screen shows it.
public struct DatasetSummary: Sendable, Equatable {
    public var path: String
    public var format: String
    public var examples: Int
    public var shape: [Int]
    public var classes: [String]
    /// Examples per class in the training split.
    public var trainCounts: [Int]
    public var validationCount: Int
    public var testCount: Int

    public init(path: String, format: String, examples: Int, shape: [Int], classes: [String], trainCounts: [Int],
                validationCount: Int, testCount: Int) {
        (self.path, self.format, self.examples, self.shape, self.classes) = (path, format, examples, shape, classes)
        (self.trainCounts, self.validationCount, self.testCount) = (trainCounts, validationCount, testCount)
    }
}

/// A past run, from its directory.
public struct RunRecord: Sendable, Equatable, Identifiable {
    public var directory: String
    public var name: String
    public var backbone: String
    public var state: String
    public var bestValidationAccuracy: Double?
    public var finalValidationAccuracy: Double?
    public var testAccuracy: Double?
    public var steps: Int
    public var wallSeconds: Double?
    public var config: RunConfig?
    /// Validation accuracy per epoch, for overlaying runs.
    public var validationCurve: [Double]

    public var id: String { directory }

    public init(directory: String, name: String, backbone: String, state: String, bestValidationAccuracy: Double?,
                finalValidationAccuracy: Double?, testAccuracy: Double?, steps: Int, wallSeconds: Double?, config: RunConfig?,
                validationCurve: [Double]) {
        (self.directory, self.name, self.backbone, self.state) = (directory, name, backbone, state)
        (self.bestValidationAccuracy, self.finalValidationAccuracy, self.testAccuracy) = (bestValidationAccuracy, finalValidationAccuracy, testAccuracy)
        (self.steps, self.wallSeconds, self.config, self.validationCurve) = (steps, wallSeconds, config, validationCurve)
    }
}

/// A learning-rate sweep for the Schedule screen.
public struct LearningRateCurve: Sendable, Equatable {
    public var rates: [Double]
    public var losses: [Double]
    public var valley: Double?
    public var steepest: Double?
    public var minimum: Double?

    public init(rates: [Double], losses: [Double], valley: Double?, steepest: Double?, minimum: Double?) {
        (self.rates, self.losses, self.valley, self.steepest, self.minimum) = (rates, losses, valley, steepest, minimum)
    }
}
