/// Ids of the tokens BERT adds around and between sequences, and the recognition of those
/// tokens when the input text itself contains them.
struct SpecialTokens: Sendable {
    let pad: Int
    let unknown: Int
    let classifier: Int
    let separator: Int
    /// Optional: only masked-language-model training needs it.
    let mask: Int?
    /// The spellings kept whole when written in the text, with the id each stands for.
    /// `[MASK]` is among them even when the vocabulary lacks it (Hugging Face would still keep
    /// it whole); it then encodes as `[UNK]`.
    private let neverSplit: [(scalars: [UInt32], id: Int)]

    init(pad: Int, unknown: Int, classifier: Int, separator: Int, mask: Int?) {
        self.pad = pad
        self.unknown = unknown
        self.classifier = classifier
        self.separator = separator
        self.mask = mask
        neverSplit = [("[CLS]", classifier), ("[SEP]", separator), ("[PAD]", pad), ("[UNK]", unknown),
                      ("[MASK]", mask ?? unknown)].map { ($0.0.unicodeScalars.map(\.value), $0.1) }
    }

    /// What `decode` leaves out.
    func contains(_ id: Int) -> Bool {
        id == pad || id == unknown || id == classifier || id == separator || id == mask
    }

    /// The special token spelled exactly (case included) at `index`: its id and length.
    @inline(__always)
    func match(in scalars: [UInt32], at index: Int) -> (id: Int, length: Int)? {
        guard scalars[index] == 0x5B else { return nil }  // all start with "["
        for token in neverSplit where index + token.scalars.count <= scalars.count
            && scalars[index..<index + token.scalars.count].elementsEqual(token.scalars) {
            return (token.id, token.scalars.count)
        }
        return nil
    }
}
