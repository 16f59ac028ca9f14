import ThawNN
import ThawTensor

/// The classifier as a zoo `Backbone`, so training, probes and diagnostics treat it like the
/// image backbones: features are the pooled hidden states, the head is `classifier`.
extension BERTClassifier: Backbone {
    /// The head is the classifier and the dropout in front of it (both act on pooled features).
    public var headPrefixes: [String] { [Self.headPrefix, "dropout"] }
    public var featureDimension: Int { encoder.config.hiddenSize }
    public var architecture: ArchitectureSpec? { ArchitectureSpec(kind: .bert, bert: encoder.config) }

    public func features(_ batch: BackboneBatch) throws -> Tensor {
        let t = try tokens(batch)
        return try features(inputIds: t.ids, tokenTypeIds: t.tokenTypeIds, attentionMask: t.attentionMask,
                            batch: t.batch, sequence: t.sequence)
    }

    public func logits(_ batch: BackboneBatch) throws -> Tensor {
        let t = try tokens(batch)
        return try self(inputIds: t.ids, tokenTypeIds: t.tokenTypeIds, attentionMask: t.attentionMask,
                        batch: t.batch, sequence: t.sequence)
    }

    public func classify(features: Tensor) -> Tensor {
        classifier(dropout(features))
    }

    public func replaceHead(classes: Int, generator: inout SeededGenerator) {
        precondition(classes > 0, "a classifier needs at least one class, got \(classes)")
        classifier = bertLinear(featureDimension, classes, &generator)
    }

    private func tokens(_ batch: BackboneBatch) throws -> TokenBatch {
        guard case .tokens(let t) = batch else { throw BackboneInputError("BERT reads tokenised text, not images or feature rows") }
        return t
    }
}
