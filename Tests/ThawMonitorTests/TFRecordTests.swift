import Testing
@testable import ThawMonitor

/// TFRecord framing as bytes arrive in pieces, and what happens to broken records.
@Suite struct TFRecordTests {
    static let payloads: [[UInt8]] = [[1, 2, 3], [], Array(repeating: 7, count: 300), [9]]
    static let file = payloads.flatMap(EventBytes.record)

    func frame(_ bytes: [UInt8], pieces: [Int]) -> (records: [[UInt8]], notes: FileNotes, framer: TFRecordFramer) {
        var framer = TFRecordFramer()
        var notes = FileNotes()
        var records: [[UInt8]] = []
        var start = 0
        for size in pieces + [bytes.count] where start < bytes.count {
            let end = Swift.min(bytes.count, start + size)
            framer.feed(bytes[start..<end], notes: &notes) { record, _ in records.append(Array(record)) }
            start = end
        }
        return (records, notes, framer)
    }

    @Test(arguments: [1, 5, 12, 13, 100, 4096])
    func anyChunkingGivesTheSameRecords(_ size: Int) {
        let result = frame(Self.file, pieces: Array(repeating: size, count: Self.file.count / size + 1))
        #expect(result.records == Self.payloads)
        #expect(result.notes.pending == nil && result.notes.warnings.isEmpty)
    }

    @Test func aHalfWrittenRecordWaitsAndIsReadWhenComplete() {
        var framer = TFRecordFramer()
        var notes = FileNotes()
        var records: [[UInt8]] = []
        let cut = Self.file.count - 100
        framer.feed(Self.file[..<cut], notes: &notes) { record, _ in records.append(Array(record)) }
        #expect(records == [[1, 2, 3], []])
        #expect(notes.pending?.contains("half-written record at byte 35") == true, "\(notes)")
        framer.feed(Self.file[cut...], notes: &notes) { record, _ in records.append(Array(record)) }
        #expect(records == Self.payloads)
        #expect(notes.pending == nil)
    }

    @Test func aBadDataChecksumSkipsOnlyThatRecord() {
        var bytes = Self.file
        bytes[12 + 1] ^= 0x01  // inside the first record's data
        let result = frame(bytes, pieces: [7, 64])
        #expect(result.records == Array(Self.payloads.dropFirst()))
        #expect(result.notes.warnings.map(\.text) == ["record at byte 0: its data fails the checksum; record skipped"])
    }

    @Test func aBadLengthChecksumStopsTheFile() {
        var bytes = Self.file
        let second = 12 + 3 + 4
        bytes[second + 2] ^= 0x10  // the second record's length
        let result = frame(bytes, pieces: [50])
        #expect(result.records == [[1, 2, 3]])
        #expect(result.framer.stopped)
        #expect(result.notes.warnings.first?.message.contains("record at byte \(second): its length fails the checksum") == true)
        #expect(result.notes.pending == nil)
    }

    @Test func anOversizedRecordIsSkippedWithoutBeingHeld() {
        let size = TFRecordFramer.maximumRecord + 10
        let big = [UInt8](repeating: 0, count: size)
        let bytes = EventBytes.record([4]) + EventBytes.record(big) + EventBytes.record([5])
        var framer = TFRecordFramer()
        var notes = FileNotes()
        var records: [[UInt8]] = []
        var start = 0
        while start < bytes.count {
            let end = Swift.min(bytes.count, start + 65536)
            framer.feed(bytes[start..<end], notes: &notes) { record, _ in records.append(Array(record)) }
            // Never more than one chunk and a header are held back.
            #expect(notes.pending == nil || start + 65536 >= bytes.count)
            start = end
        }
        #expect(records == [[4], [5]])
        #expect(notes.warnings.map(\.kind) == ["oversized"])
    }

    @Test func aLengthOfTwoToTheSixtyThreeIsRefused() {
        let length = withUnsafeBytes(of: (UInt64(1) << 63).littleEndian, Array.init)
        let header = length + withUnsafeBytes(of: CRC32C.masked(CRC32C.checksum(length)).littleEndian, Array.init)
        let result = frame(header + [1, 2, 3], pieces: [])
        #expect(result.records.isEmpty && result.framer.stopped)
        #expect(result.notes.warnings.first?.message.contains("claims 9223372036854775808 bytes") == true)
    }
}
