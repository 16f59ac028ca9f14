import Foundation
import Testing
import ThawModels

@Suite("BERT config.json")
struct BERTConfigTests {
    static var minimal: [String: Any] { [
        "vocab_size": 99, "hidden_size": 32, "num_hidden_layers": 2, "num_attention_heads": 4,
        "intermediate_size": 37, "max_position_embeddings": 64, "type_vocab_size": 2,
    ] }

    func parse(_ object: [String: Any], file: String = "x/config.json") throws(BERTConfigError) -> BERTConfig {
        let data = try! JSONSerialization.data(withJSONObject: object)
        return try BERTConfig(json: data, file: file)
    }

    func edited(_ edit: (inout [String: Any]) -> Void) -> [String: Any] {
        var object = Self.minimal
        edit(&object)
        return object
    }

    @Test func readsTheSavedTinyConfigIgnoringExtraKeys() throws {
        let config = try BERTConfig(contentsOf: BERTFixture.tiny.appendingPathComponent("config.json"))
        #expect(config == BERTConfig(vocabularySize: 99, hiddenSize: 32, layers: 2, attentionHeads: 4, intermediateSize: 37,
                                     activation: .gelu, maxPositions: 64, tokenTypes: 2, layerNormEpsilon: 1e-12,
                                     hiddenDropout: 0.1, attentionDropout: 0.1))
        #expect(config.headDimension == 8)
    }

    @Test func behaviourKeysDefaultLikeTransformers() throws {
        let config = try parse(Self.minimal)
        #expect(config.activation == .gelu && config.layerNormEpsilon == 1e-12)
        #expect(config.hiddenDropout == 0.1 && config.attentionDropout == 0.1)
    }

    @Test func padTokenId() throws {
        #expect(try parse(Self.minimal).padTokenId == 0, "absent: transformers' default")
        #expect(try parse(edited { $0["pad_token_id"] = NSNull() }).padTokenId == nil, "null: no padding row")
        #expect(try parse(edited { $0["pad_token_id"] = 5 }).padTokenId == 5)
        #expect(throws: BERTConfigError.invalidValue(file: "x/config.json", key: "pad_token_id", value: "99",
                                                     reason: "is outside the vocabulary 0..<99")) {
            try parse(edited { $0["pad_token_id"] = 99 })
        }
    }

    @Test func roundTripsThroughJSON() throws {
        let config = try parse(edited { $0["hidden_act"] = "gelu_new"; $0["layer_norm_eps"] = 1e-5; $0["pad_token_id"] = NSNull() })
        let data = try JSONEncoder().encode(config)
        #expect(try BERTConfig(json: data) == config)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["hidden_act"] as? String == "gelu_new" && object["num_hidden_layers"] as? Int == 2)
    }

    @Test(arguments: ["vocab_size", "hidden_size", "num_hidden_layers", "num_attention_heads", "intermediate_size",
                      "max_position_embeddings", "type_vocab_size"])
    func missingRequiredKeyIsNamed(_ key: String) {
        #expect(throws: BERTConfigError.missingKey(file: "x/config.json", key: key)) {
            try parse(edited { $0.removeValue(forKey: key) })
        }
    }

    @Test func headsMustDivideHiddenSize() {
        #expect {
            try parse(edited { $0["num_attention_heads"] = 5 })
        } throws: { error in
            guard case let BERTConfigError.invalidValue(file, key, value, _) = error else { return false }
            return file == "x/config.json" && key == "hidden_size" && value == "32"
                && "\(error)".contains("not divisible by num_attention_heads = 5")
        }
    }

    @Test func badValuesAreNamed() {
        #expect(throws: BERTConfigError.invalidValue(file: "x/config.json", key: "num_hidden_layers", value: "0", reason: "must be positive")) {
            try parse(edited { $0["num_hidden_layers"] = 0 })
        }
        #expect {
            try parse(edited { $0["hidden_size"] = "big" })
        } throws: { error in
            guard case let BERTConfigError.invalidValue(_, key, _, reason) = error else { return false }
            return key == "hidden_size" && reason.contains("integer")
        }
        #expect {
            try parse(edited { $0["hidden_dropout_prob"] = 1.5 })
        } throws: { error in
            guard case let BERTConfigError.invalidValue(_, key, _, _) = error else { return false }
            return key == "hidden_dropout_prob"
        }
    }

    @Test func unsupportedArchitecturesAreRefused() {
        #expect {
            try parse(edited { $0["hidden_act"] = "swish" })
        } throws: { error in
            guard case let BERTConfigError.unsupported(file, key, value, reason) = error else { return false }
            return file == "x/config.json" && key == "hidden_act" && value == "\"swish\"" && reason.contains("gelu_new")
        }
        #expect {
            try parse(edited { $0["model_type"] = "roberta" })
        } throws: { error in
            guard case let BERTConfigError.unsupported(_, key, _, _) = error else { return false }
            return key == "model_type"
        }
        #expect {
            try parse(edited { $0["is_decoder"] = true })
        } throws: { error in
            guard case let BERTConfigError.unsupported(_, key, _, _) = error else { return false }
            return key == "is_decoder"
        }
        #expect {
            try parse(edited { $0["position_embedding_type"] = "relative_key" })
        } throws: { error in
            guard case let BERTConfigError.unsupported(_, key, _, _) = error else { return false }
            return key == "position_embedding_type"
        }
    }

    @Test func unreadableFiles() {
        #expect(throws: BERTConfigError.unreadable(file: "/nonexistent/config.json", reason: "no such file")) {
            try BERTConfig(contentsOf: URL(fileURLWithPath: "/nonexistent/config.json"))
        }
        #expect {
            try BERTConfig(json: Data("{\"vocab_size\": ".utf8), file: "broken.json")
        } throws: { error in
            guard case let BERTConfigError.unreadable(file, reason) = error else { return false }
            return file == "broken.json" && reason.contains("JSON")
        }
    }
}
