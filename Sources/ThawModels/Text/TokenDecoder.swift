/// Ids back to text the way Hugging Face's slow `decode(ids, skip_special_tokens=True)` does
/// for BERT, with `clean_up_tokenization_spaces` on (its default for `BertTokenizer`).
///
/// Works on scalars, not `String`: Swift's string search matches whole characters, so
/// " ##" followed by a combining mark would not be found, while Python's code-point search finds
/// it.
enum TokenDecoder {
    /// Python's `replace` chain from `clean_up_tokenization`, in its order.
    private static let cleanUps: [(String, String)] = [
        (" .", "."), (" ?", "?"), (" !", "!"), (" ,", ","), (" ' ", "'"), (" n't", "n't"),
        (" 'm", "'m"), (" 's", "'s"), (" 've", "'ve"), (" 're", "'re"),
    ]

    static func decode(_ ids: [Int], vocabulary: WordPieceVocabulary) -> String {
        var text: [UInt32] = []
        var isFirst = true
        for id in ids where vocabulary.tokens.indices.contains(id) && !vocabulary.specials.contains(id) {
            if !isFirst { text.append(0x20) }
            isFirst = false
            text.append(contentsOf: vocabulary.tokens[id].unicodeScalars.lazy.map(\.value))
        }
        text = replacing(" ##", with: "", in: text)
        text = strippingWhitespace(text)
        for (pattern, replacement) in cleanUps {
            text = replacing(pattern, with: replacement, in: text)
        }
        var result = ""
        result.unicodeScalars.append(contentsOf: text.lazy.map { Unicode.Scalar($0)! })
        return result
    }

    /// Python's `str.replace`: left to right, non-overlapping, on code points.
    static func replacing(_ pattern: String, with replacement: String, in text: [UInt32]) -> [UInt32] {
        let pattern = pattern.unicodeScalars.map(\.value)
        let replacement = replacement.unicodeScalars.map(\.value)
        var output: [UInt32] = []
        output.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            if index + pattern.count <= text.count, text[index..<index + pattern.count].elementsEqual(pattern) {
                output.append(contentsOf: replacement)
                index += pattern.count
            } else {
                output.append(text[index])
                index += 1
            }
        }
        return output
    }

    /// Python's `str.strip()`.
    private static func strippingWhitespace(_ text: [UInt32]) -> [UInt32] {
        guard let first = text.firstIndex(where: { !CharacterClass.isWordSeparator($0) }),
              let last = text.lastIndex(where: { !CharacterClass.isWordSeparator($0) }) else { return [] }
        return Array(text[first...last])
    }
}
