import Foundation
import ThawModels
import ThawTrainingAPI

/// The data of an experiment, read, filtered and split: what a run trains, selects and
/// tests on.
public struct ExperimentData: Sendable {
    public var train: Dataset
    public var validation: Dataset
    public var test: Dataset
    /// Text examples are stored packed (ids and mask rows); see `TokenizedText`.
    public var isText: Bool
    public var classNames: [String] { train.classNames }

    /// Reads the files named by `config`, resolving relative paths against `base` (then the
    /// working directory), with `tokenizer` for text data.
    public static func load(_ config: DataConfig, seed: UInt64, base: URL, tokenizer: WordPieceTokenizer?) throws -> ExperimentData {
        let trainPath = resolve(config.train, base: base)
        let format = config.format ?? guessFormat(trainPath)
        if format == .text {
            guard let tokenizer else {
                throw ConfigError(file: trainPath, path: "data.format", message: "text data needs a BERT backbone (its vocabulary tokenises the text)")
            }
            let read = { (path: String) throws -> Dataset in
                TokenizedText.dataset(try keep(TextCSVReader.read(at: path), classes: config.classes), tokenizer: tokenizer, maxLength: config.maxLength)
            }
            return try split(read(trainPath), test: try config.test.map { try read(resolve($0, base: base)) }, config: config, seed: seed, isText: true)
        }
        let read = { (path: String, labels: String?) throws -> Dataset in
            switch format {
            case .idx:
                guard let labels else {
                    throw ConfigError(file: path, path: "data.labels", message: "IDX images need their labels file (data.labels / data.test_labels)")
                }
                return try keep(IDXReader.readDataset(images: path, labels: labels, limit: config.limit), classes: config.classes)
            default:
                let options = NumericCSVOptions(featureShape: config.shape, scale: Float(1 / (config.scale ?? 1)))
                return try keep(NumericCSVReader.read(at: path, options: options), classes: config.classes)
            }
        }
        var train = try read(trainPath, config.labels.map { resolve($0, base: base) })
        var test = try config.test.map { try read(resolve($0, base: base), config.testLabels.map { resolve($0, base: base) }) }
        if let permutation = config.permutePixels {
            train = train.permutingFeatures(seed: permutation)
            test = test?.permutingFeatures(seed: permutation)
        }
        return try split(train, test: test, config: config, seed: seed, isText: false)
    }

    private static func split(_ all: Dataset, test: Dataset?, config: DataConfig, seed: UInt64, isText: Bool) throws -> ExperimentData {
        let fractions = SplitFractions(validation: config.split.validation, test: test == nil ? config.split.test : 0)
        var parts = try all.stratifiedSplit(fractions, seed: seed)
        if let perClass = config.fewShot { parts.train = try parts.train.fewShot(perClass: perClass, seed: seed) }
        return ExperimentData(train: parts.train, validation: parts.validation, test: test ?? parts.test, isText: isText)
    }

    /// Keeps the named classes, renumbered in the order given (a target task that is a
    /// subset of the file's classes, e.g. digits 5–9).
    static func keep<D: ClassFilterable>(_ data: D, classes: [String]?) throws -> D {
        guard let classes else { return data }
        for name in classes where !data.classNames.contains(name) {
            throw ConfigError(file: data.source, path: "data.classes", message: "no class \"\(name)\"; the file has \(data.classNames.joined(separator: ", "))")
        }
        return data.keeping(classes)
    }

    static func guessFormat(_ path: String) -> DataConfig.Format {
        let name = URL(fileURLWithPath: path).lastPathComponent.lowercased()
        if name.contains("idx") || name.hasSuffix("-ubyte") || name.hasSuffix("-ubyte.gz") { return .idx }
        return .csv
    }

    /// Relative to the experiment file's directory when the file exists there, else to the
    /// working directory.
    public static func resolve(_ path: String, base: URL) -> String {
        if path.hasPrefix("/") { return path }
        let candidate = base.appendingPathComponent(path).standardizedFileURL.path
        return FileManager.default.fileExists(atPath: candidate) ? candidate : path
    }
}

/// Datasets that can drop classes and renumber the rest.
protocol ClassFilterable: LabeledDataset {
    var source: String { get }
    func keeping(_ classes: [String]) -> Self
}

extension Dataset: ClassFilterable {
    func keeping(_ classes: [String]) -> Dataset {
        let mapping = Dictionary(uniqueKeysWithValues: classes.compactMap { name in classNames.firstIndex(of: name).map { ($0, classes.firstIndex(of: name)!) } })
        let indices = labels.indices.filter { mapping[labels[$0]] != nil }
        let kept = subset(indices: indices)
        return Dataset(source: source, featureShape: featureShape, features: kept.features,
                       labels: kept.labels.map { mapping[$0]! }, classNames: classes)
    }
}

extension TextDataset: ClassFilterable {
    func keeping(_ classes: [String]) -> TextDataset {
        let mapping = Dictionary(uniqueKeysWithValues: classes.compactMap { name in classNames.firstIndex(of: name).map { ($0, classes.firstIndex(of: name)!) } })
        let indices = labels.indices.filter { mapping[labels[$0]] != nil }
        return TextDataset(source: source, texts: indices.map { texts[$0] }, labels: indices.map { mapping[labels[$0]]! }, classNames: classes)
    }
}

extension Dataset {
    /// Every example's values reordered by one permutation drawn from `seed`.
    func permutingFeatures(seed: UInt64) -> Dataset {
        let size = featureCount
        let order = DataRandom.permutation(size, seed: DataRandom.seed(seed, .augment, -1))
        var permuted = [Float](repeating: 0, count: features.count)
        for example in 0..<count {
            let base = example * size
            for (target, source) in order.enumerated() { permuted[base + target] = features[base + source] }
        }
        return Dataset(source: source, featureShape: featureShape, features: permuted, labels: labels, classNames: classNames)
    }
}
