import Foundation
import Testing
import ThawModels
import ThawNN
import ThawSafeTensors
import ThawTensor
import ThawTestSupport

@Suite("BERT checkpoints")
struct BERTLoadingTests {
    @Test func keysEqualHuggingFaces() throws {
        let f = try BERTFixture()
        let config = try BERTConfig(contentsOf: BERTFixture.tiny.appendingPathComponent("config.json"))
        #expect(try BERTEncoder(config: config).namedTensors().map(\.key) == f.list("keys"))
        #expect(try BERTEncoder(config: config, pooler: false).namedTensors().map(\.key) == f.list("keys_no_pooler"))
        // And the saved directory holds exactly those tensors.
        let file = try SafeTensorsFile(contentsOf: BERTFixture.tiny.appendingPathComponent("model.safetensors"))
        #expect(Set(file.tensors.map(\.name)) == Set(try f.list("keys")))
    }

    @Test func moduleTreeFollowsHuggingFace() throws {
        let (model, _) = try BERTEncoder.load(directory: BERTFixture.tiny)
        let paths = model.namedModules().map(\.path)
        for path in ["embeddings.dropout", "encoder.layer", "encoder.layer.1.attention.self.dropout",
                     "encoder.layer.0.output.LayerNorm", "pooler.dense"] {
            #expect(paths.contains(path), "\(path)")
        }
    }

    /// `bert.` prefix, gamma/beta names and the int64 position_ids buffer, with a
    /// BertForSequenceClassification head: loads, reports the head, computes the same.
    @Test func legacyPrefixedCheckpointLoads() throws {
        let f = try BERTFixture()
        let (model, report) = try BERTEncoder.load(directory: BERTFixture.legacy)
        #expect(report.isComplete)
        #expect(report.droppedSourceHead == ["classifier.bias", "classifier.weight"])
        #expect(report.loaded.count == 39 && model.pooler != nil)
        model.setTraining(false)
        let hidden = try model(inputIds: try f.inputIds, tokenTypeIds: try f.tokenTypeIds, attentionMask: try f.attentionMask,
                               batch: f.batch, sequence: f.sequence)
        #expect(maxRelativeDifference(hidden, try f.tensor("last_hidden_state")) <= BERTFixture.tolerance)
    }

    @Test func poolerCanBeDeclined() throws {
        let (model, report) = try BERTEncoder.load(directory: BERTFixture.tiny, pooler: false)
        #expect(model.pooler == nil && report.isComplete)
        #expect(report.droppedSourceHead == ["pooler.dense.bias", "pooler.dense.weight"])
    }

    @Test func classifierKeepsOrReplacesTheHead() throws {
        let (same, sameReport) = try BERTClassifier.load(directory: BERTFixture.legacy, classes: 3)
        #expect(sameReport.isComplete && sameReport.reinitialized.isEmpty)
        #expect(sameReport.loaded.contains("classifier.weight"))
        #expect(sameReport.droppedSourceHead == ["pooler.dense.bias", "pooler.dense.weight"])
        let (other, report) = try BERTClassifier.load(directory: BERTFixture.tiny, classes: 2, pooling: .cls)
        #expect(report.reinitialized.map(\.key) == ["classifier.weight", "classifier.bias"])
        #expect(other.namedTensors().map(\.key).last == "classifier.bias")
        #expect(BERTClassifier.headPrefix == "classifier")

        let f = try BERTFixture()
        for model in [same, other] {
            model.setTraining(false)
            let logits = try model(inputIds: try f.inputIds, attentionMask: try f.attentionMask, batch: 3, sequence: 7)
            #expect(logits.shape == [3, model.classes])
        }
        let features = try same.features(inputIds: try f.inputIds, tokenTypeIds: try f.tokenTypeIds,
                                         attentionMask: try f.attentionMask, batch: 3, sequence: 7)
        #expect(maxRelativeDifference(features, try f.tensor("mean_pooled")) <= BERTFixture.tolerance)
    }

    @Test func directoryProblemsAreExplained() throws {
        try withTemporaryDirectory { dir in
            #expect(throws: BERTCheckpointError.missingConfig(directory: dir.path)) {
                try BERTEncoder.load(directory: dir)
            }
            try FileManager.default.copyItem(at: BERTFixture.tiny.appendingPathComponent("config.json"),
                                             to: dir.appendingPathComponent("config.json"))
            #expect(throws: BERTCheckpointError.missingWeights(directory: dir.path)) {
                try BERTEncoder.load(directory: dir)
            }
            try Data([0x80, 0x02, 0x7D, 0x71, 0x00]).write(to: dir.appendingPathComponent("pytorch_model.bin"))
            #expect {
                try BERTEncoder.load(directory: dir)
            } throws: { error in
                error as? BERTCheckpointError == .pickleOnly(directory: dir.path, file: "pytorch_model.bin")
                    && "\(error)".contains("save_file(") && "\(error)".contains("weights_only=True")
            }
        }
    }

    @Test func wrongShapesFailWithoutLoading() throws {
        try withTemporaryDirectory { dir in
            // A config that disagrees with the weights: 3 layers.
            let original = try String(contentsOf: BERTFixture.tiny.appendingPathComponent("config.json"), encoding: .utf8)
            try original.replacingOccurrences(of: "\"num_hidden_layers\": 2", with: "\"num_hidden_layers\": 3")
                .write(to: dir.appendingPathComponent("config.json"), atomically: true, encoding: .utf8)
            try FileManager.default.copyItem(at: BERTFixture.tiny.appendingPathComponent("model.safetensors"),
                                             to: dir.appendingPathComponent("model.safetensors"))
            #expect {
                try BERTEncoder.load(directory: dir)
            } throws: { error in
                guard case let StateDictError.incompatible(_, report) = error else { return false }
                return report.missing.count == 16 && report.missing.allSatisfy { $0.hasPrefix("encoder.layer.2.") }
            }
        }
    }
}
