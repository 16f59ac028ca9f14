import Foundation
import Testing
@testable import ThawModels

@Suite("Vocabulary loading")
struct VocabularyTests {
    private func load(_ bytes: [UInt8]) throws(TokenizerError) -> WordPieceVocabulary {
        try WordPieceVocabulary(data: Data(bytes), source: "vocab.txt")
    }

    private func load(_ text: String) throws(TokenizerError) -> WordPieceVocabulary {
        try load(Array(text.utf8))
    }

    private func problem(_ body: () throws(TokenizerError) -> WordPieceVocabulary) -> TokenizerError.Problem? {
        do { _ = try body(); return nil } catch { return error.problem }
    }

    @Test func idsAreLineNumbersWithAnyLineEnding() throws {
        for text in ["[PAD]\n[UNK]\n[CLS]\n[SEP]\nhello\n", "[PAD]\r\n[UNK]\r\n[CLS]\r\n[SEP]\r\nhello",
                     "[PAD]\r[UNK]\r[CLS]\r[SEP]\rhello\r"] {
            let vocabulary = try load(text)
            #expect(vocabulary.count == 5)
            #expect(vocabulary.id(for: "hello") == 4 && vocabulary.token(for: 4) == "hello")
            #expect(vocabulary.id(for: "[MASK]") == nil && vocabulary.specials.mask == nil)
        }
    }

    @Test func tokensAreComparedByCodePoint() throws {
        let vocabulary = try load("[PAD]\n[UNK]\n[CLS]\n[SEP]\n\u{E9}\ne\u{301}\n")
        #expect(vocabulary.id(for: "\u{E9}") == 4 && vocabulary.id(for: "e\u{301}") == 5)
    }

    @Test func duplicateTokenNamesBothLines() {
        let found = problem { () throws(TokenizerError) in try load("[PAD]\n[UNK]\nhello\n[CLS]\n[SEP]\nhello\n") }
        #expect(found == .duplicateToken("hello", firstLine: 3, secondLine: 6))
        let error = TokenizerError(file: "vocab.txt", problem: found!)
        #expect(error.description == "vocabulary vocab.txt has the token \"hello\" twice, on lines 3 and 6")
    }

    @Test func missingSpecialTokensAreListed() {
        let found = problem { () throws(TokenizerError) in try load("[PAD]\n[CLS]\nhello\n") }
        #expect(found == .missingSpecialTokens(["[UNK]", "[SEP]"]))
        #expect(TokenizerError(file: "v.txt", problem: found!).description
            == "vocabulary v.txt lacks the required special tokens [UNK] [SEP]")
    }

    @Test func invalidUTF8ReportsTheByteOffset() {
        var bytes = Array("[PAD]\n[UNK]\n[CLS]\n[SEP]\ncaf".utf8)
        bytes += [0xC3, 0x28, 0x0A]  // a lead byte without its continuation
        #expect(problem { () throws(TokenizerError) in try load(bytes) } == .notUTF8(byteOffset: 27))
        #expect(problem { () throws(TokenizerError) in try load([0x61, 0xED, 0xA0, 0x80]) } == .notUTF8(byteOffset: 1))
        #expect(problem { () throws(TokenizerError) in try load([0xC0, 0xAF]) } == .notUTF8(byteOffset: 0))
        #expect(TokenizerError(file: "v.txt", problem: .notUTF8(byteOffset: 27)).description
            == "vocabulary v.txt is not valid UTF-8 (bad byte sequence at byte offset 27)")
    }

    @Test func emptyAndUnreadableFiles() throws {
        #expect(problem { () throws(TokenizerError) in try load("") } == .empty)
        let missing = URL(fileURLWithPath: "/nonexistent/vocab.txt")
        do {
            _ = try WordPieceVocabulary(contentsOf: missing)
            Issue.record("a missing file was accepted")
        } catch {
            guard case .unreadable = error.problem else { Issue.record("\(error)"); return }
            #expect(error.description == "vocabulary /nonexistent/vocab.txt cannot be read (no such file)")
        }
        let directory = FileManager.default.temporaryDirectory
        #expect(throws: TokenizerError(file: directory.path, problem: .unreadable("it is a directory"))) {
            try WordPieceVocabulary(contentsOf: directory)
        }
    }

    @Test func oversizedFilesAreRefusedBeforeReading() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("oversized-vocab-\(UUID()).txt")
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: UInt64(WordPieceVocabulary.maximumFileSize + 1))  // sparse: no disk used
        try handle.close()
        do {
            _ = try WordPieceVocabulary(contentsOf: url)
            Issue.record("an oversized file was accepted")
        } catch {
            #expect(error.problem == .tooLarge(bytes: WordPieceVocabulary.maximumFileSize + 1,
                                               limit: WordPieceVocabulary.maximumFileSize))
        }
    }

    @Test func loadsTheCommittedSubsetFile() throws {
        let url = TokenizerFixture.directory.appendingPathComponent("vocab-subset.txt")
        let vocabulary = try WordPieceVocabulary(contentsOf: url)
        #expect(vocabulary.id(for: "[PAD]") == 0 && vocabulary.specials.mask != nil)
        #expect(vocabulary.count > 2000)
    }
}
