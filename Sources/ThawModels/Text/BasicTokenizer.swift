import Foundation

/// BERT's pre-tokenization for uncased models: text → lower-cased, accent-free words and
/// single punctuation marks, ready for WordPiece.
///
/// The order of Hugging Face's slow `BertTokenizer` (transformers 4.x) is kept where it
/// matters: lower-case one character at a time (its `tokenize` does this before anything else,
/// so a word-final "Σ" becomes "σ", never "ς"), delete control characters, map whitespace to
/// spaces, isolate CJK ideographs, then per word decompose (NFD), drop nonspacing marks and
/// split off punctuation. Its NFC step between is omitted: NFD(NFC(x)) = NFD(x), and nothing in
/// between looks at composed characters.
struct BasicTokenizer: Sendable {
    /// Calls `body` with each word of `text` (a run of text between special tokens), in order.
    /// Words are never empty; the slice is only valid during the call.
    func forEachWord(in text: ArraySlice<UInt32>, _ body: (ArraySlice<UInt32>) -> Void) {
        var (cleaned, isASCII) = clean(text)
        if !isASCII { cleaned = Self.canonicalDecomposition(cleaned) }
        var word: [UInt32] = []
        word.reserveCapacity(32)
        for value in cleaned {
            if value < 0x80 ? value == 0x20 : CharacterClass.isWordSeparator(value) {
                if !word.isEmpty { body(word[...]); word.removeAll(keepingCapacity: true) }
            } else if CharacterClass.isPunctuation(value) {
                if !word.isEmpty { body(word[...]); word.removeAll(keepingCapacity: true) }
                word.append(value)
                body(word[...])
                word.removeAll(keepingCapacity: true)
            } else if value < 0x80 || !CharacterClass.isNonspacingMark(value) {
                word.append(value)
            }
        }
        if !word.isEmpty { body(word[...]) }
    }

    /// Lower-cases, deletes NUL, U+FFFD and control characters, turns whitespace into spaces
    /// and surrounds CJK ideographs with spaces, in one pass. Also says whether the result is
    /// pure ASCII, which needs no normalization.
    func clean(_ text: ArraySlice<UInt32>) -> (scalars: [UInt32], isASCII: Bool) {
        var output: [UInt32] = []
        output.reserveCapacity(text.count + 8)
        var isASCII = true
        for value in text {
            if value < 0x80 {
                if value >= 0x41 && value <= 0x5A {
                    output.append(value | 0x20)
                } else if CharacterClass.isWhitespace(value) {
                    output.append(0x20)
                } else if !CharacterClass.isControl(value) {
                    output.append(value)
                }
                continue
            }
            let scalar = Unicode.Scalar(value)!
            if scalar.properties.changesWhenLowercased {
                // The full mapping: "İ" lower-cases to "i" plus a combining dot, as in Python.
                for lowered in scalar.properties.lowercaseMapping.unicodeScalars {
                    append(lowered.value, to: &output, isASCII: &isASCII)
                }
            } else {
                append(value, to: &output, isASCII: &isASCII)
            }
        }
        return (output, isASCII)
    }

    @inline(__always)
    private func append(_ value: UInt32, to output: inout [UInt32], isASCII: inout Bool) {
        if value == 0xFFFD || CharacterClass.isControl(value) { return }
        if CharacterClass.isWhitespace(value) {
            output.append(0x20)
        } else if CharacterClass.isCJK(value) {
            output.append(0x20)
            output.append(value)
            output.append(0x20)
            isASCII = false
        } else {
            output.append(value)
            if value >= 0x80 { isASCII = false }
        }
    }

    /// NFD through Foundation: the standard library has no public normalization API, and
    /// writing the tables by hand is not worth it for the non-ASCII minority of texts.
    static func canonicalDecomposition(_ scalars: [UInt32]) -> [UInt32] {
        var string = ""
        string.unicodeScalars.append(contentsOf: scalars.lazy.map { Unicode.Scalar($0)! })
        return string.decomposedStringWithCanonicalMapping.unicodeScalars.map(\.value)
    }
}
