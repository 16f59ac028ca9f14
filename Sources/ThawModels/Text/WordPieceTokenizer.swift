import Foundation

/// BERT's uncased WordPiece tokenizer, producing exactly the tokens and ids of Hugging Face's
/// Python `BertTokenizer(vocab, do_lower_case=True)` (transformers 4.x), so pretrained BERT
/// weights see the inputs they were trained on.
public struct WordPieceTokenizer: Sendable {
    public let vocabulary: WordPieceVocabulary
    private let basic = BasicTokenizer()
    private let wordPiece: WordPiece

    public init(vocabulary: WordPieceVocabulary) {
        self.vocabulary = vocabulary
        wordPiece = WordPiece(vocabulary: vocabulary)
    }

    public init(vocabularyFile: URL) throws(TokenizerError) {
        self.init(vocabulary: try WordPieceVocabulary(contentsOf: vocabularyFile))
    }

    /// The word pieces of `text`, without `[CLS]`/`[SEP]`.
    public func tokenize(_ text: String) -> [String] {
        let tokens = vocabulary.tokens
        return pieceIDs(text).map { tokens[$0] }
    }

    /// `[CLS] text [SEP]`, keeping the first `maxLength − 2` pieces, padded with `[PAD]` to
    /// `maxLength` when `padding` is set. `maxLength` must be at least 2.
    public func encode(_ text: String, maxLength: Int, padding: Bool = true) -> Encoding {
        Encoding(single: pieceIDs(text), specials: vocabulary.specials, maxLength: maxLength, padding: padding)
    }

    /// `[CLS] a [SEP] b [SEP]`, with token type 1 for `b [SEP]`, truncated longest-first to
    /// `maxLength` (at least 3).
    public func encode(_ a: String, _ b: String, maxLength: Int, padding: Bool = true) -> Encoding {
        Encoding(pair: pieceIDs(a), pieceIDs(b), specials: vocabulary.specials, maxLength: maxLength, padding: padding)
    }

    /// Readable text for ids, as Hugging Face's `decode(ids, skip_special_tokens=True)`:
    /// special tokens and unknown ids dropped, `##` pieces glued to the previous one, and the
    /// space before `.`, `,`, `?`, `!` and English contractions removed. Accents and case
    /// are not restored: they were lost at tokenization.
    public func decode(_ ids: [Int]) -> String {
        TokenDecoder.decode(ids, vocabulary: vocabulary)
    }

    /// Special tokens written in the text stay whole (matched case-sensitively, anywhere, even
    /// inside a word, as Hugging Face's added-token splitting does); the text between them goes
    /// through basic tokenization and WordPiece.
    func pieceIDs(_ text: String) -> [Int] {
        let scalars = text.unicodeScalars.map(\.value)
        let specials = vocabulary.specials
        var ids: [Int] = []
        ids.reserveCapacity(scalars.count / 3 + 4)
        var segmentStart = 0
        var index = 0
        while index < scalars.count {
            guard let (id, length) = specials.match(in: scalars, at: index) else {
                index += 1
                continue
            }
            appendIDs(of: scalars[segmentStart..<index], to: &ids)
            ids.append(id)
            index += length
            segmentStart = index
        }
        appendIDs(of: scalars[segmentStart...], to: &ids)
        return ids
    }

    private func appendIDs(of segment: ArraySlice<UInt32>, to ids: inout [Int]) {
        guard !segment.isEmpty else { return }
        basic.forEachWord(in: segment) { wordPiece.appendIDs(of: $0, to: &ids) }
    }
}
