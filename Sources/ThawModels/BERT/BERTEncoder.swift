import ThawNN
import ThawTensor

/// A BERT encoder with Hugging Face `BertModel`'s state-dict keys (`embeddings.*`,
/// `encoder.layer.N.*`, optional `pooler.dense.*`), so a checkpoint's tensors load by name
/// with nothing renamed.
///
/// Dropout layers are children named as in HF (`embeddings.dropout`, …) although they own no
/// tensors: `setTraining(_:)` reaches modules through the tree, and a dropout left out of it
/// would stay active during evaluation.
public final class BERTEncoder: Module {
    public let config: BERTConfig
    public let embeddings: BERTEmbeddings
    public let encoder: BERTLayerStack
    /// nil when built without one (sentence-transformers checkpoints never use it).
    public let pooler: BERTPooler?
    public var isTraining = true

    /// A freshly initialised encoder (weights N(0, 0.02²) as BERT's `_init_weights`, LayerNorm
    /// 1/0), deterministic in `seed`; dropout masks are drawn from generators seeded from it.
    public init(config: BERTConfig, pooler: Bool = true, seed: UInt64 = 0) throws(BERTConfigError) {
        try config.validate()
        self.config = config
        var generator = SeededGenerator(seed: seed)
        embeddings = BERTEmbeddings(config: config, generator: &generator)
        encoder = BERTLayerStack(config: config, generator: &generator)
        self.pooler = pooler ? BERTPooler(config: config, generator: &generator) : nil
    }

    public func visit<V: ModuleVisitor>(_ v: inout V) {
        v.module("embeddings", embeddings)
        v.module("encoder", encoder)
        if let pooler { v.module("pooler", pooler) }
    }

    /// The last hidden state `(B, S, H)` for row-major `(B, S)` ids.
    ///
    /// - Parameters:
    ///   - tokenTypeIds: segment ids (0/1 for sentence pairs); nil = all 0, as HF.
    ///   - attentionMask: 1 for tokens, 0 for padding; nil = no padding. Padded positions still
    ///     get hidden states (they attend to the real tokens); pool with the mask to drop them.
    /// - Throws: `BERTInputError` for out-of-range ids, types or mask values, or a sequence
    ///   longer than `max_position_embeddings`, before any op runs.
    public func callAsFunction(inputIds: [Int], tokenTypeIds: [Int]? = nil, attentionMask: [Int]? = nil,
                               batch: Int, sequence: Int) throws(BERTInputError) -> Tensor {
        let input = try BERTInput(inputIds: inputIds, tokenTypeIds: tokenTypeIds, attentionMask: attentionMask,
                                  batch: batch, sequence: sequence, config: config)
        return hiddenStates(input)
    }

    func hiddenStates(_ input: BERTInput) -> Tensor {
        let x = embeddings(inputIds: input.inputIds, tokenTypeIds: input.tokenTypeIds,
                           batch: input.batch, sequence: input.sequence)
        return encoder(x, mask: input.keyMask)
    }

    public var summary: String {
        "BERTEncoder(layers: \(config.layers), hidden: \(config.hiddenSize), heads: \(config.attentionHeads))"
    }
}
