import Foundation
import Testing
import ThawTestSupport
@testable import ThawMonitor

/// Event files written by PyTorch's SummaryWriter (and in Keras's layout), read as
/// TensorBoard reads them: `tensorboard-expected.json` holds what TensorBoard's
/// EventAccumulator returned for each run (recorded by `record_tensorboard.py`).
@Suite struct TensorBoardFixtureTests {
    static let root = TensorBoardExpectations.directory
    static let expected = TensorBoardExpectations.runs

    static func point(_ p: TensorBoardExpectations.Point?) -> ScalarPoint? { p.map { ScalarPoint(step: $0.step, value: $0.value) } }

    /// Reads a directory to its end, as `--once` does.
    static func read(_ path: String, options: MonitorOptions = MonitorOptions()) -> [RunSnapshot] {
        var engine = MonitorEngine(roots: [path], options: options)
        engine.readToEnd()
        return engine.snapshots
    }

    static func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }

    @Test func expectationsWereRecorded() {
        #expect(Set(Self.expected.keys) == ["pytorch", "resumed", "restarted", "keras/train", "keras/validation",
                                            "corrupt/bad-data-crc", "corrupt/bad-length-crc", "corrupt/truncated"])
    }

    @Test(arguments: ["pytorch", "resumed", "restarted", "keras/train", "keras/validation", "corrupt/truncated", "corrupt/bad-length-crc"])
    func everyPointIsWhatTensorBoardShows(_ name: String) throws {
        let runs = Self.read(Self.root.appendingPathComponent(name).path)
        let run = try #require(runs.first)
        let expected = try #require(Self.expected[name])
        #expect(Set(run.data.tags.keys) == Set(expected.keys), "histograms, text and model summaries are not scalars")
        for (tag, want) in expected {
            let series = try #require(run.data.tags[tag])
            let points = series.points
            #expect(points.map(\.step) == want.steps, "\(name) \(tag)")
            #expect(points.map(\.value).elementsEqual(want.values, by: Self.same), "\(name) \(tag)")
            #expect(series.count == want.count)
            #expect(series.last?.step == want.last.step && Self.same(series.last!.value, want.last.value))
            #expect(series.minimum == Self.point(want.minimum) && series.maximum == Self.point(want.maximum), "\(name) \(tag)")
        }
    }

    @Test func simpleValuesNewStyleTensorsNaNAndInfinity() throws {
        let run = try #require(Self.read(Self.root.appendingPathComponent("pytorch").path).first)
        #expect(run.format == .tensorBoard && run.name == "pytorch")
        let norm = try #require(run.data.tags["train/grad_norm"])
        #expect(norm.nonFiniteCount == 2)
        #expect(norm.points[17].value.isNaN && norm.points[33].value == .infinity)
        let momentum = try #require(run.data.tags["momentum"]?.points[1].value)
        #expect(Double(Float(momentum)) != momentum, "double_val keeps double precision")
        #expect(run.files.allSatisfy { $0.notes.lines.isEmpty })
    }

    @Test func aRestartWithAPurgeStepHidesTheOrphanedPoints() throws {
        let resumed = try #require(Self.read(Self.root.appendingPathComponent("resumed").path).first?.data.tags["loss"])
        let restarted = try #require(Self.read(Self.root.appendingPathComponent("restarted").path).first?.data.tags["loss"])
        // The first SessionLog START of a run only marks its beginning; a later one purges.
        #expect(resumed.count == 50)
        #expect(restarted.count == 40 && restarted.points.map(\.step) == (0..<40).map(Double.init))
        #expect(restarted.points[25].value == Double(Float(0.5 / 26)))
    }

    @Test func aBadDataChecksumCostsOneRecordWhereTensorBoardStops() throws {
        let run = try #require(Self.read(Self.root.appendingPathComponent("corrupt/bad-data-crc").path).first)
        let reference = try #require(Self.read(Self.root.appendingPathComponent("pytorch").path).first)
        // TensorBoard stops at the broken record (its expectation holds only step 0); Thaw skips
        // that one record, warns, and reads the rest, so it has every step 0 value TensorBoard has…
        for (tag, want) in try #require(Self.expected["corrupt/bad-data-crc"]) {
            #expect(run.data.tags[tag]?.points.first.map { Self.same($0.value, want.values[0]) } == true)
        }
        // …and all the file's other points: one record (one tag at one step) less.
        #expect(run.data.pointCount == reference.data.pointCount - 1)
        let warnings = run.files[0].notes.warnings
        #expect(warnings.count == 1 && warnings[0].message.contains("data fails the checksum; record skipped"), "\(warnings)")
    }

    @Test func aTruncatedFileIsReportedAndCompletedWhenTheRestArrives() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let full = try [UInt8](Data(contentsOf: Self.root.appendingPathComponent("pytorch/events.out.tfevents.1700000000.fixture.1.0")))
        let cut = try [UInt8](Data(contentsOf: Self.root.appendingPathComponent("corrupt/truncated/events.out.tfevents.1700000000.fixture.1.0")))
        let name = "events.out.tfevents.1.test"
        _ = FileManager.default.createFile(atPath: directory.file(name), contents: Data(cut))
        var engine = MonitorEngine(roots: [directory.path])
        engine.poll(now: 0)
        let before = try #require(engine.snapshots.first)
        #expect(before.data.tags["val/accuracy"]?.count == 3)
        #expect(before.files[0].notes.pending?.hasPrefix("half-written record at byte") == true)
        try directory.append(name, Array(full[cut.count...]))
        engine.poll(now: 1)
        let after = try #require(engine.snapshots.first)
        #expect(after.data.tags["val/accuracy"]?.count == 4)
        #expect(after.files[0].notes.lines.isEmpty)
    }

    @Test(arguments: [1, 7, 64, 1000])
    func chunkBoundariesDoNotChangeWhatIsRead(_ size: Int) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.root.appendingPathComponent("pytorch/events.out.tfevents.1700000000.fixture.1.0")))
        var decoder = EventFileDecoder()
        var run = RunData()
        var notes = FileNotes()
        var start = 0
        while start < bytes.count {
            decoder.consume(bytes[start..<Swift.min(bytes.count, start + size)], into: &run, notes: &notes)
            start += size
        }
        let whole = try #require(Self.read(Self.root.appendingPathComponent("pytorch").path).first)
        #expect(run.tags == whole.data.tags, "the same points, NaN included")
    }
}
