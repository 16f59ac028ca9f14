import Foundation

/// The feed-forward activation named by `hidden_act`.
///
/// Only the names whose maths Thaw reproduces exactly are accepted: silently substituting one
/// GELU for another shifts every hidden state by ~1e-3, far outside parity.
public enum BERTActivation: String, Codable, Sendable, Equatable, CaseIterable {
    /// Exact (erf) GELU, BERT's original.
    case gelu
    /// The tanh approximation, as older Google checkpoints used it.
    case geluNew = "gelu_new"
    /// PyTorch's own name for the same tanh approximation.
    case geluPyTorchTanh = "gelu_pytorch_tanh"
    case relu
}

/// The architecture of a BERT encoder, read from a Hugging Face `config.json`.
///
/// Keys that fix tensor shapes are required: defaulting them would only move the failure to a
/// less readable shape mismatch at load time. Keys that only change behaviour default to
/// `transformers.BertConfig`'s defaults. Unknown keys (`architectures`, `_name_or_path`, …) are
/// ignored; `model_type`, `position_embedding_type` and `is_decoder` are checked because a
/// RoBERTa-style, relative-position or causal model would load without error and compute
/// something else.
public struct BERTConfig: Codable, Sendable, Equatable {
    public var vocabularySize: Int
    public var hiddenSize: Int
    public var layers: Int
    public var attentionHeads: Int
    public var intermediateSize: Int
    public var activation: BERTActivation
    public var maxPositions: Int
    public var tokenTypes: Int
    public var layerNormEpsilon: Float
    public var hiddenDropout: Float
    public var attentionDropout: Float
    /// The `[PAD]` id, whose embedding row gets no gradient (`nn.Embedding(padding_idx=)`), so
    /// fine-tuning never moves it; nil (JSON null) lets every row train.
    public var padTokenId: Int?

    public init(vocabularySize: Int, hiddenSize: Int, layers: Int, attentionHeads: Int, intermediateSize: Int,
                activation: BERTActivation = .gelu, maxPositions: Int = 512, tokenTypes: Int = 2,
                layerNormEpsilon: Float = 1e-12, hiddenDropout: Float = 0.1, attentionDropout: Float = 0.1,
                padTokenId: Int? = 0) {
        self.vocabularySize = vocabularySize
        self.hiddenSize = hiddenSize
        self.layers = layers
        self.attentionHeads = attentionHeads
        self.intermediateSize = intermediateSize
        self.activation = activation
        self.maxPositions = maxPositions
        self.tokenTypes = tokenTypes
        self.layerNormEpsilon = layerNormEpsilon
        self.hiddenDropout = hiddenDropout
        self.attentionDropout = attentionDropout
        self.padTokenId = padTokenId
    }

    /// all-MiniLM-L6-v2's shape, the benchmark and sentence-embedding reference.
    public static let miniLML6 = BERTConfig(vocabularySize: 30522, hiddenSize: 384, layers: 6, attentionHeads: 12,
                                            intermediateSize: 1536)

    public var headDimension: Int { hiddenSize / attentionHeads }

