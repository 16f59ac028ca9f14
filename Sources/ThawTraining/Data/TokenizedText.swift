import ThawModels
import ThawTensor

/// Text datasets pre-tokenised into a `Dataset`, so text runs through the same shuffling,
/// resumable `BatchLoader` as images.
///
/// Each example is packed as two rows of `maxLength` values, token ids then attention mask;
/// ids are below 2²⁴ (BERT vocabularies hold ~30 k), so Float32 stores them exactly.
public enum TokenizedText {
    public static func dataset(_ text: TextDataset, tokenizer: WordPieceTokenizer, maxLength: Int) -> Dataset {
        var features = [Float]()
        features.reserveCapacity(text.count * 2 * maxLength)
        for sentence in text.texts {
            let encoding = tokenizer.encode(sentence, maxLength: maxLength, padding: true)
            features += encoding.inputIds.map(Float.init)
            features += encoding.attentionMask.map(Float.init)
        }
        return Dataset(source: text.source, featureShape: [2, maxLength], features: features, labels: text.labels,
                       classNames: text.classNames)
    }

    /// Unpacks a loader batch of shape `[B, 2, L]` into token ids and masks.
    public static func tokenBatch(_ packed: Tensor) -> TokenBatch {
        precondition(packed.rank == 3 && packed.shape[1] == 2, "packed token batch must be [B, 2, L], got \(packed.shape)")
        let (b, l) = (packed.shape[0], packed.shape[2])
        let values = packed.scalars
        var ids = [Int](), mask = [Int]()
        ids.reserveCapacity(b * l)
        mask.reserveCapacity(b * l)
        for row in 0..<b {
            ids += values[(row * 2 * l)..<(row * 2 * l + l)].map { Int($0) }
            mask += values[(row * 2 * l + l)..<((row + 1) * 2 * l)].map { Int($0) }
        }
        return TokenBatch(ids: ids, attentionMask: mask, batch: b, sequence: l)
    }
}
