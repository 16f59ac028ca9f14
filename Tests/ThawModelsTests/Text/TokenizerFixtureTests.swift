import Foundation
import Testing
@testable import ThawModels

/// The recorded Hugging Face results (see `Tests/Fixtures/tokenizer/record_tokenizer_fixtures.py`).
struct TokenizerFixture: Decodable {
    struct Encoded: Decodable {
        let input_ids: [Int]
        let attention_mask: [Int]
        let token_type_ids: [Int]
    }
    struct Case: Decodable {
        let text: String
        let tokens: [String]
        let ids: [Int]
        let encoding: Encoded
        let decoded: String
    }
    struct Pair: Decodable {
        let a: String
        let b: String
        let encoding: Encoded
    }

    let max_length: Int
    let cases: [Case]
    let pairs: [Pair]

    /// Read from the source tree, so the tests need no resource bundle and no `../shared`.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/tokenizer")

    static func load() throws -> TokenizerFixture {
        let data = try Data(contentsOf: directory.appendingPathComponent("tokenizer_fixture.json"))
        return try JSONDecoder().decode(TokenizerFixture.self, from: data)
    }

    static func tokenizer() throws -> WordPieceTokenizer {
        try WordPieceTokenizer(vocabularyFile: directory.appendingPathComponent("vocab-subset.txt"))
    }
}

extension TokenizerFixture {
    /// Code point by code point: `String ==` would accept a canonically equivalent but
    /// different token, which is a different vocabulary entry.
    static func sameScalars(_ a: [String], _ b: [String]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { Array($0.unicodeScalars) == Array($1.unicodeScalars) }
    }

    /// A hand-made vocabulary small enough to reason about each rule.
    static func tinyTokenizer() throws -> WordPieceTokenizer {
        let special = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
        let words = ["un", "##aff", "##able", "una", "##ffa", "##ble", "cafe", "naive", "resume", "angstrom",
                     "ecole", "hello", "world", "!", "?", ".", ",", "'", "-", "$", "^", "“", "”", "¿", "¡", "—",
                     "…", "中", "文", "a", "##a", "##aa", "x", "##b", "ab", "abc", "##c", "##bc", "[", "]",
                     "mask", "ο", "##δ", "##ο", "##σ", "σ", "##ς", "e", "b", "c"]
        return WordPieceTokenizer(vocabulary: try WordPieceVocabulary(tokens: special + words))
    }
}

@Suite("WordPiece tokenizer matches Hugging Face")
struct TokenizerFixtureTests {
    let fixture: TokenizerFixture
    let tokenizer: WordPieceTokenizer

    init() throws {
        fixture = try TokenizerFixture.load()
        tokenizer = try TokenizerFixture.tokenizer()
    }

    @Test func fixtureCoversTheRequiredStrings() {
        #expect(fixture.cases.count >= 55)
        #expect(fixture.pairs.count >= 2)
        #expect(fixture.cases.contains { $0.text.isEmpty })
    }

    @Test func tokensMatch() {
        for item in fixture.cases {
            let tokens = tokenizer.tokenize(item.text)
            #expect(TokenizerFixture.sameScalars(tokens, item.tokens), "\(item.text.debugDescription): \(tokens) vs \(item.tokens)")
            #expect(tokenizer.pieceIDs(item.text) == item.ids, "\(item.text.debugDescription)")
        }
    }

    @Test func encodingsMatch() {
        for item in fixture.cases {
            let encoding = tokenizer.encode(item.text, maxLength: fixture.max_length)
            #expect(encoding.inputIds == item.encoding.input_ids, "\(item.text.debugDescription)")
            #expect(encoding.attentionMask == item.encoding.attention_mask, "\(item.text.debugDescription)")
            #expect(encoding.tokenTypeIds == item.encoding.token_type_ids, "\(item.text.debugDescription)")
        }
    }

    @Test func pairEncodingsMatch() {
        for pair in fixture.pairs {
            let encoding = tokenizer.encode(pair.a, pair.b, maxLength: fixture.max_length)
            let label = "\(pair.a.debugDescription) + \(pair.b.debugDescription)"
            #expect(encoding.inputIds == pair.encoding.input_ids, "\(label)")
            #expect(encoding.attentionMask == pair.encoding.attention_mask, "\(label)")
            #expect(encoding.tokenTypeIds == pair.encoding.token_type_ids, "\(label)")
        }
    }

    @Test func decodingMatches() {
        for item in fixture.cases {
            let ids = [tokenizer.vocabulary.specials.classifier] + item.ids + [tokenizer.vocabulary.specials.separator]
            let decoded = tokenizer.decode(ids)
            #expect(Array(decoded.unicodeScalars) == Array(item.decoded.unicodeScalars),
                    "\(item.text.debugDescription): \(decoded.debugDescription) vs \(item.decoded.debugDescription)")
        }
    }
}
