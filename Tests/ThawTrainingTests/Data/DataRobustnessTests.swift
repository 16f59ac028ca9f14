import Testing
import ThawTensor
@testable import ThawTraining

/// QUALITY.md G3 in the unit suite: every truncation of small valid files and a few thousand
/// seeded byte mutations end in a value or a typed, one-line error, never a crash or a hang.
/// (Crashes would take the test process down; the typed `throws(DatasetError)` signatures
/// guarantee no other error type escapes.)
@Suite struct DataRobustnessTests {
    enum Reader: CaseIterable {
        case images, labels, numeric, text
    }

    static let seeds: [(file: String, reader: Reader)] = [
        ("valid/images.idx", .images), ("valid/images.idx.gz", .images),
        ("valid/images_multimember.idx.gz", .images), ("valid/labels.idx", .labels),
        ("valid/labels.idx.gz", .labels), ("mnist/t10k-labels-first20.idx.gz", .labels),
        ("valid/numeric_rfc.csv", .numeric), ("valid/numeric_noheader.csv", .numeric),
        ("valid/integer_labels.csv", .numeric), ("valid/text.csv", .text),
    ]

    /// Runs one reader; returns the error, or nil on success. Checks the message shape.
    @discardableResult
    static func read(_ bytes: [UInt8], _ reader: Reader, name: String = "fuzz.bin") -> DatasetError? {
        let error = DataFixtures.failure { () throws(DatasetError) in
            switch reader {
            case .images: _ = try IDXReader.readImages(bytes: bytes, name: name)
            case .labels: _ = try IDXReader.readLabels(bytes: bytes, name: name)
            case .numeric: _ = try NumericCSVReader.read(bytes: bytes, name: name)
            case .text: _ = try TextCSVReader.read(bytes: bytes, name: name)
            }
        }
        if let error {
            #expect(!error.description.contains("\n") && error.description.hasPrefix(name + ":"), "\(error)")
        }
        return error
    }

    @Test func everyTruncationFailsCleanly() throws {
        for seed in Self.seeds {
            let bytes = try DataFixtures.bytes(seed.file)
            #expect(Self.read(bytes, seed.reader) == nil, "\(seed.file) should be valid")
            for length in 0..<bytes.count {
                let error = Self.read(Array(bytes[0..<length]), seed.reader)
                // An IDX file's size is fixed by its header, so every strict prefix is an error.
                if seed.reader == .images || seed.reader == .labels {
                    #expect(error != nil, "\(seed.file) cut to \(length) bytes was accepted")
                }
            }
        }
    }

    @Test func truncatedDigitsSampleNeverCrashes() throws {
        let bytes = try DataFixtures.bytes("valid/digits_first20.csv")
        for length in stride(from: 0, to: bytes.count, by: 3) {
            Self.read(Array(bytes[0..<length]), .numeric)
        }
    }

    /// 4000 mutants: 1–4 random bytes overwritten, inserted or deleted, or a bit flipped.
    @Test func seededMutationsNeverCrash() throws {
        var generator = SeededGenerator(seed: 0xDA7A)
        let originals = try Self.seeds.map { (bytes: try DataFixtures.bytes($0.file), reader: $0.reader) }
        var rejected = 0
        for _ in 0..<4000 {
            let seed = originals[Int(generator.next() % UInt64(originals.count))]
            var bytes = seed.bytes
            for _ in 0..<(1 + Int(generator.next() % 4)) {
                let index = Int(generator.next() % UInt64(max(bytes.count, 1)))
                let value = UInt8(truncatingIfNeeded: generator.next())
                switch generator.next() % 4 {
                case 0 where !bytes.isEmpty: bytes[index] = value
                case 1 where !bytes.isEmpty: bytes[index] ^= 1 << (value % 8)
                case 2: bytes.insert(value, at: min(index, bytes.count))
                default: if !bytes.isEmpty { bytes.remove(at: index) }
                }
            }
            if Self.read(bytes, seed.reader) != nil { rejected += 1 }
        }
        #expect(rejected > 1000, "mutations were rarely rejected (\(rejected)); is the fuzzer effective?")
    }

    /// Header fields set to extreme values, for both raw and gzip-free paths.
    @Test func extremeHeaderValues() {
        let extremes: [UInt32] = [0, 1, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 4096, 4097, 100_000_000, 100_000_001]
        for count in extremes {
            for side in extremes {
                var bytes: [UInt8] = [0, 0, 8, 3]
                for value in [count, side, side] { bytes += withUnsafeBytes(of: value.bigEndian, Array.init) }
                bytes += [UInt8](repeating: 7, count: 16)
                #expect(Self.read(bytes, .images) != nil)
            }
        }
    }
}
