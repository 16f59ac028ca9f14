/// The character classes of BERT's basic tokenizer, on scalar values.
///
/// They follow Hugging Face's Python helpers (`_is_control`, `_is_whitespace`,
/// `_is_punctuation`, `_is_chinese_char`) rather than Swift's `Character` properties, because a
/// single differing class changes the token ids a pretrained model sees. ASCII is answered
/// without touching the Unicode tables: it is almost all of the text in practice.
enum CharacterClass {
    /// The Unicode version of the reference: Python 3.11's `unicodedata`. Code points assigned
    /// later are "unassigned" (category Cn) there, so its tokenizer deletes them as control
    /// characters; Swift's newer tables would otherwise keep them and produce `[UNK]`.
    static let referenceUnicodeVersion = (major: 14, minor: 0)

    /// Deleted by text cleaning: every category C* (control, format such as the zero-width
    /// joiner, private use, unassigned), except tab, newline and carriage return, which are
    /// whitespace.
    @inline(__always)
    static func isControl(_ value: UInt32) -> Bool {
        if value < 0x80 { return (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D) || value == 0x7F }
        let properties = Unicode.Scalar(value)!.properties
        guard let age = properties.age,
              (age.major, age.minor) <= referenceUnicodeVersion else { return true }
        switch properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned: return true
        default: return false
        }
    }

    /// Turned into a plain space by text cleaning: space, tab, newline, carriage return and
    /// category Zs (no-break space, ideographic space, …). Line and paragraph separators are
    /// not here; they separate words later, as Python's `str.split()` does.
    @inline(__always)
    static func isWhitespace(_ value: UInt32) -> Bool {
        if value < 0x80 { return value == 0x20 || value == 0x09 || value == 0x0A || value == 0x0D }
        return Unicode.Scalar(value)!.properties.generalCategory == .spaceSeparator
    }

    /// What Python's `str.split()` splits on: its `isspace()` set, listed because no Swift
    /// property matches it exactly.
    @inline(__always)
    static func isWordSeparator(_ value: UInt32) -> Bool {
        switch value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// Split off as one-character tokens: all non-alphanumeric printable ASCII (BERT counts
    /// `$`, `+`, `^`, `` ` `` and the like, which Unicode files under symbols) plus category P*.
    @inline(__always)
    static func isPunctuation(_ value: UInt32) -> Bool {
        if value < 0x80 {
            return (33...47).contains(value) || (58...64).contains(value)
                || (91...96).contains(value) || (123...126).contains(value)
        }
        switch Unicode.Scalar(value)!.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// Accents removed after canonical decomposition: category Mn only, so spacing marks (Mc,
    /// e.g. in Devanagari) stay, as they do in BERT.
    @inline(__always)
    static func isNonspacingMark(_ value: UInt32) -> Bool {
        value >= 0x300 && Unicode.Scalar(value)!.properties.generalCategory == .nonspacingMark
    }

    /// BERT's "Chinese character" ranges, each of which becomes its own word. Only the CJK
    /// Unified Ideographs blocks and compatibility ideographs: Hangul, kana and CJK punctuation
    /// are not included and are handled like any other script.
    @inline(__always)
    static func isCJK(_ value: UInt32) -> Bool {
        switch value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F,
             0x2B740...0x2B81F, 0x2B820...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }
}