    enum CodingKeys: String, CodingKey {
        case vocabularySize = "vocab_size"
        case hiddenSize = "hidden_size"
        case layers = "num_hidden_layers"
        case attentionHeads = "num_attention_heads"
        case intermediateSize = "intermediate_size"
        case activation = "hidden_act"
        case maxPositions = "max_position_embeddings"
        case tokenTypes = "type_vocab_size"
        case layerNormEpsilon = "layer_norm_eps"
        case hiddenDropout = "hidden_dropout_prob"
        case attentionDropout = "attention_probs_dropout_prob"
        case padTokenId = "pad_token_id"
        case modelType = "model_type"
        case positionEmbeddingType = "position_embedding_type"
        case isDecoder = "is_decoder"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        vocabularySize = try c.decode(Int.self, forKey: .vocabularySize)
        hiddenSize = try c.decode(Int.self, forKey: .hiddenSize)
        layers = try c.decode(Int.self, forKey: .layers)
        attentionHeads = try c.decode(Int.self, forKey: .attentionHeads)
        intermediateSize = try c.decode(Int.self, forKey: .intermediateSize)
        maxPositions = try c.decode(Int.self, forKey: .maxPositions)
        tokenTypes = try c.decode(Int.self, forKey: .tokenTypes)
        let act = try c.decodeIfPresent(String.self, forKey: .activation) ?? BERTActivation.gelu.rawValue
        guard let activation = BERTActivation(rawValue: act) else {
            let names = BERTActivation.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw BERTConfigError.unsupported(file: "config.json", key: CodingKeys.activation.rawValue, value: "\"\(act)\"",
                                              reason: "supported: \(names)")
        }
        self.activation = activation
        layerNormEpsilon = try c.decodeIfPresent(Float.self, forKey: .layerNormEpsilon) ?? 1e-12
        hiddenDropout = try c.decodeIfPresent(Float.self, forKey: .hiddenDropout) ?? 0.1
        attentionDropout = try c.decodeIfPresent(Float.self, forKey: .attentionDropout) ?? 0.1
        // Absent means transformers' default 0; an explicit null means no padding row.
        padTokenId = c.contains(.padTokenId) ? try c.decodeIfPresent(Int.self, forKey: .padTokenId) : 0
        if let type = try c.decodeIfPresent(String.self, forKey: .modelType), type != "bert" {
            throw BERTConfigError.unsupported(file: "config.json", key: CodingKeys.modelType.rawValue, value: "\"\(type)\"",
                                              reason: "only \"bert\" is supported (other families differ in positions or layout)")
        }
        if let type = try c.decodeIfPresent(String.self, forKey: .positionEmbeddingType), type != "absolute" {
            throw BERTConfigError.unsupported(file: "config.json", key: CodingKeys.positionEmbeddingType.rawValue, value: "\"\(type)\"",
                                              reason: "only \"absolute\" position embeddings are implemented")
        }
        if try c.decodeIfPresent(Bool.self, forKey: .isDecoder) == true {
            throw BERTConfigError.unsupported(file: "config.json", key: CodingKeys.isDecoder.rawValue, value: "true",
                                              reason: "a decoder masks attention causally; Thaw's BERT is a bidirectional encoder")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode("bert", forKey: .modelType)
        try c.encode(vocabularySize, forKey: .vocabularySize)
        try c.encode(hiddenSize, forKey: .hiddenSize)
        try c.encode(layers, forKey: .layers)
        try c.encode(attentionHeads, forKey: .attentionHeads)
        try c.encode(intermediateSize, forKey: .intermediateSize)
        try c.encode(activation, forKey: .activation)
        try c.encode(maxPositions, forKey: .maxPositions)
        try c.encode(tokenTypes, forKey: .tokenTypes)
        try c.encode(layerNormEpsilon, forKey: .layerNormEpsilon)
        try c.encode(hiddenDropout, forKey: .hiddenDropout)
        try c.encode(attentionDropout, forKey: .attentionDropout)
        try c.encode(padTokenId, forKey: .padTokenId)
    }

    /// Checks the values a decoder cannot: sizes positive, heads dividing the width, dropout in
    /// [0, 1). Run by `load` and by the model initialiser.
    public func validate(file: String = "config") throws(BERTConfigError) {
        let positive: [(CodingKeys, Int)] = [(.vocabularySize, vocabularySize), (.hiddenSize, hiddenSize), (.layers, layers),
                                             (.attentionHeads, attentionHeads), (.intermediateSize, intermediateSize),
                                             (.maxPositions, maxPositions), (.tokenTypes, tokenTypes)]
        for (key, value) in positive where value <= 0 {
            throw .invalidValue(file: file, key: key.rawValue, value: "\(value)", reason: "must be positive")
        }
        guard hiddenSize % attentionHeads == 0 else {
            throw .invalidValue(file: file, key: CodingKeys.hiddenSize.rawValue, value: "\(hiddenSize)",
                                reason: "is not divisible by num_attention_heads = \(attentionHeads)")
        }
        for (key, p) in [(CodingKeys.hiddenDropout, hiddenDropout), (.attentionDropout, attentionDropout)] where !(p >= 0 && p < 1) {
            throw .invalidValue(file: file, key: key.rawValue, value: "\(p)", reason: "must lie in [0, 1)")
        }
        if let padTokenId, padTokenId < 0 || padTokenId >= vocabularySize {
            throw .invalidValue(file: file, key: CodingKeys.padTokenId.rawValue, value: "\(padTokenId)",
                                reason: "is outside the vocabulary 0..<\(vocabularySize)")
        }
        guard layerNormEpsilon >= 0, layerNormEpsilon.isFinite else {
            throw .invalidValue(file: file, key: CodingKeys.layerNormEpsilon.rawValue, value: "\(layerNormEpsilon)",
                                reason: "must be a finite non-negative number")
        }
    }
}
