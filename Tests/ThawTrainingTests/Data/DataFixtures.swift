import Foundation
import Testing
import ThawTensor
@testable import ThawTraining

/// Locates the committed data fixtures (made by Tests/Fixtures/data/make_data_fixtures.py).
///
/// Found relative to this source file rather than bundled as resources, so the script and
/// the tests read the same bytes, and the suite never touches ../shared.
enum DataFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // Data
        .deletingLastPathComponent()   // ThawTrainingTests
        .deletingLastPathComponent()   // Tests
        .appendingPathComponent("Fixtures/data")

    static func path(_ relative: String) -> String {
        directory.appendingPathComponent(relative).path
    }

    static func bytes(_ relative: String) throws -> [UInt8] {
        let handle = try FileHandle(forReadingFrom: directory.appendingPathComponent(relative))
        defer { try? handle.close() }
        return [UInt8](try handle.readToEnd() ?? Data())
    }

    static func json(_ relative: String) -> [String: Any] {
        guard let data = try? Data(bytes(relative)),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }

    /// The error `body` throws, or nil if it succeeds.
    static func failure<T>(_ body: () throws(DatasetError) -> T) -> DatasetError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }

    /// Asserts the properties every dataset error must have: one line, naming the file.
    static func expectOneLine(_ error: DatasetError, naming file: String,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        let message = error.description
        #expect(!message.contains("\n") && !message.contains("\r"), "not one line: \(message)",
                sourceLocation: sourceLocation)
        #expect(message.hasPrefix(file + ":"), "does not start with the file: \(message)",
                sourceLocation: sourceLocation)
    }

    /// A small labelled dataset: `sizes[c]` examples of class c, interleaved, feature = index.
    static func synthetic(classSizes sizes: [Int], names: [String]? = nil) -> Dataset {
        var labels: [Int] = []
        var remaining = sizes
        while remaining.contains(where: { $0 > 0 }) {
            for c in remaining.indices where remaining[c] > 0 {
                labels.append(c)
                remaining[c] -= 1
            }
        }
        return Dataset(source: "synthetic", featureShape: [1],
                       features: labels.indices.map(Float.init), labels: labels,
                       classNames: names ?? sizes.indices.map { "class\($0)" })
    }
}
