/// Why a batch of token ids cannot go through a BERT encoder.
///
/// The tensor ops stop the process on a bad index (`precondition`); tokenised text comes from
/// users and from vocabularies that may not match the checkpoint, so the model checks first
/// and throws with the offending value instead.
public enum BERTInputError: Error, Equatable, Sendable, CustomStringConvertible {
    case emptyBatch(batch: Int, sequence: Int)
    case countMismatch(name: String, count: Int, expected: Int)
    case sequenceTooLong(length: Int, maximum: Int)
    case tokenIdOutOfRange(id: Int, batchIndex: Int, position: Int, vocabularySize: Int)
    case tokenTypeOutOfRange(type: Int, batchIndex: Int, position: Int, tokenTypes: Int)
    case invalidMaskValue(value: Int, batchIndex: Int, position: Int)

    public var description: String {
        switch self {
        case let .emptyBatch(batch, sequence):
            "batch \(batch) × sequence \(sequence) is empty: both must be at least 1"
        case let .countMismatch(name, count, expected):
            "\(name) has \(count) values but batch × sequence is \(expected)"
        case let .sequenceTooLong(length, maximum):
            "sequence length \(length) exceeds max_position_embeddings \(maximum); truncate to \(maximum) tokens"
        case let .tokenIdOutOfRange(id, b, s, vocabulary):
            "token id \(id) at [\(b), \(s)] is outside the vocabulary 0..<\(vocabulary) (tokenizer and checkpoint disagree?)"
        case let .tokenTypeOutOfRange(type, b, s, types):
            "token type \(type) at [\(b), \(s)] is outside 0..<\(types) (type_vocab_size)"
        case let .invalidMaskValue(value, b, s):
            "attention mask value \(value) at [\(b), \(s)] must be 0 (padding) or 1 (token)"
        }
    }
}

/// A checked batch: every id indexes its table, ready for the ops.
struct BERTInput {
    let inputIds: [Int]
    let tokenTypeIds: [Int]?
    /// Key-padding flags for attention, nil when no token is padding (the kernel then skips
    /// the mask entirely).
    let keyMask: [Bool]?
    let batch: Int
    let sequence: Int

    init(inputIds: [Int], tokenTypeIds: [Int]?, attentionMask: [Int]?, batch: Int, sequence: Int,
         config: BERTConfig) throws(BERTInputError) {
        guard batch > 0, sequence > 0 else { throw .emptyBatch(batch: batch, sequence: sequence) }
        let n = batch * sequence
        guard sequence <= config.maxPositions else { throw .sequenceTooLong(length: sequence, maximum: config.maxPositions) }
        guard inputIds.count == n else { throw .countMismatch(name: "inputIds", count: inputIds.count, expected: n) }
        if let tokenTypeIds, tokenTypeIds.count != n {
            throw .countMismatch(name: "tokenTypeIds", count: tokenTypeIds.count, expected: n)
        }
        if let attentionMask, attentionMask.count != n {
            throw .countMismatch(name: "attentionMask", count: attentionMask.count, expected: n)
        }
        for (i, id) in inputIds.enumerated() where id < 0 || id >= config.vocabularySize {
            throw .tokenIdOutOfRange(id: id, batchIndex: i / sequence, position: i % sequence, vocabularySize: config.vocabularySize)
        }
        for (i, type) in (tokenTypeIds ?? []).enumerated() where type < 0 || type >= config.tokenTypes {
            throw .tokenTypeOutOfRange(type: type, batchIndex: i / sequence, position: i % sequence, tokenTypes: config.tokenTypes)
        }
        for (i, m) in (attentionMask ?? []).enumerated() where m != 0 && m != 1 {
            throw .invalidMaskValue(value: m, batchIndex: i / sequence, position: i % sequence)
        }
        self.inputIds = inputIds
        self.tokenTypeIds = tokenTypeIds
        self.batch = batch
        self.sequence = sequence
        if let attentionMask, attentionMask.contains(0) {
            keyMask = attentionMask.map { $0 != 0 }
        } else {
            keyMask = nil
        }
    }
}
