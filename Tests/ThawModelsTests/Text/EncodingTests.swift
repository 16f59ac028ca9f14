import Foundation
import Testing
@testable import ThawModels

@Suite("Encoding and decoding")
struct EncodingTests {
    let tokenizer: WordPieceTokenizer
    init() throws { tokenizer = try TokenizerFixture.tinyTokenizer() }

    private func ids(_ tokens: String) -> [Int] {
        tokens.split(separator: " ").map { tokenizer.vocabulary.id(for: String($0))! }
    }

    @Test func singleSequenceIsWrappedAndPadded() {
        let encoding = tokenizer.encode("hello world", maxLength: 6)
        #expect(encoding.inputIds == ids("[CLS] hello world [SEP] [PAD] [PAD]"))
        #expect(encoding.attentionMask == [1, 1, 1, 1, 0, 0])
        #expect(encoding.tokenTypeIds == [0, 0, 0, 0, 0, 0])
        #expect(tokenizer.encode("hello world", maxLength: 6, padding: false).inputIds == ids("[CLS] hello world [SEP]"))
        #expect(tokenizer.encode("", maxLength: 3).inputIds == ids("[CLS] [SEP] [PAD]"))
    }

    @Test func truncationKeepsTheFirstPieces() {
        let encoding = tokenizer.encode("hello world hello world", maxLength: 4)
        #expect(encoding.inputIds == ids("[CLS] hello world [SEP]"))
        #expect(encoding.attentionMask == [1, 1, 1, 1])
        // Pieces, not words, are counted: the cut can fall inside a word.
        #expect(tokenizer.encode("unaffable", maxLength: 4).inputIds == ids("[CLS] una ##ffa [SEP]"))
        #expect(tokenizer.encode("hello world", maxLength: 2).inputIds == ids("[CLS] [SEP]"))
    }

    @Test func pairHasTokenTypesAndSeparators() {
        let encoding = tokenizer.encode("hello", "world !", maxLength: 8)
        #expect(encoding.inputIds == ids("[CLS] hello [SEP] world ! [SEP] [PAD] [PAD]"))
        #expect(encoding.tokenTypeIds == [0, 0, 0, 1, 1, 1, 0, 0])
        #expect(encoding.attentionMask == [1, 1, 1, 1, 1, 1, 0, 0])
    }

    @Test func pairTruncationIsLongestFirst() {
        // 5 + 1 pieces into 6 − 3 = 3 slots: only the longer first sequence loses pieces.
        let long = tokenizer.encode("a b c e x", "hello", maxLength: 6)
        #expect(long.inputIds == ids("[CLS] a b [SEP] hello [SEP]"))
        #expect(long.tokenTypeIds == [0, 0, 0, 0, 1, 1])
        // Equal lengths and an odd excess: the second sequence loses the extra piece.
        let tie = tokenizer.encode("a b c", "x e hello", maxLength: 6)
        #expect(tie.inputIds == ids("[CLS] a b [SEP] x [SEP]"))
        #expect(Encoding.longestFirst(3, 3, remove: 3) == (1, 2))
        // The longer one is cut to the other's length first, then both alternate.
        #expect(Encoding.longestFirst(7, 2, remove: 5) == (5, 0))
        #expect(Encoding.longestFirst(7, 2, remove: 6) == (5, 1))
        #expect(Encoding.longestFirst(7, 2, remove: 8) == (6, 2))
        #expect(Encoding.longestFirst(2, 7, remove: 8) == (1, 7))
    }

    @Test func decodeJoinsPiecesAndDropsSpecialTokens() {
        #expect(tokenizer.decode(ids("[CLS] una ##ffa ##ble hello [SEP] [PAD]")) == "unaffable hello")
        #expect(tokenizer.decode(ids("hello , world ! [MASK] [UNK]")) == "hello, world!")
        // Hugging Face's clean-up also turns " ' " into "'" (meant for "don ' t").
        #expect(tokenizer.decode(ids("x ' b")) == "x'b")
        #expect(tokenizer.decode([-1, 10_000] + ids("hello")) == "hello")
        #expect(tokenizer.decode([]) == "")
    }
}
