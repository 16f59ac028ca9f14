import Testing
@testable import ThawTraining

/// Numeric and text CSV reading on the committed fixtures.
@Suite struct DataCSVReaderTests {
    @Test func digitsSampleWithHeaderAndImageShape() throws {
        let options = NumericCSVOptions(featureShape: [1, 8, 8], scale: 1.0 / 16)
        let digits = try NumericCSVReader.read(at: DataFixtures.path("valid/digits_first20.csv"), options: options)
        #expect(digits.count == 20 && digits.featureShape == [1, 8, 8])
        #expect(digits.classNames == (0...9).map(String.init))
        #expect(digits.labels == (0..<20).map { $0 % 10 })
        #expect(digits.features.allSatisfy { (0...1).contains($0) })
        // The first digits.csv row, pixels 0…3: 0,0,5,13 (÷16).
        #expect(Array(digits.features(at: 0).prefix(4)) == [0, 0, 5.0 / 16, 13.0 / 16])
    }

    @Test func headerlessNumbersInEveryNotation() throws {
        let data = try NumericCSVReader.read(at: DataFixtures.path("valid/numeric_noheader.csv"))
        #expect(data.count == 3 && data.featureShape == [2])
        #expect(data.classNames == ["3", "7"] && data.labels == [0, 1, 0])
        #expect(data.features == [0.5, 0.001, -2, 4.25, 0, 0])
    }

    @Test func headerModesOverrideDetection() throws {
        let path = DataFixtures.path("valid/numeric_noheader.csv")
        let withHeader = try NumericCSVReader.read(at: path, options: NumericCSVOptions(header: .present))
        #expect(withHeader.count == 2)
        let digits = DataFixtures.path("valid/digits_first20.csv")
        let error = DataFixtures.failure { () throws(DatasetError) in
            try NumericCSVReader.read(at: digits, options: NumericCSVOptions(header: .absent))
        }
        #expect(error?.kind == .nonNumeric && error?.location == .field(line: 1, column: 2))
    }

    /// BOM, CRLF, quoted header with escaped quotes, quoted label with a comma, quoted number,
    /// spaces around a number, and a blank last line.
    @Test func rfc4180Details() throws {
        let data = try NumericCSVReader.read(at: DataFixtures.path("valid/numeric_rfc.csv"))
        #expect(data.classNames == ["cat", "cat, big", "dog"])
        #expect(data.labels == [1, 2, 0])
        #expect(data.features == [1, 2, 3, 4, 5, 6])
    }

    @Test func integerLabelsSortNumerically() throws {
        let data = try NumericCSVReader.read(at: DataFixtures.path("valid/integer_labels.csv"))
        #expect(data.classNames == ["2", "9", "10"])
        #expect(data.labels == [2, 1, 0, 2])
    }

    @Test func labelColumnByPositionOrName() throws {
        let path = DataFixtures.path("valid/label_last.csv")
        let last = try NumericCSVReader.read(at: path, options: NumericCSVOptions(labelColumn: .last))
        let named = try NumericCSVReader.read(at: path, options: NumericCSVOptions(labelColumn: .named("TARGET")))
        #expect(last == named)
        #expect(last.classNames == ["x", "y"] && last.labels == [0, 1, 0])
        #expect(last.features == [1, 2, 3, 4, 5, 6])
    }

    @Test func givenClassNamesFixTheIndices() throws {
        let options = NumericCSVOptions(classNames: ["10", "9", "2", "unused"])
        let data = try NumericCSVReader.read(at: DataFixtures.path("valid/integer_labels.csv"), options: options)
        #expect(data.labels == [0, 1, 2, 0])
        #expect(data.classCounts == [2, 1, 1, 0])
    }

    @Test func textWithQuotesCommasAndLineBreaks() throws {
        let path = DataFixtures.path("valid/text.csv")
        let data = try TextCSVReader.read(at: path)
        #expect(data.texts == ["Hello, world", "He said \"win\" now", "line one\nline two", ""])
        #expect(data.classNames == ["ham", "spam"] && data.labels == [0, 1, 0, 1])
        let fromMemory = try TextCSVReader.read(bytes: DataFixtures.bytes("valid/text.csv"), name: path)
        #expect(fromMemory == data)
    }

    @Test func realSMSSample() throws {
        let data = try TextCSVReader.read(at: DataFixtures.path("valid/sms_first50.csv"))
        #expect(data.count == 50)
        #expect(data.classNames == ["ham", "spam"])
        #expect(data.texts[0].hasPrefix("Go until jurong point"))
        #expect(data.labels[2] == 1)   // "Free entry in 2 a wkly comp…"
    }

    @Test func defaultFieldLimitIsOneMegabyte() throws {
        let bytes = Array("label,a\n0,".utf8) + [UInt8](repeating: 0x31, count: (1 << 20) + 1) + [0x0A]
        let error = DataFixtures.failure { () throws(DatasetError) in try NumericCSVReader.read(bytes: bytes, name: "big.csv") }
        #expect(error?.kind == .fieldTooLong && error?.location == .field(line: 2, column: 2))
    }

    @Test func defaultColumnLimitIsCheckedWhileScanning() throws {
        let row = Array(repeating: "0", count: 100_001).joined(separator: ",")
        let bytes = Array((row + "\n" + row + "\n").utf8)
        let error = DataFixtures.failure { () throws(DatasetError) in try NumericCSVReader.read(bytes: bytes, name: "wide.csv") }
        #expect(error?.kind == .tooManyColumns && error?.location == .field(line: 1, column: 100_001))
    }

    @Test func numberGrammar() {
        let cases: [(String, CSVNumber.Parsed)] = [
            ("0", .value(0)), ("-12", .value(-12)), (" 3 ", .value(3)), ("1.5e2", .value(150)),
            (".5", .value(0.5)), ("5.", .value(5)), ("+0.25", .value(0.25)), ("1E-2", .value(0.01)),
            ("", .notANumber), ("-", .notANumber), ("1e", .notANumber), ("0x1p3", .notANumber),
            ("1 2", .notANumber), ("nan", .nonFinite), ("-Infinity", .nonFinite), ("3e40", .nonFinite),
        ]
        for (text, expected) in cases {
            #expect(CSVNumber.parse(ArraySlice(text.utf8)) == expected, "\(text)")
        }
    }
}
