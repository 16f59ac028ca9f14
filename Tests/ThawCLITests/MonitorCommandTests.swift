import Foundation
import Testing
import ThawTestSupport

/// `thaw monitor --once` on the recorded TensorBoard fixtures prints the numbers TensorBoard
/// shows, and reports broken files on stderr without stopping.
@Suite("thaw monitor --once")
struct MonitorCommandTests {
    /// Rows of the snapshot: run name → tag → the row's columns.
    static func table(_ output: String) -> [String: [String: [String]]] {
        var runs: [String: [String: [String]]] = [:]
        var run: String?
        for line in output.split(separator: "\n") {
            if line.hasPrefix("run ") {
                run = String(line.dropFirst(4).prefix { $0 != " " })
            } else if let run, line.hasPrefix("  "), !line.hasPrefix("  tag ") {
                let columns = line.split(separator: " ").map(String.init)
                runs[run, default: [:]][columns[0]] = columns
            }
        }
        return runs
    }

    /// Exactly the same float32 (all fixture values are), or the same non-finite.
    static func same(_ printed: String, _ value: Double) -> Bool {
        guard let parsed = Double(printed) else { return false }
        return Float(parsed) == Float(value) || (parsed.isNaN && value.isNaN)
    }

    static func step(_ printed: String, _ step: Double) -> Bool { Double(printed) == step }

    @Test func onceShowsWhatTensorBoardShows() throws {
        let run = try ThawBinary.run(["monitor", "--once", TensorBoardExpectations.directory.path])
        let table = Self.table(run.stdout)
        let expected = TensorBoardExpectations.runs
        // Everything that can be read matches (the two broken files are checked below).
        for name in ["pytorch", "resumed", "restarted", "keras/train", "keras/validation", "corrupt/truncated", "corrupt/bad-length-crc"] {
            let tags = try #require(expected[name])
            #expect(Set(table[name]?.keys.map { $0 } ?? []) == Set(tags.keys), "\(name): \(run.stdout)")
            for (tag, want) in tags {
                let row = try #require(table[name]?[tag], "\(name) \(tag)")
                // tag, points, last, step, best, step, min|max
                #expect(row[1] == "\(want.count)", "\(name) \(tag)")
                #expect(Self.same(row[2], want.last.value) && Self.step(row[3], want.last.step), "\(name) \(tag): \(row)")
                let best = try #require(row[6] == "max" ? want.maximum : want.minimum)
                #expect(Self.same(row[4], best.value) && Self.step(row[5], best.step), "\(name) \(tag): \(row)")
            }
        }
        // Where TensorBoard stops at the bad data checksum, thaw skips that one record and reads
        // on: every row is the intact file's, except the skipped record's tag, one point short.
        let intact = try #require(table["pytorch"]), damaged = try #require(table["corrupt/bad-data-crc"])
        #expect(Set(damaged.keys) == Set(intact.keys))
        #expect(intact.keys.filter { intact[$0] != damaged[$0] } == ["momentum"])
        #expect(damaged["momentum"]?[1] == "39" && intact["momentum"]?[1] == "40")
        #expect(run.status == 0, "broken records are warnings, not unreadable files")
        let problems = run.stderr.split(separator: "\n")
        #expect(problems.count == 3, "\(run.stderr)")
        #expect(problems.contains { $0.contains("bad-data-crc/events.out.tfevents") && $0.contains("data fails the checksum; record skipped") })
        #expect(problems.contains { $0.contains("bad-length-crc/events.out.tfevents") && $0.contains("the rest of the file cannot be read") })
        #expect(problems.contains { $0.contains("truncated/events.out.tfevents") && $0.contains("half-written record") })
    }

    @Test func unreadablePathsFailWithOneLineEachAndTheRestIsPrinted() throws {
        let good = TensorBoardExpectations.directory.appendingPathComponent("keras/train").path
        let run = try ThawBinary.run(["monitor", "--once", "/nonexistent/metrics.jsonl", good])
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix("run train  (tensorboard, 1 file, 2 tags)\n"), "\(run.stdout)")
        #expect(run.stderr == "thaw: monitor: /nonexistent/metrics.jsonl: no such file or directory\n")
    }

    @Test func aBaselineComparisonIsPrinted() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thaw-monitor-cli-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "epoch,val_accuracy\n0,0.8\n1,0.85\n2,0.86\n".write(to: directory.appendingPathComponent("ft.csv"), atomically: true, encoding: .utf8)
        try "epoch,val_accuracy\n0,0.5\n1,0.7\n2,0.9\n".write(to: directory.appendingPathComponent("scratch.csv"), atomically: true, encoding: .utf8)
        let run = try ThawBinary.run(["monitor", "--once", "--baseline", "ft.csv=scratch.csv", directory.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("transfer val_accuracy (higher is better): ft.csv vs scratch scratch.csv, 3 matched steps"), "\(run.stdout)")
        #expect(run.stdout.contains("  step 2: pretrained 0.86, scratch 0.9, gap -0.04"))
        #expect(run.stdout.contains("possible negative transfer"))
        #expect(run.stdout.contains("  scratch reached pretrained's 0.86 at step 2"))
        let missing = try ThawBinary.run(["monitor", "--once", "--baseline", "ft.csv=nope", directory.path])
        #expect(missing.status == 1 && missing.stderr.contains("no run named \"nope\" (runs: ft.csv, scratch.csv)"))
        let bad = try ThawBinary.run(["monitor", "--once", "--baseline", "ft.csv", directory.path])
        #expect(bad.status == 64 && bad.stderr.contains("expected PRETRAINED=SCRATCH"))
    }
}
