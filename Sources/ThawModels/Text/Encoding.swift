/// Model input for one sequence or a pair, laid out as BERT expects:
/// `[CLS] a [SEP]` or `[CLS] a [SEP] b [SEP]`, then `[PAD]` up to the requested length.
public struct Encoding: Sendable, Equatable {
    public var inputIds: [Int]
    /// 1 for real tokens (special ones included), 0 for padding.
    public var attentionMask: [Int]
    /// 0 for `[CLS]`, the first sequence and its `[SEP]`; 1 for the second sequence and its
    /// `[SEP]`; 0 for padding.
    public var tokenTypeIds: [Int]
}

extension Encoding {
    /// Keeps the first `maxLength − 2` pieces. Unlike Hugging Face, which gives up truncating
    /// (with a logged error) when not even one piece would remain, this always honours
    /// `maxLength`: a fixed-size batch must not grow.
    init(single ids: [Int], specials: SpecialTokens, maxLength: Int, padding: Bool) {
        precondition(maxLength >= 2, "maxLength \(maxLength) cannot hold [CLS] and [SEP]")
        let kept = ids.prefix(maxLength - 2)
        var inputIds = [specials.classifier]
        inputIds.reserveCapacity(padding ? maxLength : kept.count + 2)
        inputIds.append(contentsOf: kept)
        inputIds.append(specials.separator)
        self.init(unpadded: inputIds, firstCount: inputIds.count, specials: specials,
                  maxLength: maxLength, padding: padding)
    }

    /// Truncates "longest first" as Hugging Face's Python tokenizer does.
    init(pair a: [Int], _ b: [Int], specials: SpecialTokens, maxLength: Int, padding: Bool) {
        precondition(maxLength >= 3, "maxLength \(maxLength) cannot hold [CLS], [SEP] and [SEP]")
        let excess = max(0, a.count + b.count + 3 - maxLength)
        let (dropA, dropB) = Self.longestFirst(a.count, b.count, remove: excess)
        var inputIds = [specials.classifier]
        inputIds.append(contentsOf: a.dropLast(dropA))
        inputIds.append(specials.separator)
        let firstCount = inputIds.count
        inputIds.append(contentsOf: b.dropLast(dropB))
        inputIds.append(specials.separator)
        self.init(unpadded: inputIds, firstCount: firstCount, specials: specials,
                  maxLength: maxLength, padding: padding)
    }

    /// How many pieces to drop from the end of each sequence: first the longer one down to the
    /// other's length, then both alternately, the second losing the odd one. This is the
    /// arithmetic of transformers 4.x `truncate_sequences`; the Rust tokenizer breaks the tie the
    /// other way, so for equal lengths and an odd excess the two disagree by one piece.
    static func longestFirst(_ countA: Int, _ countB: Int, remove: Int) -> (Int, Int) {
        let first = min(abs(countA - countB), remove)
        let rest = remove - first
        if countA > countB { return (first + rest / 2, rest - rest / 2) }
        return (rest / 2, first + rest - rest / 2)
    }

    private init(unpadded ids: [Int], firstCount: Int, specials: SpecialTokens, maxLength: Int, padding: Bool) {
        let length = padding ? max(maxLength, ids.count) : ids.count
        var inputIds = ids
        inputIds.append(contentsOf: repeatElement(specials.pad, count: length - ids.count))
        var mask = [Int](repeating: 1, count: ids.count)
        mask.append(contentsOf: repeatElement(0, count: length - ids.count))
        var types = [Int](repeating: 0, count: length)
        for index in firstCount..<ids.count { types[index] = 1 }
        self.init(inputIds: inputIds, attentionMask: mask, tokenTypeIds: types)
    }
}
