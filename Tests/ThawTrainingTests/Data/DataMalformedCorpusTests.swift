import Foundation
import Testing
@testable import ThawTraining

/// One committed malformed file and the verdict the readers must reach on it.
struct MalformedDataCase: Sendable, CustomTestStringConvertible {
    let file: String
    let reader: String
    let kind: String
    /// The exact `DatasetLocation.text`, or nil when only the unit is fixed (`whereUnit`).
    let location: String?
    let whereUnit: String?
    let role: String?
    let companion: String?
    let header: String?
    let labelColumn: String?
    let featureShape: [Int]?
    let classNames: [String]?
    let maxFieldBytes: Int?
    let maxColumns: Int?

    var testDescription: String { file }

    static func all() -> [MalformedDataCase] {
        DataFixtures.json("malformed/EXPECTED.json").compactMap { file, value in
            guard let entry = value as? [String: Any], let reader = entry["reader"] as? String,
                  let kind = entry["kind"] as? String else { return nil }
            let options = entry["options"] as? [String: Any] ?? [:]
            return MalformedDataCase(
                file: file, reader: reader, kind: kind, location: entry["location"] as? String,
                whereUnit: entry["where"] as? String, role: entry["role"] as? String,
                companion: entry["companion"] as? String, header: options["header"] as? String,
                labelColumn: options["labelColumn"] as? String, featureShape: options["featureShape"] as? [Int],
                classNames: options["classNames"] as? [String], maxFieldBytes: options["maxFieldBytes"] as? Int,
                maxColumns: options["maxColumns"] as? Int)
        }
        .sorted { $0.file < $1.file }
    }

    var limits: CSVLimits {
        var limits = CSVLimits()
        if let maxFieldBytes { limits.maxFieldBytes = maxFieldBytes }
        if let maxColumns { limits.maxColumns = maxColumns }
        return limits
    }

    var numericOptions: NumericCSVOptions {
        NumericCSVOptions(header: header == "absent" ? .absent : (header == "present" ? .present : .auto),
                          labelColumn: labelColumn.map { .named($0) } ?? .first,
                          featureShape: featureShape, classNames: classNames, limits: limits)
    }

    var textOptions: TextCSVOptions {
        TextCSVOptions(hasHeader: header != "absent", classNames: classNames, limits: limits)
    }

    /// Reads the file from disk, or from memory under the name `name` when `bytes` is given.
    func run(bytes: [UInt8]? = nil, name: String) -> DatasetError? {
        let path = DataFixtures.path("malformed/" + file)
        let other = companion.map(DataFixtures.path)
        return DataFixtures.failure { () throws(DatasetError) in
            switch (reader, bytes) {
            case ("numeric", nil): _ = try NumericCSVReader.read(at: path, options: numericOptions)
            case let ("numeric", bytes?): _ = try NumericCSVReader.read(bytes: bytes, name: name, options: numericOptions)
            case ("text", nil): _ = try TextCSVReader.read(at: path, options: textOptions)
            case let ("text", bytes?): _ = try TextCSVReader.read(bytes: bytes, name: name, options: textOptions)
            case ("images", nil): _ = try IDXReader.readImages(at: path)
            case let ("images", bytes?): _ = try IDXReader.readImages(bytes: bytes, name: name)
            case ("labels", nil): _ = try IDXReader.readLabels(at: path)
            case let ("labels", bytes?): _ = try IDXReader.readLabels(bytes: bytes, name: name)
            case ("pair", _):
                let images = role == "images" ? path : other!
                let labels = role == "images" ? other! : path
                _ = try IDXReader.readDataset(images: images, labels: labels, classNames: classNames)
            default:
                Issue.record("unknown reader \(reader)")
            }
        }
    }
}

