import ThawTensor

/// The next batch a loader will produce; stored in checkpoints so a resumed run continues
/// mid-epoch with exactly the batches it would have seen.
public struct LoaderPosition: Sendable, Hashable, Comparable, Codable {
    public var epoch: Int
    public var batch: Int

    public init(epoch: Int = 0, batch: Int = 0) {
        self.epoch = epoch
        self.batch = batch
    }

    public static func < (a: LoaderPosition, b: LoaderPosition) -> Bool {
        (a.epoch, a.batch) < (b.epoch, b.batch)
    }
}

/// Shuffled mini-batches over a `Dataset`, reproducible from (seed, epoch, batch index) alone.
///
/// Every random choice is a pure function of those three numbers: an epoch's order is a
/// permutation seeded by (seed, epoch), and a batch's augmentation generator is seeded by
/// (seed, epoch, batch). Nothing carries over from one batch to the next, so resuming at a
/// `LoaderPosition` needs no replay and yields bit-identical batches, and any epoch can be
/// recreated on its own. A value type holding the dataset, so it can move to the trainer
/// thread as is.
public struct BatchLoader: Sendable {
    public let dataset: Dataset
    public let batchSize: Int
    public let shuffle: Bool
    public let dropLast: Bool
    public let seed: UInt64
    /// Applied first, to pixels in [0, 1].
    public var augmentation: ImageAugmentation?
    /// Applied after augmentation.
    public var normalization: Normalization?

    public init(dataset: Dataset, batchSize: Int, shuffle: Bool = true, dropLast: Bool = false,
                seed: UInt64, augmentation: ImageAugmentation? = nil, normalization: Normalization? = nil) {
        precondition(batchSize > 0, "batch size must be positive")
        if let normalization {
            precondition(dataset.featureCount % normalization.mean.count == 0,
                         "normalization has \(normalization.mean.count) channels, examples have \(dataset.featureShape)")
        }
        if augmentation != nil {
            precondition(dataset.featureShape.count == 2 || dataset.featureShape.count == 3,
                         "augmentation needs image features [C, H, W] or [H, W], got \(dataset.featureShape)")
        }
        self.dataset = dataset
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.dropLast = dropLast
        self.seed = seed
        self.augmentation = augmentation
        self.normalization = normalization
    }

    public struct Batch {
        /// Shape `[labels.count] + featureShape`.
        public let inputs: Tensor
        public let labels: [Int]
        /// The dataset indices in this batch, in batch order.
        public let indices: [Int]
        public let position: LoaderPosition
    }

    public var batchesPerEpoch: Int {
        dropLast ? dataset.count / batchSize : (dataset.count + batchSize - 1) / batchSize
    }

    /// The order in which `epoch` visits the examples.
    public func order(epoch: Int) -> [Int] {
        shuffle ? DataRandom.permutation(dataset.count, seed: DataRandom.seed(seed, .order, epoch))
            : Array(0..<dataset.count)
    }

    /// One batch on its own (computes the epoch's order; iterate to reuse it).
    public func batch(at position: LoaderPosition) -> Batch {
        makeBatch(position, order: order(epoch: position.epoch))
    }

    func makeBatch(_ position: LoaderPosition, order: [Int]) -> Batch {
        precondition((0..<batchesPerEpoch).contains(position.batch),
                     "batch \(position.batch) outside 0..<\(batchesPerEpoch)")
        let start = position.batch * batchSize
        let indices = Array(order[start..<min(start + batchSize, order.count)])
        var values = dataset.gather(indices)
        if let augmentation {
            var generator = SeededGenerator(seed: DataRandom.seed(seed, .augment, position.epoch, position.batch))
            augmentation.apply(to: &values, featureShape: dataset.featureShape, generator: &generator)
        }
        normalization?.apply(to: &values, exampleSize: dataset.featureCount)
        return Batch(inputs: Tensor(shape: [indices.count] + dataset.featureShape, scalars: values),
                     labels: indices.map { dataset.labels[$0] }, indices: indices, position: position)
    }

    /// Batches from `position` on, across epoch boundaries, without end.
    public func makeIterator(from position: LoaderPosition = LoaderPosition()) -> Iterator {
        Iterator(loader: self, position: position)
    }

    /// The batches of one epoch, from `batch` to its end, made one at a time as iterated.
    public func epoch(_ epoch: Int, from batch: Int = 0) -> some Sequence<Batch> {
        let order = order(epoch: epoch)
        return (min(batch, batchesPerEpoch)..<batchesPerEpoch).lazy.map {
            makeBatch(LoaderPosition(epoch: epoch, batch: $0), order: order)
        }
    }

    public struct Iterator: IteratorProtocol, Sendable {
        public let loader: BatchLoader
        /// The batch `next()` returns; save it in a checkpoint after a step.
        public private(set) var position: LoaderPosition
        private var cached: (epoch: Int, order: [Int])?

        init(loader: BatchLoader, position: LoaderPosition) {
            precondition(position.epoch >= 0 && position.batch >= 0, "negative loader position")
            self.loader = loader
            self.position = position
        }

        /// The batch at `position`, then advances (to batch 0 of the next epoch after the last
        /// one). Nil only when an epoch has no batches (an empty dataset, or fewer examples
        /// than a batch with `dropLast`).
        public mutating func next() -> Batch? {
            let perEpoch = loader.batchesPerEpoch
            guard perEpoch > 0 else { return nil }
            if position.batch >= perEpoch { position = LoaderPosition(epoch: position.epoch + 1, batch: 0) }
            if cached?.epoch != position.epoch { cached = (position.epoch, loader.order(epoch: position.epoch)) }
            let batch = loader.makeBatch(position, order: cached!.order)
            position.batch += 1
            if position.batch == perEpoch { position = LoaderPosition(epoch: position.epoch + 1, batch: 0) }
            return batch
        }
    }
}
