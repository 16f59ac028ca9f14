import ThawNN
import ThawTensor

/// `embeddings.*`: word + absolute position + token-type embeddings, LayerNorm, dropout.
///
/// Hugging Face also keeps `position_ids` and `token_type_ids` buffers here; they are
/// non-persistent (never in a state dict) and only hold `0..<S` and zeros, so they are
/// computed instead of stored.
public final class BERTEmbeddings: Module {
    public let wordEmbeddings: Embedding
    public let positionEmbeddings: Embedding
    public let tokenTypeEmbeddings: Embedding
    public let layerNorm: LayerNorm
    public let dropout: Dropout
    /// `[PAD]`'s row, which receives no gradient (HF's `padding_idx`).
    public let paddingIndex: Int?
    public var isTraining = true

    init(config: BERTConfig, generator: inout SeededGenerator) {
        // BERT's initialiser: N(0, 0.02²), with the padding row zeroed as HF does.
        wordEmbeddings = Embedding(vocabulary: config.vocabularySize, dimension: config.hiddenSize,
                                   standardDeviation: 0.02, generator: &generator)
        paddingIndex = config.padTokenId
        if let pad = config.padTokenId {
            let h = config.hiddenSize
            wordEmbeddings.weight.update { $0[(pad * h)..<((pad + 1) * h)].update(repeating: 0) }
        }
        positionEmbeddings = Embedding(vocabulary: config.maxPositions, dimension: config.hiddenSize,
                                       standardDeviation: 0.02, generator: &generator)
        tokenTypeEmbeddings = Embedding(vocabulary: config.tokenTypes, dimension: config.hiddenSize,
                                        standardDeviation: 0.02, generator: &generator)
        layerNorm = LayerNorm([config.hiddenSize], epsilon: config.layerNormEpsilon)
        dropout = Dropout(probability: config.hiddenDropout, seed: generator.next())
    }

    public func visit<V: ModuleVisitor>(_ v: inout V) {
        v.module("word_embeddings", wordEmbeddings)
        v.module("position_embeddings", positionEmbeddings)
        v.module("token_type_embeddings", tokenTypeEmbeddings)
        v.module("LayerNorm", layerNorm)
        v.module("dropout", dropout)
    }

    /// `(B, S, H)` from validated ids; `tokenTypeIds` nil means segment 0 everywhere.
    func callAsFunction(inputIds: [Int], tokenTypeIds: [Int]?, batch: Int, sequence: Int) -> Tensor {
        let words = padRowWithoutGradient(wordEmbeddings(inputIds, shape: [batch, sequence]), inputIds: inputIds)
        // Positions are the same for every row: look up (S, H) once and broadcast over B.
        let positions = positionEmbeddings(Array(0..<sequence), shape: [sequence])
        let types: Tensor
        if let tokenTypeIds {
            types = tokenTypeEmbeddings(tokenTypeIds, shape: [batch, sequence])
        } else {
            types = tokenTypeEmbeddings([0], shape: [1])
        }
        return dropout(layerNorm(words + types + positions))
    }

    /// The same values, with the gradient of every `[PAD]` position cut: h·keep + stop(h)·(1−keep)
    /// is exactly h forward (x·1 + x·0), and only the kept positions reach the weight. Skipped
    /// when nothing would flow back anyway.
    private func padRowWithoutGradient(_ words: Tensor, inputIds: [Int]) -> Tensor {
        guard let pad = paddingIndex, words.requiresGradient, inputIds.contains(pad) else { return words }
        let keep = inputIds.map { $0 == pad ? Float(0) : 1 }
        let shape = [words.shape[0], words.shape[1], 1]
        return words * Tensor(shape: shape, scalars: keep) + words.detached * Tensor(shape: shape, scalars: keep.map { 1 - $0 })
    }
}
