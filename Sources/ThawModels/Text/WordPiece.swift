/// Greedy longest-match-first WordPiece, as in BERT: a word becomes its longest vocabulary
/// prefix, then repeatedly the longest `##`-continuation of what is left.
///
/// All or nothing per word: when some remainder has no continuation, the whole word is one
/// `[UNK]`, never a partial split, so the model sees exactly what it was trained on.
struct WordPiece: Sendable {
    /// BERT's `max_input_chars_per_word`, counted in code points after accent stripping;
    /// longer words are `[UNK]` without trying.
    static let maximumWordLength = 100

    let vocabulary: WordPieceVocabulary
    /// Where continuation pieces start in the trie: the node after "##". A vocabulary without
    /// any `##` entries cannot continue a word.
    private let continuationRoot: Int32?

    init(vocabulary: WordPieceVocabulary) {
        self.vocabulary = vocabulary
        continuationRoot = vocabulary.trie.node(after: [0x23, 0x23])
    }

    /// Appends the piece ids of one pre-tokenized word.
    func appendIDs(of word: ArraySlice<UInt32>, to ids: inout [Int]) {
        guard word.count <= Self.maximumWordLength else {
            ids.append(vocabulary.specials.unknown)
            return
        }
        let first = ids.count
        var start = word.startIndex
        while start < word.endIndex {
            let root = start == word.startIndex ? PieceTrie.root : continuationRoot
            guard let root, let match = vocabulary.trie.longestMatch(in: word, from: start, start: root) else {
                ids.removeSubrange(first...)
                ids.append(vocabulary.specials.unknown)
                return
            }
            ids.append(match.id)
            start = match.end
        }
    }
}
