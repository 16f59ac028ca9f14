import Foundation
import Testing
import ThawSafeTensors

/// Locates the committed fixtures and builds files by hand.
///
/// Fixtures are found relative to this source file rather than bundled as resources, so the
/// Python scripts next to them and the Swift tests read exactly the same bytes.
enum FixtureSupport {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/safetensors")

    static func url(_ relative: String) -> URL {
        directory.appendingPathComponent(relative)
    }

    /// The bytes of a committed file. (FileHandle rather than `Data(contentsOf:)` or
    /// `FileManager.contents`, which leak their buffer for empty files on Linux and would make
    /// LeakSanitizer runs of this suite noisy.)
    static func bytes(_ relative: String) throws -> [UInt8] {
        let handle = try FileHandle(forReadingFrom: url(relative))
        defer { try? handle.close() }
        return [UInt8](try handle.readToEnd() ?? Data())
    }

    /// Parses a committed JSON file; fixtures are trusted, so Foundation's parser is fine here.
    static func json(_ relative: String) -> [String: Any] {
        guard let data = try? Data(bytes(relative)),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }

    /// A file from a header (used verbatim) and a data buffer.
    static func file(header: String, data: [UInt8] = []) -> [UInt8] {
        let headerBytes = Array(header.utf8)
        return littleEndian(UInt64(headerBytes.count)) + headerBytes + data
    }

    static func littleEndian<Word: FixedWidthInteger>(_ word: Word) -> [UInt8] {
        withUnsafeBytes(of: word.littleEndian) { Array($0) }
    }

    static func entry(_ dtype: String, _ shape: [Int], _ begin: Int, _ end: Int) -> String {
        let dims = shape.map(String.init).joined(separator: ",")
        return "{\"dtype\":\"\(dtype)\",\"shape\":[\(dims)],\"data_offsets\":[\(begin),\(end)]}"
    }

    /// Runs `body` and returns the error it throws, or nil if it succeeds.
    static func failure<T>(_ body: () throws(SafeTensorsError) -> T) -> SafeTensorsError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }
}

/// One committed malformed file and the rule Thaw must report for it.
struct MalformedFixture: Sendable, CustomTestStringConvertible {
    let file: String
    let rule: String
    var testDescription: String { file }

    static func all() -> [MalformedFixture] {
        FixtureSupport.json("malformed/EXPECTED.json")
            .compactMap { name, value in
                guard let rule = (value as? [String: Any])?["rule"] as? String else { return nil }
                return MalformedFixture(file: name, rule: rule)
            }
            .sorted { $0.file < $1.file }
    }
}
