import ThawTensor

/// What splitting, few-shot sampling and class statistics need from a dataset, so images,
/// tabular rows and texts share one implementation of each.
public protocol LabeledDataset: Sendable {
    /// Where the examples came from (a file path), used to name the dataset in errors.
    var source: String { get }
    /// One class index per example, each in `0..<classNames.count`.
    var labels: [Int] { get }
    var classNames: [String] { get }
    /// The examples at `indices`, in that order (repeats allowed).
    func subset(indices: [Int]) -> Self
}

extension LabeledDataset {
    public var count: Int { labels.count }

    /// Examples per class, indexed by class.
    public var classCounts: [Int] {
        var counts = [Int](repeating: 0, count: classNames.count)
        for label in labels { counts[label] += 1 }
        return counts
    }
}

/// Labelled examples of one fixed feature shape, e.g. `[1, 28, 28]` for MNIST, `[1, 8, 8]` for
/// digits, `[64]` for tabular rows.
///
/// Features are one flat Float32 array rather than a tensor per example: a batch is then a
/// copy of contiguous slices, and the dataset stays a plain value that is cheap to share
/// between threads.
public struct Dataset: LabeledDataset, Equatable {
    public let source: String
    public let featureShape: [Int]
    /// `count × featureCount` values, example after example.
    public let features: [Float]
    public let labels: [Int]
    public let classNames: [String]

    /// Checks the invariants; violating them is a programming error, not bad input, because
    /// every reader validates files before building a dataset.
    public init(source: String = "", featureShape: [Int], features: [Float], labels: [Int],
                classNames: [String]) {
        precondition(featureShape.allSatisfy { $0 > 0 }, "feature shape \(featureShape) has a non-positive size")
        let size = featureShape.reduce(1, *)
        precondition(features.count == labels.count * size,
                     "\(features.count) feature values for \(labels.count) examples of shape \(featureShape)")
        precondition(labels.allSatisfy { (0..<classNames.count).contains($0) },
                     "a label is outside 0..<\(classNames.count)")
        self.source = source
        self.featureShape = featureShape
        self.features = features
        self.labels = labels
        self.classNames = classNames
    }

    /// Values per example.
    public var featureCount: Int { featureShape.reduce(1, *) }

    public func features(at index: Int) -> ArraySlice<Float> {
        features[(index * featureCount)..<((index + 1) * featureCount)]
    }

    public func subset(indices: [Int]) -> Dataset {
        let size = featureCount
        var values = [Float]()
        values.reserveCapacity(indices.count * size)
        for index in indices {
            precondition((0..<count).contains(index), "index \(index) outside 0..<\(count)")
            values.append(contentsOf: features[(index * size)..<((index + 1) * size)])
        }
        return Dataset(source: source, featureShape: featureShape, features: values,
                       labels: indices.map { labels[$0] }, classNames: classNames)
    }

    /// The examples at `indices` stacked into one tensor of shape `[indices.count] + featureShape`.
    public func inputs(indices: [Int]) -> Tensor {
        Tensor(shape: [indices.count] + featureShape, scalars: gather(indices))
    }

    func gather(_ indices: [Int]) -> [Float] {
        let size = featureCount
        var values = [Float](repeating: 0, count: indices.count * size)
        features.withUnsafeBufferPointer { source in
            values.withUnsafeMutableBufferPointer { target in
                for (slot, index) in indices.enumerated() {
                    precondition((0..<count).contains(index), "index \(index) outside 0..<\(count)")
                    let from = source.baseAddress! + index * size
                    (target.baseAddress! + slot * size).update(from: from, count: size)
                }
            }
        }
        return values
    }
}

/// Labelled texts, e.g. SMS messages marked ham or spam; tokenisation happens later, in the
/// model's own vocabulary.
public struct TextDataset: LabeledDataset, Equatable {
    public let source: String
    public let texts: [String]
    public let labels: [Int]
    public let classNames: [String]

    public init(source: String = "", texts: [String], labels: [Int], classNames: [String]) {
        precondition(texts.count == labels.count, "\(texts.count) texts but \(labels.count) labels")
        precondition(labels.allSatisfy { (0..<classNames.count).contains($0) },
                     "a label is outside 0..<\(classNames.count)")
        self.source = source
        self.texts = texts
        self.labels = labels
        self.classNames = classNames
    }

    public func subset(indices: [Int]) -> TextDataset {
        TextDataset(source: source, texts: indices.map { texts[$0] },
                    labels: indices.map { labels[$0] }, classNames: classNames)
    }
}
