import ThawTensor

/// Which token features a sentence-level head sees.
public enum BERTPoolingMode: String, Sendable, Equatable, CaseIterable, Codable {
    /// Average over real tokens ([CLS] and [SEP] included), as sentence-transformers: the
    /// robust choice for checkpoints not trained with a [CLS] objective, MiniLM among them.
    case mean
    /// The [CLS] token's hidden state (not the tanh pooler: that was trained for next-sentence
    /// prediction and is absent from sentence-transformers checkpoints).
    case cls
}

/// Sentence features from a last hidden state `(B, S, H)`. All differentiable, so they can sit
/// under a trained head.
public enum BERTPooling {
    /// Σ h·m / max(Σ m, 1e-9) over the sequence, sentence-transformers' formula: the clamp keeps
    /// an all-padding row at 0 instead of 0/0. `attentionMask` has B·S values, 1 = token;
    /// nil averages every position.
    public static func mean(_ hidden: Tensor, attentionMask: [Int]?) -> Tensor {
        precondition(hidden.rank == 3, "mean pooling needs (B, S, H), got \(hidden.shape)")
        let (b, s) = (hidden.shape[0], hidden.shape[1])
        guard let attentionMask else { return hidden.mean(axis: 1) }
        precondition(attentionMask.count == b * s, "mean pooling: \(attentionMask.count) mask values for \(b)×\(s) tokens")
        let weights = attentionMask.map { Float($0) }
        let mask = Tensor(shape: [b, s, 1], scalars: weights)
        var counts = [Float](repeating: 0, count: b)
        for i in 0..<b { counts[i] = Swift.max(weights[(i * s)..<((i + 1) * s)].reduce(0, +), 1e-9) }
        return (hidden * mask).sum(axis: 1) / Tensor(shape: [b, 1], scalars: counts)
    }

    /// The first position's hidden state, `(B, H)`.
    public static func cls(_ hidden: Tensor) -> Tensor {
        precondition(hidden.rank == 3, "CLS pooling needs (B, S, H), got \(hidden.shape)")
        return hidden.slice(axis: 1, 0..<1).reshaped([hidden.shape[0], hidden.shape[2]])
    }

    public static func pool(_ hidden: Tensor, mode: BERTPoolingMode, attentionMask: [Int]?) -> Tensor {
        switch mode {
        case .mean: mean(hidden, attentionMask: attentionMask)
        case .cls: cls(hidden)
        }
    }

    /// x / max(‖x‖, ε) along the last axis, as `F.normalize`. The clamp is applied to ‖x‖² (at
    /// ε²) so a zero vector has a zero gradient rather than NaN from √0's derivative.
    public static func l2Normalized(_ x: Tensor, epsilon: Float = 1e-12) -> Tensor {
        let squared = (x * x).sum(axis: -1, keepingDims: true)
        return x / squared.clamp(min: epsilon * epsilon).sqrt()
    }
}

extension BERTEncoder {
    /// Sentence embeddings the way sentence-transformers computes them for MiniLM-style
    /// checkpoints: last hidden state, masked mean, then (by default) unit length.
    public func sentenceEmbeddings(inputIds: [Int], tokenTypeIds: [Int]? = nil, attentionMask: [Int]?,
                                   batch: Int, sequence: Int, pooling: BERTPoolingMode = .mean,
                                   normalized: Bool = true) throws(BERTInputError) -> Tensor {
        let hidden = try self(inputIds: inputIds, tokenTypeIds: tokenTypeIds, attentionMask: attentionMask,
                              batch: batch, sequence: sequence)
        let pooled = BERTPooling.pool(hidden, mode: pooling, attentionMask: attentionMask)
        return normalized ? BERTPooling.l2Normalized(pooled) : pooled
    }
}
