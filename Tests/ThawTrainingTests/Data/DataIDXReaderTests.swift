import Foundation
import Testing
@testable import ThawTraining

#if canImport(Glibc)
import Glibc
#endif

/// IDX reading on the committed fixtures: values, gzip, limits, and real MNIST bytes.
@Suite struct DataIDXReaderTests {
    /// The pixels make_data_fixtures.py writes: byte k is (17k + 3) mod 256.
    static func expectedPixels(_ count: Int) -> [Float] {
        (0..<count).map { Float((17 * $0 + 3) % 256) / 255 }
    }

    @Test func readsRawImagesScaledToUnitRange() throws {
        let images = try IDXReader.readImages(at: DataFixtures.path("valid/images.idx"))
        #expect(images.count == 5 && images.declaredCount == 5)
        #expect(images.rows == 3 && images.columns == 4)
        #expect(images.pixels == Self.expectedPixels(60))
        #expect(images.pixels.allSatisfy { (0...1).contains($0) })
    }

    @Test(arguments: ["valid/images.idx.gz", "valid/images_multimember.idx.gz", "valid/images_gzip_without_gz_name.idx"])
    func gzipGivesTheSameDataAsRaw(_ file: String) throws {
        let raw = try IDXReader.readImages(at: DataFixtures.path("valid/images.idx"))
        let zipped = try IDXReader.readImages(at: DataFixtures.path(file))
        #expect(zipped.pixels == raw.pixels)
        #expect(zipped.count == raw.count && zipped.rows == raw.rows && zipped.columns == raw.columns)
    }

    @Test func labelsRawAndGzip() throws {
        let raw = try IDXReader.readLabels(at: DataFixtures.path("valid/labels.idx"))
        let zipped = try IDXReader.readLabels(at: DataFixtures.path("valid/labels.idx.gz"))
        #expect(raw.values == [2, 0, 1, 2, 1])
        #expect(zipped.values == raw.values)
    }

    @Test func pairedDatasetHasImageShapeAndClasses() throws {
        let dataset = try IDXReader.readDataset(images: DataFixtures.path("valid/images.idx.gz"),
                                                labels: DataFixtures.path("valid/labels.idx"))
        #expect(dataset.featureShape == [1, 3, 4])
        #expect(dataset.count == 5)
        #expect(dataset.labels == [2, 0, 1, 2, 1])
        #expect(dataset.classNames == ["0", "1", "2"])
        #expect(dataset.classCounts == [1, 2, 2])
        #expect(Array(dataset.features(at: 1)) == Array(Self.expectedPixels(60)[12..<24]))
    }

    @Test(arguments: ["valid/images.idx", "valid/images.idx.gz"])
    func limitReadsOnlyTheFirstItems(_ file: String) throws {
        let two = try IDXReader.readImages(at: DataFixtures.path(file), limit: 2)
        #expect(two.count == 2 && two.declaredCount == 5)
        #expect(two.pixels == Self.expectedPixels(24))
        #expect(try IDXReader.readImages(at: DataFixtures.path(file), limit: 0).count == 0)
        #expect(try IDXReader.readImages(at: DataFixtures.path(file), limit: 99).count == 5)
        let labels = try IDXReader.readDataset(images: DataFixtures.path(file),
                                               labels: DataFixtures.path("valid/labels.idx.gz"), limit: 3)
        #expect(labels.labels == [2, 0, 1])
    }

    /// `limit` inflates only what it needs: a gzip file whose tail is destroyed still yields
    /// its first images, while a full read reports the damage.
    @Test func limitStopsInflatingEarly() throws {
        var bytes = try DataFixtures.bytes("mnist/t10k-images-first20.idx.gz")
        let intact = try IDXReader.readImages(bytes: bytes, name: "sample.gz", limit: 2)
        for index in (bytes.count - 1200)..<bytes.count { bytes[index] = 0xA5 }
        let damaged = try IDXReader.readImages(bytes: bytes, name: "sample.gz", limit: 2)
        #expect(damaged.pixels == intact.pixels)
        let full = DataFixtures.failure { () throws(DatasetError) in try IDXReader.readImages(bytes: bytes, name: "sample.gz") }
        #expect(full != nil)
    }

    @Test func limitOnAShortGzipPayloadFailsOnlyWhenItReachesTheEnd() throws {
        let path = DataFixtures.path("malformed/idx/gz_payload_truncated.idx.gz")
        #expect(try IDXReader.readImages(at: path, limit: 1).count == 1)
        let error = DataFixtures.failure { () throws(DatasetError) in try IDXReader.readImages(at: path, limit: 3) }
        #expect(error?.kind == .idxTruncated)
    }

    /// The first 20 MNIST test images and labels, real bytes from the official files.
    @Test func realMNISTSample() throws {
        let sample = DataFixtures.json("mnist/SAMPLE.json")
        let expectedLabels = try #require(sample["labels"] as? [Int])
        let expectedSums = try #require(sample["pixel_sums"] as? [Int])
        let dataset = try IDXReader.readDataset(images: DataFixtures.path("mnist/t10k-images-first20.idx.gz"),
                                                labels: DataFixtures.path("mnist/t10k-labels-first20.idx.gz"),
                                                classNames: IDXReader.digitClassNames)
        #expect(dataset.count == 20 && dataset.featureShape == [1, 28, 28])
        #expect(dataset.labels == expectedLabels)
        #expect(Array(dataset.labels.prefix(10)) == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
        let sums = (0..<20).map { index in
            dataset.features(at: index).reduce(0) { $0 + Int(($1 * 255).rounded()) }
        }
        #expect(sums == expectedSums)
    }

    /// QUALITY.md G4: headers claiming gigabytes are refused without allocating them. The
    /// claims here are 15 GB of floats or more, so any real allocation would show.
    @Test func hugeClaimsAreRefusedWithoutAllocating() throws {
        let before = Self.peakResidentMB()
        for file in ["huge_100k_by_100k.idx", "claims_4gb_in_100_bytes.idx", "gz_claims_4gb.idx.gz", "huge_count.idx"] {
            let error = DataFixtures.failure { () throws(DatasetError) in
                try IDXReader.readImages(at: DataFixtures.path("malformed/idx/" + file))
            }
            #expect(error != nil, "\(file) was accepted")
        }
        let grown = Self.peakResidentMB() - before
        #expect(grown < 256, "peak RSS grew by \(grown) MB")
    }

    static func peakResidentMB() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }
}
