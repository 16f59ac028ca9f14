import Foundation
import Testing
@testable import ThawModels

@Suite("Basic tokenization rules")
struct BasicTokenizationTests {
    let tokenizer: WordPieceTokenizer
    init() throws { tokenizer = try TokenizerFixture.tinyTokenizer() }

    @Test func lowerCasesAndStripsAccents() {
        #expect(tokenizer.tokenize("Café NAÏVE résumé Ångström ÉCOLE") == ["cafe", "naive", "resume", "angstrom", "ecole"])
        // Decomposed input and a lone combining mark: the mark is dropped, not kept as a word.
        #expect(tokenizer.tokenize("Cafe\u{301} \u{301}") == ["cafe"])
    }

    @Test func lowerCasesCharacterByCharacter() {
        // Hugging Face 4.x lower-cases before splitting words, one character at a time, so a
        // final capital sigma becomes "σ", not the word-final "ς".
        #expect(tokenizer.tokenize("ΟΔΟΣ") == ["ο", "##δ", "##ο", "##σ"])
    }

    @Test func splitsCJKIdeographsButNotHangulOrKana() {
        #expect(tokenizer.tokenize("hello中文world") == ["hello", "中", "文", "world"])
        #expect(CharacterClass.isCJK(0x4E2D) && CharacterClass.isCJK(0x20000) && CharacterClass.isCJK(0xF900))
        #expect(!CharacterClass.isCJK(0xD55C) && !CharacterClass.isCJK(0x3042) && !CharacterClass.isCJK(0x3002))
    }

    @Test func splitsPunctuationIntoSingleCharacters() {
        #expect(tokenizer.tokenize("hello!?.world") == ["hello", "!", "?", ".", "world"])
        #expect(tokenizer.tokenize("“hello”—world…") == ["“", "hello", "”", "—", "world", "…"])
        #expect(tokenizer.tokenize("¿hello? ¡world!") == ["¿", "hello", "?", "¡", "world", "!"])
        // ASCII symbols count as punctuation for BERT although Unicode calls them symbols.
        #expect(tokenizer.tokenize("$hello^") == ["$", "hello", "^"])
        #expect(!CharacterClass.isPunctuation(0x20AC) && CharacterClass.isPunctuation(0x24))
    }

    @Test func cleansControlAndWhitespaceCharacters() {
        #expect(tokenizer.tokenize("hel\u{0}lo\u{7}\tworld\r\nhello\u{FFFD}") == ["hello", "world", "hello"])
        #expect(tokenizer.tokenize("a\u{200D}b c\u{AD}") == ["ab", "c"])  // ZWJ and soft hyphen are Cf
        #expect(tokenizer.tokenize("hello\u{A0}world\u{3000}hello\u{2028}world") == ["hello", "world", "hello", "world"])
        #expect(tokenizer.tokenize("") == [] && tokenizer.tokenize(" \t\n ") == [])
    }

    @Test func dropsCodePointsNewerThanTheReferenceUnicode() {
        // U+1FAE8 (Unicode 15) is unassigned for Python 3.11, so deleted like a control character.
        #expect(tokenizer.tokenize("hello \u{1FAE8} world") == ["hello", "world"])
        #expect(tokenizer.tokenize("hello \u{1F600}") == ["hello", "[UNK]"])
    }

    @Test func keepsSpecialTokensWrittenInTheText() {
        #expect(tokenizer.tokenize("[CLS] hello [SEP]") == ["[CLS]", "hello", "[SEP]"])
        #expect(tokenizer.tokenize("hello[MASK]world[PAD]") == ["hello", "[MASK]", "world", "[PAD]"])
        // Only the exact, upper-case spelling is special.
        #expect(tokenizer.tokenize("[mask]") == ["[", "mask", "]"])
        #expect(tokenizer.encode("[MASK]", maxLength: 3, padding: false).inputIds == [2, 4, 3])
    }
}

@Suite("WordPiece")
struct WordPieceTests {
    @Test func greedyLongestMatchFirst() throws {
        let tokenizer = try TokenizerFixture.tinyTokenizer()
        // "una" is longer than "un", so greedy takes it even though un ##aff ##able also exists.
        #expect(tokenizer.tokenize("unaffable") == ["una", "##ffa", "##ble"])
        #expect(tokenizer.tokenize("abc") == ["abc"])
        #expect(tokenizer.tokenize("abcbc") == ["abc", "##bc"])
        #expect(tokenizer.tokenize("xbc") == ["x", "##bc"])
    }

    @Test func wordWithoutFullMatchIsOneUnknown() throws {
        let tokenizer = try TokenizerFixture.tinyTokenizer()
        // "ab" then nothing matches "##z": the whole word, not just its tail, is [UNK].
        #expect(tokenizer.tokenize("abz hello") == ["[UNK]", "hello"])
        #expect(tokenizer.tokenize("zzz") == ["[UNK]"])
    }

    @Test func continuationNeedsHashHashEntries() throws {
        let vocabulary = try WordPieceVocabulary(tokens: ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "ab", "a"])
        let tokenizer = WordPieceTokenizer(vocabulary: vocabulary)
        #expect(tokenizer.tokenize("ab a aab") == ["ab", "a", "[UNK]"])
        // Without a [MASK] entry the spelled-out token is still kept whole, as the unknown token.
        #expect(tokenizer.tokenize("a[MASK]") == ["a", "[UNK]"])
    }

    @Test func wordsLongerThan100CharactersAreUnknown() throws {
        let tokenizer = try TokenizerFixture.tinyTokenizer()
        let hundred = tokenizer.tokenize(String(repeating: "a", count: 100))
        #expect(hundred.first == "a" && hundred.count == 51 && !hundred.contains("[UNK]"))
        #expect(tokenizer.tokenize(String(repeating: "a", count: 101)) == ["[UNK]"])
        // Counted after accent stripping: 100 letters with 100 combining accents still fit.
        #expect(tokenizer.tokenize(String(repeating: "a\u{301}", count: 100)).count == 51)
    }
}
