import Foundation
import Testing
import ThawSafeTensors

/// QUALITY.md G1: every committed malformed file is refused with the expected rule, in one
/// line that names the file. The corpus comes from Tests/Fixtures/safetensors/make_corpus.py.
@Suite struct MalformedCorpusTests {
    @Test func manifestCoversTheCorpus() throws {
        let manifest = Set(MalformedFixture.all().map(\.file))
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: FixtureSupport.url("malformed").path)
            .filter { $0 != "EXPECTED.json" }
        #expect(manifest.count >= 30)
        #expect(manifest == Set(onDisk), "malformed/ and EXPECTED.json list different files; rerun make_corpus.py")
        let rules = Set(MalformedFixture.all().map(\.rule))
        #expect(rules.allSatisfy { SafeTensorsRule(rawValue: $0) != nil }, "unknown rule in EXPECTED.json")
    }

    @Test(arguments: MalformedFixture.all())
    func refusedWithTheExpectedRule(_ fixture: MalformedFixture) throws {
        let url = FixtureSupport.url("malformed/" + fixture.file)
        let expected = try #require(SafeTensorsRule(rawValue: fixture.rule))
        let error = try #require(FixtureSupport.failure { () throws(SafeTensorsError) in
            try SafeTensorsFile(contentsOf: url)
        }, "\(fixture.file) was accepted")
        #expect(error.rule == expected, "\(error)")
        #expect(error.file == url.path)
        let message = error.description
        #expect(message.hasPrefix(url.path + ": "))
        #expect(message.contains(fixture.file))
        #expect(!message.contains("\n") && !message.contains("\r"), "message is not one line: \(message)")

        // The in-memory entry point must reach the same verdict as the file one.
        let bytes = try FixtureSupport.bytes("malformed/" + fixture.file)
        let fromBytes = FixtureSupport.failure { () throws(SafeTensorsError) in
            try SafeTensorsFile(bytes: bytes, name: fixture.file)
        }
        #expect(fromBytes?.rule == expected)
    }

    @Test func everyParseRuleHasAFixture() {
        let covered = Set(MalformedFixture.all().compactMap { SafeTensorsRule(rawValue: $0.rule) })
        // Rules that no file on disk can trigger: I/O, accessor misuse and writer errors.
        let notFromFiles: Set<SafeTensorsRule> = [.ioError, .unknownTensor, .dtypeMismatch, .invalidTensorName, .writeFailed]
        let missing = Set(SafeTensorsRule.allCases).subtracting(notFromFiles).subtracting(covered)
        #expect(missing.isEmpty, "rules without a malformed fixture: \(missing.map(\.rawValue).sorted())")
    }

    @Test func unreadablePathsAreIOErrors() {
        let missing = FixtureSupport.failure { () throws(SafeTensorsError) in
            try SafeTensorsFile(contentsOf: URL(fileURLWithPath: "/nonexistent/thaw/x.safetensors"))
        }
        #expect(missing?.rule == .ioError)
        #expect(missing?.description.hasPrefix("/nonexistent/thaw/x.safetensors: cannot read file") == true)
        let directory = FixtureSupport.failure { () throws(SafeTensorsError) in
            try SafeTensorsFile(contentsOf: FixtureSupport.url("valid"))
        }
        #expect(directory?.rule == .ioError)
    }

    /// Untrusted names are escaped so a hostile tensor name cannot break the line or drive the terminal.
    @Test func controlCharactersInNamesAreEscaped() {
        let header = "{\"\\u001b[2J\\nevil\":" + FixtureSupport.entry("F32", [1], 0, 8) + "}"
        let error = FixtureSupport.failure { () throws(SafeTensorsError) in
            try SafeTensorsFile(bytes: FixtureSupport.file(header: header, data: [UInt8](repeating: 0, count: 8)),
                                name: "bad\nname.safetensors")
        }
        #expect(error?.rule == .byteCountMismatch)
        let message = error?.description ?? ""
        #expect(!message.contains("\n") && !message.contains("\u{1b}"))
        #expect(message.contains("\\u{1b}[2J\\u{a}evil"))
        #expect(message.hasPrefix("bad\\u{a}name.safetensors: "))
    }
}
