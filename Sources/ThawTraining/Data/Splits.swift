/// How much of each class goes to validation and test; the rest is training data.
public struct SplitFractions: Sendable, Equatable, Codable {
    public var validation: Double
    public var test: Double

    public init(validation: Double, test: Double = 0) {
        self.validation = validation
        self.test = test
    }

    public var train: Double { 1 - validation - test }
}

/// Example indices of each part, each sorted ascending.
public struct SplitIndices: Sendable, Equatable, Codable {
    public var train: [Int]
    public var validation: [Int]
    public var test: [Int]
}

public struct DatasetSplit<Examples: LabeledDataset>: Sendable {
    public var train: Examples
    public var validation: Examples
    public var test: Examples
}

extension LabeledDataset {
    /// A seeded split that keeps every class's proportions in every part.
    ///
    /// All examples are put in one random order drawn from `seed`, and each class then takes
    /// its parts from its own members in that order. So the result depends only on the seed,
    /// the labels and the fractions: renumbering or reordering the classes changes nothing,
    /// and adding a class does not reshuffle the others. Per class, `round(n × fraction)`
    /// examples go to test and to validation.
    public func stratifiedSplitIndices(_ fractions: SplitFractions,
                                       seed: UInt64) throws(DatasetError) -> SplitIndices {
        let parts = [fractions.validation, fractions.test]
        guard parts.allSatisfy({ $0.isFinite && $0 >= 0 }), fractions.train > 0 else {
            throw DatasetError(file: source, kind: .invalidSplit,
                               detail: "validation \(fractions.validation), test \(fractions.test)",
                               fix: "use fractions ≥ 0 whose sum is below 1")
        }
        var split = SplitIndices(train: [], validation: [], test: [])
        for members in membersByClass(seed: DataRandom.seed(seed, .split)) {
            let count = Double(members.count)
            let test = min(Int((count * fractions.test).rounded()), members.count)
            let validation = min(Int((count * fractions.validation).rounded()), members.count - test)
            split.test += members[0..<test]
            split.validation += members[test..<(test + validation)]
            split.train += members[(test + validation)...]
        }
        split.train.sort()
        split.validation.sort()
        split.test.sort()
        return split
    }

    public func stratifiedSplit(_ fractions: SplitFractions,
                                seed: UInt64) throws(DatasetError) -> DatasetSplit<Self> {
        let indices = try stratifiedSplitIndices(fractions, seed: seed)
        return DatasetSplit(train: subset(indices: indices.train),
                            validation: subset(indices: indices.validation),
                            test: subset(indices: indices.test))
    }

    /// `perClass` examples of every class, chosen with `seed`, sorted ascending: the
    /// training set of a few-shot experiment (draw it from the training split).
    public func fewShotIndices(perClass: Int, seed: UInt64) throws(DatasetError) -> [Int] {
        guard perClass > 0 else {
            throw DatasetError(file: source, kind: .invalidSplit,
                               detail: "\(perClass) examples per class", fix: "ask for at least 1 per class")
        }
        let members = membersByClass(seed: DataRandom.seed(seed, .fewShot))
        if let short = members.indices.first(where: { members[$0].count < perClass }) {
            let others = members.filter { $0.count < perClass }.count - 1
            throw DatasetError(
                file: source, kind: .tooFewExamples,
                detail: "class \(DatasetError.quoted(classNames[short])) has \(members[short].count) examples, "
                    + "\(perClass) requested" + (others > 0 ? " (\(others) more classes are short too)" : ""),
                fix: "ask for at most \(members.map(\.count).min() ?? 0) per class")
        }
        return members.flatMap { $0.prefix(perClass) }.sorted()
    }

    public func fewShot(perClass: Int, seed: UInt64) throws(DatasetError) -> Self {
        try subset(indices: fewShotIndices(perClass: perClass, seed: seed))
    }

    /// Each class's example indices, in the order of one seeded permutation of all examples.
    private func membersByClass(seed: UInt64) -> [[Int]] {
        var members = [[Int]](repeating: [], count: classNames.count)
        for index in DataRandom.permutation(count, seed: seed) { members[labels[index]].append(index) }
        return members
    }
}
