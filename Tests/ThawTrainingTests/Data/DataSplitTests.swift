import Testing
@testable import ThawTraining

/// Stratified splits and few-shot subsets.
@Suite struct DataSplitTests {
    let dataset = DataFixtures.synthetic(classSizes: [50, 30, 20], names: ["a", "b", "c"])

    @Test func everyClassIsSplitProportionally() throws {
        let split = try dataset.stratifiedSplitIndices(SplitFractions(validation: 0.2, test: 0.1), seed: 7)
        func counts(_ indices: [Int]) -> [Int] {
            dataset.subset(indices: indices).classCounts
        }
        #expect(counts(split.validation) == [10, 6, 4])
        #expect(counts(split.test) == [5, 3, 2])
        #expect(counts(split.train) == [35, 21, 14])
        let all = split.train + split.validation + split.test
        #expect(all.sorted() == Array(0..<dataset.count), "parts overlap or miss examples")
        #expect(split.train == split.train.sorted())
    }

    @Test func deterministicForASeedAndDifferentAcrossSeeds() throws {
        let fractions = SplitFractions(validation: 0.2, test: 0.1)
        let first = try dataset.stratifiedSplitIndices(fractions, seed: 7)
        #expect(try dataset.stratifiedSplitIndices(fractions, seed: 7) == first)
        #expect(try dataset.stratifiedSplitIndices(fractions, seed: 8) != first)
    }

    /// Renumbering the classes (and reordering their names) must not move any example.
    @Test func independentOfTheOrderOfClasses() throws {
        let permutation = [2, 0, 1]   // old class → new class
        var names = dataset.classNames
        for (old, new) in permutation.enumerated() { names[new] = dataset.classNames[old] }
        let renumbered = Dataset(source: "renumbered", featureShape: dataset.featureShape,
                                 features: dataset.features, labels: dataset.labels.map { permutation[$0] },
                                 classNames: names)
        let fractions = SplitFractions(validation: 0.25, test: 0.15)
        #expect(try renumbered.stratifiedSplitIndices(fractions, seed: 3)
                == dataset.stratifiedSplitIndices(fractions, seed: 3))
        #expect(try renumbered.fewShotIndices(perClass: 4, seed: 3) == dataset.fewShotIndices(perClass: 4, seed: 3))
    }

    /// Golden values: a split recorded in an experiment log must be reproducible later.
    @Test func splitIsPinned() throws {
        let small = DataFixtures.synthetic(classSizes: [6, 4])
        let split = try small.stratifiedSplitIndices(SplitFractions(validation: 0.25, test: 0.25), seed: 1)
        #expect(split == SplitIndices(train: [3, 5, 6, 8], validation: [4, 7, 9], test: [0, 1, 2]))
    }

    @Test func splitValuesCarryTheirExamples() throws {
        let parts = try dataset.stratifiedSplit(SplitFractions(validation: 0.2), seed: 1)
        #expect(parts.test.count == 0)
        #expect(parts.train.count + parts.validation.count == dataset.count)
        // features are the original indices, so each part's features name its examples
        let indices = try dataset.stratifiedSplitIndices(SplitFractions(validation: 0.2), seed: 1)
        #expect(parts.validation.features == indices.validation.map(Float.init))
        #expect(parts.validation.classNames == dataset.classNames)
    }

    @Test(arguments: [(-0.1, 0.0), (0.5, 0.5), (Double.nan, 0.1), (0.2, Double.infinity)])
    func invalidFractionsAreRefused(_ validation: Double, _ test: Double) {
        let error = DataFixtures.failure { () throws(DatasetError) in
            try dataset.stratifiedSplitIndices(SplitFractions(validation: validation, test: test), seed: 0)
        }
        #expect(error?.kind == .invalidSplit)
    }

    @Test func fewShotTakesNPerClassDeterministically() throws {
        let shots = try dataset.fewShotIndices(perClass: 5, seed: 11)
        #expect(shots.count == 15 && Set(shots).count == 15)
        #expect(dataset.subset(indices: shots).classCounts == [5, 5, 5])
        #expect(try dataset.fewShotIndices(perClass: 5, seed: 11) == shots)
        #expect(try dataset.fewShotIndices(perClass: 5, seed: 12) != shots)
        #expect(try dataset.fewShot(perClass: 5, seed: 11).count == 15)
    }

    @Test func fewShotNamesTheShortClass() throws {
        let error = try #require(DataFixtures.failure { () throws(DatasetError) in
            try dataset.fewShotIndices(perClass: 25, seed: 0)
        })
        #expect(error.kind == .tooFewExamples)
        #expect(error.description.contains("\"c\" has 20 examples"), "\(error)")
        #expect(!error.description.contains("\n"))
        #expect(DataFixtures.failure { () throws(DatasetError) in try dataset.fewShotIndices(perClass: 0, seed: 0) }?.kind
                == .invalidSplit)
    }

    @Test func textDatasetsSplitToo() throws {
        let texts = TextDataset(source: "t", texts: (0..<40).map { "text \($0)" },
                                labels: (0..<40).map { $0 < 30 ? 0 : 1 }, classNames: ["ham", "spam"])
        let parts = try texts.stratifiedSplit(SplitFractions(validation: 0.1, test: 0.2), seed: 5)
        #expect(parts.validation.classCounts == [3, 1])
        #expect(parts.test.classCounts == [6, 2])
        #expect(Set(parts.train.texts + parts.validation.texts + parts.test.texts).count == 40)
    }
}