/// QUALITY.md G17: every committed malformed CSV and IDX file is refused with the expected
/// kind, in one line naming the file and the line or byte offset.
@Suite struct DataMalformedCorpusTests {
    @Test func manifestCoversTheCorpus() throws {
        let cases = MalformedDataCase.all()
        let listed = Set(cases.map(\.file))
        var onDisk = Set<String>()
        for folder in ["csv", "idx"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: DataFixtures.path("malformed/" + folder))
            onDisk.formUnion(names.map { folder + "/" + $0 })
        }
        #expect(listed == onDisk, "malformed/ and EXPECTED.json differ; rerun make_data_fixtures.py")
        #expect(cases.filter { $0.file.hasPrefix("csv/") }.count >= 30)
        #expect(cases.filter { $0.file.hasPrefix("idx/") }.count >= 15)
        #expect(cases.allSatisfy { DatasetErrorKind(rawValue: $0.kind) != nil }, "unknown kind in EXPECTED.json")
        #expect(cases.allSatisfy { $0.location != nil || $0.whereUnit != nil })
    }

    @Test func everyFileRuleHasAFixture() {
        let covered = Set(MalformedDataCase.all().compactMap { DatasetErrorKind(rawValue: $0.kind) })
        // Not properties of a file's content: I/O, size limits and dataset operations.
        let notFromFiles: Set<DatasetErrorKind> = [.ioError, .fileTooLarge, .invalidSplit, .tooFewExamples]
        let missing = Set(DatasetErrorKind.allCases).subtracting(notFromFiles).subtracting(covered)
        #expect(missing.isEmpty, "kinds without a malformed fixture: \(missing.map(\.rawValue).sorted())")
    }

    @Test(arguments: MalformedDataCase.all())
    func refusedWithTheExpectedKind(_ fixture: MalformedDataCase) throws {
        let path = DataFixtures.path("malformed/" + fixture.file)
        let error = try #require(fixture.run(name: path), "\(fixture.file) was accepted")
        #expect(error.kind.rawValue == fixture.kind, "\(error)")
        #expect(error.file == path, "\(error)")
        DataFixtures.expectOneLine(error, naming: path)
        let place = try #require(error.location.text, "no line or byte offset: \(error)")
        #expect(error.description.contains(": " + place + ": "))
        if let expected = fixture.location {
            #expect(place == expected, "\(error)")
        } else if fixture.whereUnit == "byte" {
            #expect(place.hasPrefix("byte "), "\(error)")
        }

        // The in-memory entry points must reach the same verdict as the file ones.
        if fixture.reader != "pair" {
            let bytes = try DataFixtures.bytes("malformed/" + fixture.file)
            let fromMemory = fixture.run(bytes: bytes, name: fixture.file)
            #expect(fromMemory?.kind == error.kind && fromMemory?.location == error.location,
                    "memory: \(String(describing: fromMemory))")
        }
    }

    @Test func unreadablePathsAreIOErrors() {
        for path in ["/nonexistent/thaw/x.idx", DataFixtures.path("valid")] {
            let idx = DataFixtures.failure { () throws(DatasetError) in try IDXReader.readImages(at: path) }
            let csv = DataFixtures.failure { () throws(DatasetError) in try NumericCSVReader.read(at: path) }
            #expect(idx?.kind == .ioError && csv?.kind == .ioError)
            if let idx { DataFixtures.expectOneLine(idx, naming: path) }
        }
    }

    @Test func fileSizeLimitIsCheckedBeforeReading() throws {
        let path = DataFixtures.path("valid/digits_first20.csv")
        let options = NumericCSVOptions(limits: CSVLimits(maxFileBytes: 100))
        let error = try #require(DataFixtures.failure { () throws(DatasetError) in
            try NumericCSVReader.read(at: path, options: options)
        })
        #expect(error.kind == .fileTooLarge)
        DataFixtures.expectOneLine(error, naming: path)
    }

    @Test func untrustedTextIsEscapedInMessages() throws {
        let bytes = Array("label,a\n\u{1b}[2J\u{2028}x,1\n".utf8)
        let error = try #require(DataFixtures.failure { () throws(DatasetError) in
            try NumericCSVReader.read(bytes: bytes, name: "evil\n.csv", options: NumericCSVOptions(classNames: ["a"]))
        })
        #expect(error.kind == .unknownLabel)
        #expect(!error.description.contains("\u{1b}") && !error.description.contains("\n"))
        #expect(!error.description.contains("\u{2028}"))
    }
}
