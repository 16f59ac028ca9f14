import ThawNN
import ThawTensor

/// Sequence classification: BERT encoder → pooled features → dropout → `classifier` Linear.
///
/// Its state dict is Hugging Face `BertForSequenceClassification`'s with the `bert.` prefix
/// dropped (the encoder's keys sit at the top level, beside `classifier.*`), so a plain
/// `BertModel` checkpoint loads with only the head re-initialised, and a fine-tuned
/// `bert.`-prefixed one loads through the usual key map. It has no pooler: the features are
/// mean- or CLS-pooled hidden states, and a checkpoint's `pooler.*` is reported as dropped.
public final class BERTClassifier: Module {
    /// The module path of the task head, for `LoadOptions.headPrefixes` and for freezing
    /// everything but the head.
    public static let headPrefix = "classifier"

    public let encoder: BERTEncoder
    public let pooling: BERTPoolingMode
    public let dropout: Dropout
    /// Replaced, not resized, when the task changes (`replaceHead`).
    public internal(set) var classifier: Linear
    public var isTraining = true

    /// - Parameter classifierDropout: HF's `classifier_dropout`; nil uses `hidden_dropout_prob`.
    public init(config: BERTConfig, classes: Int, pooling: BERTPoolingMode = .mean, classifierDropout: Float? = nil,
                seed: UInt64 = 0) throws(BERTConfigError) {
        precondition(classes > 0, "a classifier needs at least one class, got \(classes)")
        let p = classifierDropout ?? config.hiddenDropout
        guard p >= 0 && p < 1 else {
            throw .invalidValue(file: "classifier", key: "classifier_dropout", value: "\(p)", reason: "must lie in [0, 1)")
        }
        encoder = try BERTEncoder(config: config, pooler: false, seed: seed)
        // Derived seeds keep the head independent of how many numbers the encoder drew.
        var generator = SeededGenerator(seed: seed ^ 0x5EED_C1A5_51F1_E500)
        dropout = Dropout(probability: p, seed: generator.next())
        classifier = bertLinear(config.hiddenSize, classes, &generator)
        self.pooling = pooling
    }

    public var classes: Int { classifier.outputs }

    public func visit<V: ModuleVisitor>(_ v: inout V) {
        encoder.visit(&v)
        v.module("dropout", dropout)
        v.module("classifier", classifier)
    }

    /// Pooled sentence features `(B, H)` before dropout: what probes and transferability
    /// scores read.
    public func features(inputIds: [Int], tokenTypeIds: [Int]? = nil, attentionMask: [Int]? = nil,
                         batch: Int, sequence: Int) throws(BERTInputError) -> Tensor {
        let hidden = try encoder(inputIds: inputIds, tokenTypeIds: tokenTypeIds, attentionMask: attentionMask,
                                 batch: batch, sequence: sequence)
        return BERTPooling.pool(hidden, mode: pooling, attentionMask: attentionMask)
    }

    /// Logits `(B, classes)`.
    public func callAsFunction(inputIds: [Int], tokenTypeIds: [Int]? = nil, attentionMask: [Int]? = nil,
                               batch: Int, sequence: Int) throws(BERTInputError) -> Tensor {
        let pooled = try features(inputIds: inputIds, tokenTypeIds: tokenTypeIds, attentionMask: attentionMask,
                                  batch: batch, sequence: sequence)
        return classifier(dropout(pooled))
    }

    public var summary: String { "BERTClassifier(classes: \(classes), pooling: \(pooling.rawValue))" }
}
