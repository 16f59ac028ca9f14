import Foundation
import Testing
import ThawModels
import ThawNN
import ThawTensor
import ThawTestSupport

/// The tiny random BertModel against what Hugging Face computed for the same weights and inputs.
@Suite("BERT parity with Hugging Face")
struct BERTParityTests {
    func expectClose(_ actual: Tensor, _ expected: Tensor, _ label: String) {
        let difference = maxRelativeDifference(actual, expected)
        #expect(difference <= BERTFixture.tolerance, "\(label) differs by \(difference)")
        print("BERT parity \(label): \(difference)")
    }

    @Test func evalOutputsMatch() throws {
        let f = try BERTFixture()
        let (model, report) = try BERTEncoder.load(directory: BERTFixture.tiny)
        #expect(report.isComplete && report.droppedSourceHead.isEmpty && report.reinitialized.isEmpty)
        model.setTraining(false)
        let mask = try f.attentionMask
        let hidden = try model(inputIds: try f.inputIds, tokenTypeIds: try f.tokenTypeIds, attentionMask: mask,
                               batch: f.batch, sequence: f.sequence)
        expectClose(hidden, try f.tensor("last_hidden_state"), "last_hidden_state")
        let pooler = try #require(model.pooler)
        expectClose(pooler(hidden), try f.tensor("pooler_output"), "pooler_output")
        let mean = BERTPooling.mean(hidden, attentionMask: mask)
        expectClose(mean, try f.tensor("mean_pooled"), "mean_pooled")
        expectClose(BERTPooling.l2Normalized(mean), try f.tensor("mean_pooled_normalized"), "mean_pooled_normalized")
        expectClose(BERTPooling.cls(hidden), try f.tensor("cls"), "cls")
        let embeddings = try model.sentenceEmbeddings(inputIds: try f.inputIds, tokenTypeIds: try f.tokenTypeIds,
                                                      attentionMask: mask, batch: f.batch, sequence: f.sequence)
        expectClose(embeddings, try f.tensor("mean_pooled_normalized"), "sentenceEmbeddings")
    }

    @Test func withoutMaskOrTokenTypes() throws {
        let f = try BERTFixture()
        let model = try BERTFixture.tinyModel()
        model.setTraining(false)
        let hidden = try model(inputIds: try f.inputIds, batch: f.batch, sequence: f.sequence)
        expectClose(hidden, try f.tensor("last_hidden_state_nomask"), "no mask")
        // An all-ones mask is the same as none.
        let ones = try model(inputIds: try f.inputIds, attentionMask: Array(repeating: 1, count: 21), batch: 3, sequence: 7)
        #expect(ones.scalars == hidden.scalars)
    }

    @Test(arguments: [BERTActivation.geluNew, .relu])
    func otherActivations(_ activation: BERTActivation) throws {
        let f = try BERTFixture()
        let model = try BERTFixture.tinyModel { $0.activation = activation }
        model.setTraining(false)
        let hidden = try model(inputIds: try f.inputIds, tokenTypeIds: try f.tokenTypeIds, attentionMask: try f.attentionMask,
                               batch: f.batch, sequence: f.sequence)
        expectClose(hidden, try f.tensor("last_hidden_state_\(activation.rawValue)"), activation.rawValue)
    }

    /// Train mode with every dropout at 0 (HF's `train()` then differs from eval only in
    /// dropout), gradients of Σ h ⊙ grad_output.
    @Test func gradientsMatch() throws {
        let f = try BERTFixture()
        let model = try BERTFixture.tinyModel { $0.hiddenDropout = 0; $0.attentionDropout = 0 }
        model.setTraining(true)
        let hidden = try model(inputIds: try f.inputIds, tokenTypeIds: try f.tokenTypeIds, attentionMask: try f.attentionMask,
                               batch: f.batch, sequence: f.sequence)
        expectClose(hidden, try f.tensor("last_hidden_state"), "train-mode forward")
        let grads = gradients(of: hidden, seed: try f.tensor("grad_output"))
        let parameters = Dictionary(uniqueKeysWithValues: model.namedParameters().map { ($0.key, $0.parameter) })
        let keys = try f.list("grad_keys")
        #expect(keys.contains("embeddings.word_embeddings.weight") && keys.contains("encoder.layer.0.attention.self.query.weight")
                && keys.contains("encoder.layer.1.output.LayerNorm.weight"))
        for key in keys {
            let parameter = try #require(parameters[key], "no parameter \(key)")
            let gradient = try #require(grads[parameter], "no gradient for \(key)")
            expectClose(gradient, try f.tensor("grad_" + key.replacingOccurrences(of: ".", with: "_")), "grad \(key)")
        }
        // The pooler is not on the path to the last hidden state.
        #expect(grads[try #require(parameters["pooler.dense.weight"])] == nil)
    }

    /// The unfused attention (used when attention dropout is active) computes the same thing
    /// as the fused kernel, forward and backward.
    @Test func unfusedAttentionMatchesFused() throws {
        let f = try BERTFixture()
        let fused = try BERTFixture.tinyModel { $0.hiddenDropout = 0; $0.attentionDropout = 0 }
        let unfused = try BERTFixture.tinyModel { $0.hiddenDropout = 0; $0.attentionDropout = 1e-30 }
        var outputs: [Tensor] = []
        var wordGradients: [Tensor] = []
        for model in [fused, unfused] {
            model.setTraining(true)
            let h = try model(inputIds: try f.inputIds, tokenTypeIds: try f.tokenTypeIds, attentionMask: try f.attentionMask,
                              batch: f.batch, sequence: f.sequence)
            outputs.append(h)
            wordGradients.append(try #require(gradients(of: h, seed: try f.tensor("grad_output"))[model.embeddings.wordEmbeddings.weight]))
        }
        expectClose(outputs[1], try f.tensor("last_hidden_state"), "unfused forward")
        expectClose(wordGradients[1], wordGradients[0], "unfused grad word embeddings")
    }
}
