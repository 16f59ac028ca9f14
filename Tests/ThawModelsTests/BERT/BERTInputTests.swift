import Testing
import ThawModels
import ThawNN
import ThawTensor

/// Bad inputs are thrown back with the offending value before any op can trap.
@Suite("BERT input validation and modes")
struct BERTInputTests {
    static let config = BERTConfig(vocabularySize: 50, hiddenSize: 16, layers: 1, attentionHeads: 2, intermediateSize: 20,
                                   maxPositions: 8, tokenTypes: 2)

    func model() throws -> BERTEncoder { try BERTEncoder(config: Self.config, seed: 3) }

    @Test func outOfVocabularyIdIsReported() throws {
        #expect(throws: BERTInputError.tokenIdOutOfRange(id: 50, batchIndex: 1, position: 2, vocabularySize: 50)) {
            try self.model()(inputIds: [1, 2, 3, 4, 5, 50], batch: 2, sequence: 3)
        }
        #expect(throws: BERTInputError.tokenIdOutOfRange(id: -1, batchIndex: 0, position: 0, vocabularySize: 50)) {
            try self.model()(inputIds: [-1], batch: 1, sequence: 1)
        }
    }

    @Test func tooLongSequenceIsReported() throws {
        #expect {
            try self.model()(inputIds: Array(repeating: 1, count: 9), batch: 1, sequence: 9)
        } throws: { error in
            error as? BERTInputError == .sequenceTooLong(length: 9, maximum: 8) && "\(error)".contains("9 exceeds max_position_embeddings 8")
        }
        // The longest allowed sequence runs.
        let h = try model()(inputIds: Array(repeating: 1, count: 8), batch: 1, sequence: 8)
        #expect(h.shape == [1, 8, 16])
    }

    @Test func otherBadInputs() throws {
        let m = try model()
        #expect(throws: BERTInputError.countMismatch(name: "inputIds", count: 5, expected: 6)) {
            try m(inputIds: [1, 2, 3, 4, 5], batch: 2, sequence: 3)
        }
        #expect(throws: BERTInputError.tokenTypeOutOfRange(type: 2, batchIndex: 0, position: 1, tokenTypes: 2)) {
            try m(inputIds: [1, 2], tokenTypeIds: [0, 2], batch: 1, sequence: 2)
        }
        #expect(throws: BERTInputError.invalidMaskValue(value: 3, batchIndex: 0, position: 1)) {
            try m(inputIds: [1, 2], attentionMask: [1, 3], batch: 1, sequence: 2)
        }
        #expect(throws: BERTInputError.countMismatch(name: "attentionMask", count: 1, expected: 2)) {
            try m(inputIds: [1, 2], attentionMask: [1], batch: 1, sequence: 2)
        }
        #expect(throws: BERTInputError.emptyBatch(batch: 0, sequence: 4)) {
            try m(inputIds: [], batch: 0, sequence: 4)
        }
    }

    @Test func dropoutOnlyInTrainingAndSeeded() throws {
        var config = Self.config
        config.hiddenDropout = 0.3
        config.attentionDropout = 0.3
        let ids = [3, 4, 5, 6, 7, 8], mask = [1, 1, 1, 1, 0, 0]
        func run(_ model: BERTEncoder) throws -> [Float] {
            try model(inputIds: ids, attentionMask: mask, batch: 2, sequence: 3).scalars
        }
        let a = try BERTEncoder(config: config, seed: 5), b = try BERTEncoder(config: config, seed: 5)
        #expect(try run(a) == run(b), "same seed, same dropout masks")
        #expect(try run(a) != run(a), "masks advance between steps")
        a.setTraining(false)
        #expect(a.namedModules().allSatisfy { !$0.module.isTraining })
        #expect(try run(a) == run(a), "no dropout in evaluation")
    }

    @Test func allPaddedRowStaysFinite() throws {
        let m = try model()
        m.setTraining(false)
        let mask = [1, 1, 0, 0, 0, 0]
        let h = try m(inputIds: [1, 2, 0, 0, 0, 0], attentionMask: mask, batch: 2, sequence: 3)
        #expect(h.isFinite)
        let pooled = BERTPooling.mean(h, attentionMask: mask)
        #expect(pooled.scalars[16...].allSatisfy { $0 == 0 }, "an empty row pools to zero, not NaN")
        let normalized = BERTPooling.l2Normalized(pooled)
        #expect(normalized.isFinite)
    }

    @Test func poolingGradientsAreFiniteForZeroVectors() {
        let x = Parameter(Tensor(shape: [2, 3], scalars: [0, 0, 0, 3, 4, 0]))
        let y = BERTPooling.l2Normalized(x.tensor)
        #expect(y.scalars == [0, 0, 0, 0.6, 0.8, 0])
        let g = gradients(of: y, seed: Tensor(repeating: 1, shape: [2, 3]))
        #expect(g[x]?.isFinite == true)
    }
}
