import Foundation
import Testing
import ThawTensor
@testable import ThawTraining

/// The batch loader: coverage, determinism, and exact resume from a saved position.
@Suite struct DataLoaderTests {
    /// 10 images of 1×4×4 whose pixels encode their index, 3 classes.
    static let images: Dataset = {
        let count = 10
        let features = (0..<(count * 16)).map { Float($0 / 16) + Float($0 % 16) / 100 }
        return Dataset(source: "images", featureShape: [1, 4, 4], features: features,
                       labels: (0..<count).map { $0 % 3 }, classNames: ["a", "b", "c"])
    }()

    static func loader(seed: UInt64 = 42, dropLast: Bool = false, augmented: Bool = true) -> BatchLoader {
        BatchLoader(dataset: images, batchSize: 4, dropLast: dropLast, seed: seed,
                    augmentation: augmented ? ImageAugmentation(padding: 1, horizontalFlip: true) : nil,
                    normalization: Normalization(mean: [0.5], std: [2]))
    }

    struct Snapshot: Equatable {
        let inputs: [Float]
        let shape: [Int]
        let labels: [Int]
        let indices: [Int]
        let position: LoaderPosition

        init(_ batch: BatchLoader.Batch) {
            inputs = batch.inputs.scalars
            shape = batch.inputs.shape
            labels = batch.labels
            indices = batch.indices
            position = batch.position
        }
    }

    static func take(_ count: Int, from iterator: inout BatchLoader.Iterator) -> [Snapshot] {
        (0..<count).compactMap { _ in iterator.next().map(Snapshot.init) }
    }

    @Test func epochsCoverEveryExampleOnce() {
        let loader = Self.loader()
        #expect(loader.batchesPerEpoch == 3)
        let batches = Array(loader.epoch(0))
        #expect(batches.map(\.labels.count) == [4, 4, 2])
        #expect(batches.flatMap(\.indices).sorted() == Array(0..<10))
        #expect(batches[0].inputs.shape == [4, 1, 4, 4])
        #expect(batches.allSatisfy { batch in batch.labels == batch.indices.map { Self.images.labels[$0] } })
    }

    @Test func dropLastSkipsThePartialBatch() {
        let loader = Self.loader(dropLast: true)
        #expect(loader.batchesPerEpoch == 2)
        #expect(Array(loader.epoch(3)).map(\.labels.count) == [4, 4])
        let tiny = BatchLoader(dataset: Self.images.subset(indices: [0, 1]), batchSize: 4, dropLast: true, seed: 1)
        var iterator = tiny.makeIterator()
        #expect(iterator.next() == nil)
    }

    @Test func sameSeedSameBatchesAndEpochsDiffer() {
        var first = Self.loader().makeIterator()
        var second = Self.loader().makeIterator()
        #expect(Self.take(9, from: &first) == Self.take(9, from: &second))
        let loader = Self.loader()
        #expect(loader.order(epoch: 0) != loader.order(epoch: 1))
        #expect(loader.order(epoch: 0) != Self.loader(seed: 43).order(epoch: 0))
        #expect(loader.order(epoch: 1).sorted() == Array(0..<10))
        let unshuffled = BatchLoader(dataset: Self.images, batchSize: 4, shuffle: false, seed: 1)
        #expect(unshuffled.order(epoch: 5) == Array(0..<10))
    }

    /// Save the position mid-epoch (and at an epoch boundary), round-trip it through JSON as a
    /// checkpoint would, and continue in a fresh iterator: the batches must be identical.
    @Test(arguments: [2, 3, 4, 7])
    func resumeFromASavedPositionIsExact(_ stepsBeforeSave: Int) throws {
        var uninterrupted = Self.loader().makeIterator()
        let reference = Self.take(12, from: &uninterrupted)

        var original = Self.loader().makeIterator()
        _ = Self.take(stepsBeforeSave, from: &original)
        let saved = try JSONEncoder().encode(original.position)
        let position = try JSONDecoder().decode(LoaderPosition.self, from: saved)
        #expect(position == reference[stepsBeforeSave].position)
        var resumed = Self.loader().makeIterator(from: position)
        #expect(Self.take(12 - stepsBeforeSave, from: &resumed) == Array(reference[stepsBeforeSave...]))
    }

    @Test func anyBatchCanBeRecreatedOnItsOwn() {
        let loader = Self.loader()
        var iterator = loader.makeIterator()
        let sequence = Self.take(7, from: &iterator)
        for snapshot in sequence {
            #expect(Snapshot(loader.batch(at: snapshot.position)) == snapshot)
        }
        #expect(Array(loader.epoch(1, from: 1)).map(Snapshot.init) == Array(sequence[4..<6]))
    }

    /// Golden values: a checkpoint written today must resume to the same batches after any
    /// refactoring, so the shuffle algorithm itself is pinned, not just its determinism.
    @Test func shuffleOrderIsPinned() {
        #expect(Self.loader().order(epoch: 0) == [4, 5, 0, 3, 7, 2, 8, 6, 1, 9])
        #expect(Self.loader().order(epoch: 1) == [5, 6, 2, 1, 8, 7, 0, 9, 3, 4])
    }

    @Test func positionsAdvanceAcrossEpochs() {
        var iterator = Self.loader().makeIterator()
        let positions = Self.take(4, from: &iterator).map(\.position)
        #expect(positions == [LoaderPosition(epoch: 0, batch: 0), LoaderPosition(epoch: 0, batch: 1),
                              LoaderPosition(epoch: 0, batch: 2), LoaderPosition(epoch: 1, batch: 0)])
        #expect(iterator.position == LoaderPosition(epoch: 1, batch: 1))
    }

    @Test func normalizationIsAppliedPerBatch() {
        let plain = BatchLoader(dataset: Self.images, batchSize: 4, shuffle: false, seed: 1)
        let normalized = BatchLoader(dataset: Self.images, batchSize: 4, shuffle: false, seed: 1,
                                     normalization: Normalization(mean: [0.5], std: [2]))
        let raw = plain.batch(at: LoaderPosition()).inputs.scalars
        let scaled = normalized.batch(at: LoaderPosition()).inputs.scalars
        #expect(scaled == raw.map { ($0 - 0.5) / 2 })
    }

    @Test func augmentationDependsOnEpochAndBatch() {
        let loader = Self.loader()
        let unaugmented = Self.loader(augmented: false)
        // Same examples, different augmentation draws in different epochs.
        let order = loader.order(epoch: 0)
        #expect(loader.batch(at: LoaderPosition(epoch: 0, batch: 0)).indices == Array(order[0..<4]))
        let a = loader.batch(at: LoaderPosition(epoch: 0, batch: 0)).inputs.scalars
        let b = unaugmented.batch(at: LoaderPosition(epoch: 0, batch: 0)).inputs.scalars
        #expect(a != b, "padding 1 with flips changed nothing in 4 images")
    }
}
