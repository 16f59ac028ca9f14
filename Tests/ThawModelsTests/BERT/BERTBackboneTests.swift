import Testing
import ThawModels
import ThawNN
import ThawSafeTensors
import ThawTensor
import ThawTestSupport

@Suite("BERT as a zoo backbone")
struct BERTBackboneTests {
    @Test func featuresLogitsAndNewHead() throws {
        let f = try BERTFixture()
        let (model, _) = try BERTClassifier.load(directory: BERTFixture.tiny, classes: 2)
        model.setTraining(false)
        let batch = BackboneBatch.tokens(TokenBatch(ids: try f.inputIds, attentionMask: try f.attentionMask,
                                                    tokenTypeIds: try f.tokenTypeIds, batch: 3, sequence: 7))
        #expect(model.headPrefixes == ["classifier", "dropout"] && model.featureDimension == 32)
        #expect(maxRelativeDifference(try model.features(batch), try f.tensor("mean_pooled")) <= BERTFixture.tolerance)
        #expect(try model.logits(batch).shape == [3, 2])

        var generator = SeededGenerator(seed: 4)
        try (model as any Backbone).replaceHead(classes: 5, generator: &generator)
        #expect(model.classes == 5)
        #expect(try model.logits(batch).shape == [3, 5])
        #expect(model.namedTensors().last?.parameter.shape == [5])
        #expect(throws: BackboneInputError.self) { try model.features(.dense(Tensor(zeros: [1, 4]))) }
    }

    @Test func checkpointOpenedElsewhereLoadsWithTheSameRules() throws {
        let file = try SafeTensorsFile(contentsOf: BERTFixture.legacy.appendingPathComponent("model.safetensors"))
        let config = try BERTConfig(contentsOf: BERTFixture.legacy.appendingPathComponent("config.json"))
        let encoder = try BERTEncoder(config: config, pooler: false)
        let report = try encoder.loadCheckpoint(file)
        #expect(report.isComplete)
        #expect(report.droppedSourceHead == ["classifier.bias", "classifier.weight", "pooler.dense.bias", "pooler.dense.weight"])
    }

    /// A few SGD steps on three sentences lower the loss; with the encoder frozen only the head
    /// gets gradients (the backward pass never enters the encoder).
    @Test(arguments: [false, true])
    func classifierTrains(frozenEncoder: Bool) throws {
        let f = try BERTFixture()
        let (model, _) = try BERTClassifier.load(directory: BERTFixture.tiny, classes: 2, seed: 7)
        model.setTraining(true)
        if frozenEncoder {
            for (key, p) in model.namedParameters() where !key.hasPrefix(BERTClassifier.headPrefix) { p.requiresGradient = false }
        }
        let labels = [0, 1, 1]
        func loss() throws -> Tensor {
            softmaxCrossEntropy(logits: try model(inputIds: try f.inputIds, tokenTypeIds: try f.tokenTypeIds,
                                                  attentionMask: try f.attentionMask, batch: 3, sequence: 7), targets: labels)
        }
        let first = try loss().scalar
        for _ in 0..<15 {
            let grads = gradients(of: try loss())
            #expect(grads.parameters.count == (frozenEncoder ? 2 : model.parameters.count))
            for p in grads.parameters {
                let g = try #require(grads[p])
                g.withUnsafeBufferPointer { gb in p.update { w in for i in w.indices { w[i] -= 0.05 * gb[i] } } }
            }
        }
        #expect(try loss().scalar < first)
    }
}
